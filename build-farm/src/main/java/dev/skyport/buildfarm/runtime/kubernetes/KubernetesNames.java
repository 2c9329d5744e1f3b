package dev.skyport.buildfarm.runtime.kubernetes;

import dev.skyport.api.naming.DnsLabel;
import dev.skyport.buildfarm.runtime.MicroserviceKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Object names: {@code <app>-<microservice>} for a Deployment and its Service, {@code build-<app>-
 * <microservice>-<short id>} for a build Job. DNS-1123 labels of at most 63 characters: a longer one is
 * cut and ends in 8 hex digits of the full name's sha256, so two long names never meet.
 */
public final class KubernetesNames {

    private static final int HASH_LENGTH = 8;

    private KubernetesNames() {
    }

    public static String instance(MicroserviceKey microservice) {
        return label(microservice.app() + "-" + microservice.name());
    }

    public static String job(MicroserviceKey microservice, String deploymentId) {
        return label("build-" + microservice.app() + "-" + microservice.name() + "-" + shortId(deploymentId));
    }

    /** {@code d-20261202t070516-9baa} → {@code 070516-9baa}: the time of day and the random part. */
    static String shortId(String deploymentId) {
        String id = deploymentId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        int t = id.indexOf('t');
        return t >= 0 && t + 1 < id.length() ? id.substring(t + 1) : id;
    }

    static String label(String name) {
        String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
        if (clean.length() <= DnsLabel.MAX_LENGTH) {
            return clean;
        }
        String head = clean.substring(0, DnsLabel.MAX_LENGTH - HASH_LENGTH - 1).replaceAll("-+$", "");
        return head + "-" + sha256(name).substring(0, HASH_LENGTH);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
