package dev.skyport.buildfarm.deployment;

import dev.skyport.api.naming.DnsLabel;
import dev.skyport.buildfarm.error.ApiException;
import java.util.Map;

/** App and microservice names are DNS labels; checked before they reach a key, a path or a container name. */
public final class Names {

    private Names() {
    }

    public static String requireApp(String app) {
        return require("app", app);
    }

    public static String requireMicroservice(String name) {
        return require("microservice", name);
    }

    private static String require(String what, String value) {
        if (!DnsLabel.isValid(value)) {
            throw ApiException.badRequest("invalid_name", DnsLabel.explain(what + " name", String.valueOf(value)),
                    Map.of(what, String.valueOf(value)));
        }
        return value;
    }
}
