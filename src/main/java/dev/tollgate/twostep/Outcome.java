package dev.tollgate.twostep;

import java.util.Objects;

/**
 * The result of a use case: done, with its value, or refused, with the reason; either way the change to the session.
 * Adapters turn it into a response: the JSON API into a status and {@code {"error","message"}}, the pages into a
 * message of the resource bundle.
 *
 * @param <T> the value of a successful call
 */
public sealed interface Outcome<T> permits Outcome.Done, Outcome.Refused {

    /**
     * Returns what to do with the session.
     *
     * @return the change, carried out before the response is written
     */
    SessionChange session();

    /**
     * The call did what it was asked.
     *
     * @param value   what it produced
     * @param session what to do with the session
     * @param <T>     the value's type
     */
    record Done<T>(T value, SessionChange session) implements Outcome<T> {
        /** Checks the fields. */
        public Done {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * The call was refused.
     *
     * @param refusal why
     * @param session what to do with the session all the same (a wrong code counts, a lock ends the sign-in)
     * @param <T>     the value's type, had the call succeeded
     */
    record Refused<T>(Refusal refusal, SessionChange session) implements Outcome<T> {
        /** Checks the fields. */
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(session, "session");
        }
    }

    /**
     * A success that leaves the session as it is.
     *
     * @param value what the call produced
     * @param <T>   its type
     * @return the outcome
     */
    static <T> Outcome<T> done(T value) {
        return new Done<>(value, SessionChange.KEEP);
    }

    /**
     * A success that changes the session.
     *
     * @param value   what the call produced
     * @param session the change
     * @param <T>     its type
     * @return the outcome
     */
    static <T> Outcome<T> done(T value, SessionChange session) {
        return new Done<>(value, session);
    }

    /**
     * A refusal for a plain reason that leaves the session as it is.
     *
     * @param problem the reason
     * @param <T>     the value's type, had the call succeeded
     * @return the outcome
     */
    static <T> Outcome<T> refused(Problem problem) {
        return new Refused<>(new Refusal.Plain(problem), SessionChange.KEEP);
    }

    /**
     * A refusal that changes the session.
     *
     * @param refusal the reason
     * @param session the change
     * @param <T>     the value's type, had the call succeeded
     * @return the outcome
     */
    static <T> Outcome<T> refused(Refusal refusal, SessionChange session) {
        return new Refused<>(refusal, session);
    }

    /**
     * Returns the same refusal for a call of another value type.
     *
     * @param <U> the other type
     * @return this refusal, retyped
     * @throws IllegalStateException if this outcome is a success
     */
    default <U> Outcome<U> asRefusal() {
        if (this instanceof Refused<T> refused) {
            return new Refused<>(refused.refusal(), refused.session());
        }
        throw new IllegalStateException("not a refusal");
    }
}
