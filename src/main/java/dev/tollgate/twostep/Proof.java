package dev.tollgate.twostep;

import dev.tollgate.factor.WebAuthnFactors;
import java.util.Objects;

/** What a user gives as the second factor. None of them shows its secret in {@code toString}. */
public sealed interface Proof permits Proof.Code, Proof.SecurityKey {

    /**
     * Returns the kind, for messages and events.
     *
     * @return the kind
     */
    Kind kind();

    /** The kinds of proof; in words ({@code authenticator code}) in the security events. */
    enum Kind {
        /** A code from an authenticator app. */
        AUTHENTICATOR_CODE,
        /** One of the user's single-use recovery codes. */
        RECOVERY_CODE,
        /** A security key's or passkey's assertion. */
        SECURITY_KEY;

        /**
         * Returns the kind in words, for the security events.
         *
         * @return for example {@code recovery code}
         */
        public String description() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * A code the user types: from an authenticator app, or one of their recovery codes.
     *
     * @param kind  {@link Kind#AUTHENTICATOR_CODE} or {@link Kind#RECOVERY_CODE}
     * @param value the code as typed
     */
    record Code(Kind kind, String value) implements Proof {
        /** Checks the fields. */
        public Code {
            Objects.requireNonNull(value, "value");
            if (kind == null || kind == Kind.SECURITY_KEY) {
                throw new IllegalArgumentException("a typed code is an authenticator code or a recovery code");
            }
        }

        @Override
        public String toString() {
            return kind + "[redacted]";
        }
    }

    /**
     * A code from an authenticator app.
     *
     * @param code the code as typed
     * @return the proof
     */
    static Proof authenticatorCode(String code) {
        return new Code(Kind.AUTHENTICATOR_CODE, code);
    }

    /**
     * One of the user's recovery codes.
     *
     * @param code the code as typed
     * @return the proof
     */
    static Proof recoveryCode(String code) {
        return new Code(Kind.RECOVERY_CODE, code);
    }

    /**
     * A security key's assertion, checked against the ceremony pending in the caller's session.
     *
     * @param responseJson the {@code PublicKeyCredential} as JSON
     * @param relyingParty the relying party it must be for
     */
    record SecurityKey(String responseJson, WebAuthnFactors.RelyingParty relyingParty) implements Proof {
        @Override
        public Kind kind() {
            return Kind.SECURITY_KEY;
        }

        @Override
        public String toString() {
            return kind() + "[redacted]";
        }
    }
}
