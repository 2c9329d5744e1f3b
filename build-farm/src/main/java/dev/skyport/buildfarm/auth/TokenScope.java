package dev.skyport.buildfarm.auth;

import dev.skyport.api.naming.DnsLabel;
import dev.skyport.buildfarm.error.ApiException;
import java.util.Map;

/** What a token may do: everything, or the API of one app. */
public sealed interface TokenScope permits TokenScope.Admin, TokenScope.App {

    /** {@code admin} or {@code app:<app>}. */
    String value();

    boolean covers(String app);

    boolean isAdmin();

    record Admin() implements TokenScope {
        @Override
        public String value() {
            return "admin";
        }

        @Override
        public boolean covers(String app) {
            return true;
        }

        @Override
        public boolean isAdmin() {
            return true;
        }
    }

    record App(String app) implements TokenScope {
        @Override
        public String value() {
            return "app:" + app;
        }

        @Override
        public boolean covers(String other) {
            return app.equals(other);
        }

        @Override
        public boolean isAdmin() {
            return false;
        }
    }

    static TokenScope parse(String value) {
        if ("admin".equals(value)) {
            return new Admin();
        }
        if (value != null && value.startsWith("app:") && DnsLabel.isValid(value.substring(4))) {
            return new App(value.substring(4));
        }
        throw ApiException.badRequest("invalid_scope", "scope '" + value + "' is not valid; use 'admin' or"
                + " 'app:<app>' with a DNS-label app name, for example app:shop", Map.of("scope", String.valueOf(value)));
    }
}
