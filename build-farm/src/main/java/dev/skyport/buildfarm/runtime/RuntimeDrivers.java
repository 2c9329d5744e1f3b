package dev.skyport.buildfarm.runtime;

import java.util.List;
import org.springframework.core.env.Environment;

/** The drivers a production build farm can run with, and how the setting is read. */
public final class RuntimeDrivers {

    public static final String SETTING = "skyport.build-farm.runtime.driver";
    public static final String DOCKER = "docker";
    public static final String KUBERNETES = "kubernetes";
    /** Every driver shipped in the build farm's jar. Test drivers are not among them. */
    public static final List<String> PRODUCTION = List.of(DOCKER, KUBERNETES);

    private RuntimeDrivers() {
    }

    static String configured(Environment environment) {
        return environment.getProperty(SETTING, DOCKER).trim();
    }
}
