package dev.skyport.buildfarm.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How much of the machine one instance and one build may take, so that a runaway app or a hostile
 * Dockerfile cannot starve the others (or the platform) of memory, CPU or process slots.
 *
 * @param instance limits of every app instance
 * @param build    limits of every build's {@code RUN} steps
 */
@ConfigurationProperties("skyport.build-farm.limits")
public record ResourceLimits(@DefaultValue Instance instance, @DefaultValue Build build) {

    /**
     * @param memory memory (swap included: the instance gets no swap beyond it); 0 for no limit
     * @param cpus   CPUs, fractions allowed ({@code 0.5}); 0 for no limit
     * @param pids   processes and threads at once; 0 for no limit
     */
    public record Instance(@DefaultValue("512MB") DataSize memory,
                           @DefaultValue("1") double cpus,
                           @DefaultValue("512") long pids) {

        public Instance {
            requireNotNegative("instance.memory", memory.toBytes());
            requireNotNegative("instance.cpus", cpus);
            requireNotNegative("instance.pids", pids);
        }

        /** The CPU limit in the Engine's unit, billionths of a CPU. */
        public long nanoCpus() {
            return Math.round(cpus * 1_000_000_000d);
        }
    }

    /**
     * The Engine's classic build API has no pids limit and docker-java 3.5 sends no CPU quota with a
     * build, so a build's CPU is a relative weight (and optionally a set of CPUs), not a hard cap.
     *
     * @param memory     memory of each {@code RUN} step (swap included); 0 for no limit
     * @param cpuShares  CPU weight under contention; an instance has 1024, so builds yield to apps; 0 for the Engine's default
     * @param cpusetCpus CPUs builds may use ({@code 0-1}, {@code 1,3}); empty for all
     */
    public record Build(@DefaultValue("2GB") DataSize memory,
                        @DefaultValue("512") int cpuShares,
                        String cpusetCpus) {

        public Build {
            requireNotNegative("build.memory", memory.toBytes());
            requireNotNegative("build.cpu-shares", cpuShares);
            if (cpuShares > 0 && cpuShares < 2) {
                throw new IllegalArgumentException("skyport.build-farm.limits.build.cpu-shares must be 0 (the Engine's"
                        + " default) or at least 2, was " + cpuShares);
            }
        }
    }

    private static void requireNotNegative(String setting, double value) {
        if (value < 0) {
            throw new IllegalArgumentException("skyport.build-farm.limits." + setting + " must be 0 (no limit) or more,"
                    + " was " + value);
        }
    }
}
