package dev.skyport.buildfarm.runtime.docker;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;

/**
 * A docker-java configuration that knows no registry credentials at all. docker-java's default
 * configuration reads {@code ~/.docker/config.json}, {@code DOCKER_CONFIG} and {@code registry.*}
 * properties and sends what it finds as {@code X-Registry-Config} with every build, which would hand
 * them to the daemon while it runs a Dockerfile. With this one, a build carries no credentials; the
 * push passes them explicitly, and only the push.
 */
@SuppressWarnings("deprecation") // SSLConfig: part of the interface, unused (unix socket)
final class CredentialFreeDockerConfig implements DockerClientConfig {

    private final URI host;
    private final RemoteApiVersion apiVersion;

    CredentialFreeDockerConfig(URI host, String apiVersion) {
        this.host = host;
        this.apiVersion = apiVersion == null || apiVersion.isBlank() ? RemoteApiVersion.unknown()
                : RemoteApiVersion.parseConfig(apiVersion);
    }

    @Override
    public URI getDockerHost() {
        return host;
    }

    @Override
    public RemoteApiVersion getApiVersion() {
        return apiVersion;
    }

    @Override
    public String getRegistryUsername() {
        return null;
    }

    @Override
    public String getRegistryPassword() {
        return null;
    }

    @Override
    public String getRegistryEmail() {
        return null;
    }

    @Override
    public String getRegistryUrl() {
        return null;
    }

    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
        return null;
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return new AuthConfigurations();
    }

    @Override
    public SSLConfig getSSLConfig() {
        return null;
    }
}
