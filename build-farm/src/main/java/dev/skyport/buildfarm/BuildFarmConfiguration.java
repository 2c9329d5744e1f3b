package dev.skyport.buildfarm;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by several features. */
@Configuration(proxyBeanMethods = false)
public class BuildFarmConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
