package dev.tollgate.web;

import dev.tollgate.twostep.PasswordThrottle;
import dev.tollgate.twostep.SessionIdentity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The password check of Tollgate's own sign-in, shared by {@code POST <basePath>/api/login} and the login page: the
 * {@link PasswordThrottle} first, then the application's realm or identity stores through {@link FirstFactor}.
 */
final class PasswordCheck {

    /** What the check found. */
    sealed interface Result permits Passed, Wrong, Throttled {
    }

    /**
     * The password is right.
     *
     * @param caller the caller as the realm or identity store named them, not as typed
     */
    record Passed(SessionIdentity caller) implements Result {
    }

    /** The user name or the password is wrong (one answer for both). */
    record Wrong() implements Result {
    }

    /**
     * Too many failed passwords: the password was not checked.
     *
     * @param retryAfter how long the client must wait
     */
    record Throttled(Duration retryAfter) implements Result {
    }

    private PasswordCheck() {
    }

    static Result check(TollgateWeb web, HttpServletRequest request, HttpServletResponse response, String username,
            String password) throws IOException {
        PasswordThrottle throttle = web.useCases().passwords();
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.admit(username, address);
        if (wait.isPresent()) {
            return new Throttled(wait.get());
        }
        Optional<SessionIdentity> identity;
        try {
            identity = web.firstFactor().check(request, response, username, password);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("The password check failed", e);
        }
        if (identity.isEmpty()) {
            return new Wrong(); // counted already, by admit
        }
        throttle.succeeded(username, address);
        SessionIdentity caller = identity.get();
        // the name the realm or identity store gave, never the typed one; lower-cased where the store ignores case
        return new Passed(new SessionIdentity(web.settings().userNames().key(caller.username()), caller.groups(),
                caller.origin()));
    }
}
