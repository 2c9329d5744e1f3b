package dev.skyport.registry.htpasswd;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.skyport.registry.RegistryConfigException;
import dev.skyport.registry.credentials.RegistryCredentials;
import java.nio.charset.StandardCharsets;

/**
 * htpasswd lines with bcrypt hashes ({@code user:$2y$...}), the only kind the registry's htpasswd
 * auth accepts.
 */
public final class Htpasswd {

    /** bcrypt's cost: 2^10 rounds, a few tens of milliseconds per check. */
    public static final int DEFAULT_COST = 10;

    private final int cost;

    public Htpasswd(int cost) {
        if (cost < 4 || cost > 31) {
            throw new RegistryConfigException("bcrypt cost " + cost + " is out of range; use 4..31 (default "
                    + DEFAULT_COST + ")");
        }
        this.cost = cost;
    }

    public Htpasswd() {
        this(DEFAULT_COST);
    }

    /** One line, with a trailing newline, for the credentials. */
    public String line(RegistryCredentials credentials) {
        if (credentials.password().getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new RegistryConfigException("the registry password is longer than 72 bytes, which bcrypt cannot"
                    + " hash; use a shorter one");
        }
        String hash = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(cost, credentials.password().toCharArray());
        return credentials.username() + ":" + hash + "\n";
    }

    /** Whether {@code content} (an htpasswd file) accepts this user name and password. */
    public static boolean accepts(String content, RegistryCredentials credentials) {
        for (String line : content.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || !line.substring(0, colon).equals(credentials.username())) {
                continue;
            }
            String hash = line.substring(colon + 1).strip();
            return BCrypt.verifyer().verify(credentials.password().toCharArray(), hash).verified;
        }
        return false;
    }
}
