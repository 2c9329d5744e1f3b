package dev.skyport.buildfarm.deployment;

import dev.skyport.buildfarm.error.ApiException;
import java.util.Map;
import java.util.regex.Pattern;

/** App and microservice names are DNS labels; checked before they reach a key, a path or a container name. */
public final class Names {

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private Names() {
    }

    public static String requireApp(String app) {
        return require("app", app);
    }

    public static String requireMicroservice(String name) {
        return require("microservice", name);
    }

    private static String require(String what, String value) {
        if (value == null || !DNS_LABEL.matcher(value).matches()) {
            throw ApiException.badRequest("invalid_name", what + " name '" + value + "' is not a DNS label: use 1..63"
                    + " lower-case letters, digits and '-', starting and ending with a letter or digit",
                    Map.of(what, String.valueOf(value)));
        }
        return value;
    }
}
