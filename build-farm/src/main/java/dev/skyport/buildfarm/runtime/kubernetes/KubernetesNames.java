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
 *
 * <p>Two more rules keep every microservice's objects its own. When the app or the microservice name holds a
 * {@code -}, the joined name could also be another pair's ({@code a-b}/{@code c} and {@code a}/{@code b-c}
 * both join to {@code a-b-c}, in one namespace), so such a name always ends in the hash of the pair. And a
 * Service name must start with a letter (DNS-1035), so an instance name that would start with a digit
 * starts with {@code s-}.
 */
public final class KubernetesNames {

    private static final int HASH_LENGTH = 8;

    private KubernetesNames() {
    }

    public static String instance(MicroserviceKey microservice) {
        String name = name("", microservice, "");
        return Character.isDigit(name.charAt(0)) ? name("s-", microservice, "") : name;
    }

    public static String job(MicroserviceKey microservice, String deploymentId) {
        return name("build-", microservice, "-" + shortId(deploymentId));
    }

    /** {@code d-20261202t070516-9baa} → {@code 070516-9baa}: the time of day and the random part. */
    static String shortId(String deploymentId) {
        String id = deploymentId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        int t = id.indexOf('t');
        return t >= 0 && t + 1 < id.length() ? id.substring(t + 1) : id;
    }

    private static String name(String prefix, MicroserviceKey microservice, String suffix) {
        String joined = prefix + microservice.app() + "-" + microservice.name() + suffix;
        if (microservice.app().contains("-") || microservice.name().contains("-")) {
            return hashed(clean(joined), prefix + microservice.app() + "/" + microservice.name() + suffix);
        }
        return label(joined);
    }

    static String label(String name) {
        String clean = clean(name);
        return clean.length() <= DnsLabel.MAX_LENGTH ? clean : hashed(clean, name);
    }

    private static String clean(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+|-+$", "");
    }

    /** {@code clean}, cut to leave room, then {@code -} and 8 hex digits of {@code identity}'s sha256. */
    private static String hashed(String clean, String identity) {
        String head = clean.substring(0, Math.min(clean.length(), DnsLabel.MAX_LENGTH - HASH_LENGTH - 1))
                .replaceAll("-+$", "");
        return head + "-" + sha256(identity).substring(0, HASH_LENGTH);
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
