package dev.skyport.buildfarm.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v1/openapi.json} (springdoc), with bearer auth declared. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI skyportBuildFarmApi() {
        return new OpenAPI()
                .info(new Info().title("Skyport build farm").version("v1")
                        .description("Artifacts, deployments, build logs and microservices; see docs/api.md."))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("a token with scope 'admin' or 'app:<app>'")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
