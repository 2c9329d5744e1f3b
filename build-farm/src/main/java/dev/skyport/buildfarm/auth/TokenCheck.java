package dev.skyport.buildfarm.auth;

import java.time.Instant;

/** What the store says of a bearer token. */
public sealed interface TokenCheck {

    record Valid(TokenScope scope) implements TokenCheck {
    }

    record Unknown() implements TokenCheck {
    }

    record Expired(Instant at) implements TokenCheck {
    }

    record Revoked(Instant at) implements TokenCheck {
    }
}
