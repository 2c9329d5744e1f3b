package dev.skyport.catalog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Serves runtime templates (Dockerfile, .dockerignore, .skyport/ helpers) as deterministic tarballs. */
@SpringBootApplication
public class TemplateCatalogApplication {

    public static void main(String[] args) {
        SpringApplication.run(TemplateCatalogApplication.class, args);
    }
}
