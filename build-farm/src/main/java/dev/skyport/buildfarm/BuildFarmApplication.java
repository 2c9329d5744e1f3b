package dev.skyport.buildfarm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The controller: artifacts, deployments, build and run drivers, status, build logs, routes. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class BuildFarmApplication {

    public static void main(String[] args) {
        SpringApplication.run(BuildFarmApplication.class, args);
    }
}
