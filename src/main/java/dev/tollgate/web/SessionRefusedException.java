package dev.tollgate.web;

import dev.tollgate.TollgateException;

/**
 * The server will not give this request the session its cookie names, so Tollgate can neither keep the request's
 * state in it nor start another: Open Liberty refuses a session owned by a signed-in user to a request that is not
 * signed in as that user. Answered {@code 401 {"error":"not_authenticated"}}, as a request that did not sign in is.
 */
final class SessionRefusedException extends TollgateException {

    private static final long serialVersionUID = 1L;

    SessionRefusedException(Throwable refusal) {
        super("not_authenticated", "The server refused this request the session it names: send every cookie the"
                + " sign-in set, or sign in again without the session cookie", refusal);
    }
}
