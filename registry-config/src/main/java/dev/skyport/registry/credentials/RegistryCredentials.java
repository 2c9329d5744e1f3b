package dev.skyport.registry.credentials;

import dev.skyport.registry.RegistryConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A registry user name and password. {@link #toString()} never shows the password, so a record
 * that ends up in a log line or an exception message does not leak it.
 */
public record RegistryCredentials(String username, String password) {

    public RegistryCredentials {
        if (username == null || username.isBlank()) {
            throw new RegistryConfigException("the registry user name is empty");
        }
        if (username.indexOf(':') >= 0) {
            throw new RegistryConfigException("the registry user name '" + username
                    + "' contains ':', which basic auth and htpasswd cannot carry; choose a name without it");
        }
        if (password == null || password.isEmpty()) {
            throw new RegistryConfigException("the registry password for '" + username + "' is empty");
        }
    }

    /** {@code base64(username:password)}, the form of basic auth and of a docker config's {@code auth}. */
    public String basicToken() {
        return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The value of an {@code Authorization} header. */
    public String basicAuthorization() {
        return "Basic " + basicToken();
    }

    @Override
    public String toString() {
        return "RegistryCredentials[username=" + username + ", password=***]";
    }
}
