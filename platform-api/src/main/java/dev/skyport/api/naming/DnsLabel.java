package dev.skyport.api.naming;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * RFC 1123 labels, the names Kubernetes, DNS and the routes accept for apps and microservices. The one
 * place this rule lives: skygear.yaml, the build farm's API, token scopes and the gateway's route
 * announcements all check names here.
 */
public final class DnsLabel {

    public static final int MAX_LENGTH = 63;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private DnsLabel() {
    }

    public static boolean isValid(String name) {
        return name != null && name.length() <= MAX_LENGTH && LABEL.matcher(name).matches();
    }

    /** The closest valid label ({@code My_API} becomes {@code my-api}), or {@code null} when nothing is left. */
    public static String suggest(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (lower.length() > MAX_LENGTH) {
            lower = lower.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return isValid(lower) ? lower : null;
    }

    /**
     * A sentence explaining why {@code name} is not a label and what to write instead, starting with
     * {@code what} ({@code "app"}, {@code "microservice name"}).
     */
    public static String explain(String what, String name) {
        String rule = what + " '" + name + "' is not a DNS label: use at most " + MAX_LENGTH
                + " lower-case letters, digits and '-', starting and ending with a letter or digit";
        String suggestion = suggest(name);
        return suggestion != null && !suggestion.equals(name) ? rule + "; did you mean '" + suggestion + "'?" : rule;
    }
}
