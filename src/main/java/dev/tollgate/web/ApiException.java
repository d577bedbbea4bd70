package dev.tollgate.web;

import dev.tollgate.TollgateException;

/**
 * An expected failure of a JSON API call, with the HTTP status it is answered with.
 */
final class ApiException extends TollgateException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String error, String message) {
        super(error, message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException mfaRequired() {
        return new ApiException(401, "mfa_required",
                "This needs a second factor: verify a code from your authenticator app first");
    }

    static ApiException notSignedIn() {
        return new ApiException(401, "not_authenticated", "Sign in first");
    }
}
