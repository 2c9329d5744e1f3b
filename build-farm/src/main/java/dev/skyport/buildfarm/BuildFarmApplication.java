package dev.skyport.buildfarm;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class BuildFarmApplication {

    public static void main(String[] args) {
        SpringApplication.run(BuildFarmApplication.class, args);
    }
}
