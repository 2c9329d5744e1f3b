package dev.skyport.buildfarm.runtime.docker;

import dev.skyport.api.microservice.InstanceLogLine;
import dev.skyport.buildfarm.runtime.BuildCancellation;
import dev.skyport.buildfarm.runtime.BuildLog;
import dev.skyport.buildfarm.runtime.BuildSpec;
import dev.skyport.buildfarm.runtime.ConditionalOnDriver;
import dev.skyport.buildfarm.runtime.DeleteScope;
import dev.skyport.buildfarm.runtime.InstanceLogQuery;
import dev.skyport.buildfarm.runtime.InstanceRef;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import dev.skyport.buildfarm.runtime.Observation;
import dev.skyport.buildfarm.runtime.PushedImage;
import dev.skyport.buildfarm.runtime.RunSpec;
import dev.skyport.buildfarm.runtime.RunningInstance;
import dev.skyport.buildfarm.runtime.RuntimeDriver;
import dev.skyport.buildfarm.runtime.RuntimeDrivers;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The driver for one machine: builds, pushes and runs on a local Docker Engine through docker-java,
 * over the socket in {@code skyport.build-farm.docker.host}.
 */
@Component
@ConditionalOnDriver(RuntimeDrivers.DOCKER)
public final class DockerEngineDriver implements RuntimeDriver {

    private final DockerEngine engine;
    private final ContainerLogs logs;

    DockerEngineDriver(DockerEngine engine, ContainerLogs logs) {
        this.engine = engine;
        this.logs = logs;
    }

    @Override
    public String name() {
        return RuntimeDrivers.DOCKER;
    }

    @Override
    public PushedImage build(BuildSpec spec, BuildLog log, BuildCancellation cancellation) {
        return engine.build(spec, log, cancellation);
    }

    @Override
    public RunningInstance run(RunSpec spec, BuildLog log) {
        return engine.run(spec, log);
    }

    @Override
    public void stop(InstanceRef instance) {
        engine.stop(instance);
    }

    @Override
    public RunningInstance start(RunSpec spec, BuildLog log) {
        return engine.start(spec, log);
    }

    @Override
    public void delete(DeleteScope scope) {
        if (scope instanceof DeleteScope.OneDeployment one) {
            engine.deleteDeployment(one.microservice(), one.deploymentId());
        } else if (scope instanceof DeleteScope.WholeMicroservice all) {
            engine.deleteMicroservice(all.microservice());
        }
    }

    @Override
    public Observation observe(MicroserviceKey microservice) {
        return new Observation(microservice, engine.observe(microservice));
    }

    @Override
    public Flux<InstanceLogLine> instanceLogs(MicroserviceKey microservice, InstanceLogQuery query) {
        return logs.of(microservice, query);
    }
}
