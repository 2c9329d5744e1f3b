package dev.skyport.buildfarm.auth;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.authentication.ServerAuthenticationEntryPointFailureHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Who may call what (docs/api.md, "Authorisation"). Deny by default; a bearer token is the only
 * credential; its scope is its authority. Open: the OpenAPI document, the signed build-context URL
 * (it carries its own token) and the health/metrics endpoints, which live on the management port.
 * Spring Security's strict firewall refuses ambiguous paths ({@code ;}, encoded {@code /} or {@code .},
 * {@code //}, dot segments) with 400 before anything matches on them.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class SecurityConfiguration {

    /** A bean, so Spring Boot does not also set up its default user with a generated password. */
    @Bean
    TokenAuthenticationManager tokenAuthenticationManager(TokenStore tokens) {
        return new TokenAuthenticationManager(tokens);
    }

    @Bean
    SecurityWebFilterChain apiSecurity(ServerHttpSecurity http, TokenAuthenticationManager tokens,
                                       AuthErrorResponses responses) {
        AuthenticationWebFilter bearer = new AuthenticationWebFilter(tokens);
        bearer.setServerAuthenticationConverter(new BearerTokenConverter());
        bearer.setAuthenticationFailureHandler(new ServerAuthenticationEntryPointFailureHandler(responses::unauthorized));
        bearer.setSecurityContextRepository(NoOpServerSecurityContextRepository.getInstance());
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterAt(bearer, SecurityWebFiltersOrder.AUTHENTICATION)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(responses::unauthorized)
                        .accessDeniedHandler(responses::forbidden))
                .authorizeExchange(rules -> rules
                        .pathMatchers("/v1/openapi.json").permitAll()
                        .pathMatchers(HttpMethod.GET, "/v1/builds/{id}/context").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                "/actuator/prometheus").permitAll()
                        .pathMatchers("/v1/apps/{app}/**").access(ScopeAuthorization.appScoped())
                        .pathMatchers("/v1/**").access(ScopeAuthorization.adminOnly())
                        .anyExchange().denyAll())
                .build();
    }

    /** Picked up by Spring Security's filter chain proxy; the strict rules, as they come. */
    @Bean
    StrictServerWebExchangeFirewall strictFirewall() {
        return new StrictServerWebExchangeFirewall();
    }

    @Bean
    ServerExchangeRejectedHandler jsonRejectedHandler(AuthErrorResponses responses) {
        return responses::rejected;
    }
}
