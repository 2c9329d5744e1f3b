package dev.skyport.buildfarm.runtime;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one driver of this build farm. Start-up fails here, naming the valid drivers, when the setting
 * names none that loaded (a typo, or a test driver in production).
 */
@Component
public class SelectedDriver {

    private final RuntimeDriver driver;

    public SelectedDriver(ObjectProvider<RuntimeDriver> drivers, Environment environment) {
        List<RuntimeDriver> loaded = drivers.orderedStream().toList();
        String configured = RuntimeDrivers.configured(environment);
        if (loaded.size() != 1 || !loaded.get(0).name().equals(configured)) {
            throw new IllegalStateException(RuntimeDrivers.SETTING + " is '" + configured
                    + "', which is not a driver of this build farm; valid names: "
                    + String.join(", ", RuntimeDrivers.PRODUCTION));
        }
        this.driver = loaded.get(0);
    }

    public RuntimeDriver get() {
        return driver;
    }
}
