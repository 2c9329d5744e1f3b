package dev.skyport.buildfarm.deployment;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/**
 * Deployment ids: {@code d-<UTC time>-<4 hex>}, e.g. {@code d-20261122t030000-7f3a}. They sort by time
 * (registry retention relies on it), are valid image tags and container-name parts.
 */
@Component
public class DeploymentIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DeploymentIds(Clock clock) {
        this.clock = clock;
    }

    public String next() {
        byte[] suffix = new byte[2];
        random.nextBytes(suffix);
        return "d-" + TIME.format(clock.instant()).toLowerCase(java.util.Locale.ROOT) + "-"
                + HexFormat.of().formatHex(suffix);
    }
}
