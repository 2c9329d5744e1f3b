package dev.skyport.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TemplateCatalogApplication {

    public static void main(String[] args) {
        SpringApplication.run(TemplateCatalogApplication.class, args);
    }
}
