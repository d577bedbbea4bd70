package dev.tollgate.twostep;

import java.util.Objects;

/**
 * What a use case did to the session, for the HTTP adapter to carry out under the session's lock: keep it, store a
 * new state, store one under a new session id (every change of level: no fixation), or end the session.
 *
 * @param kind  what to do
 * @param state the state to store, for {@link Kind#STORE} and {@link Kind#NEW_ID}; otherwise null
 */
public record SessionChange(Kind kind, MfaState state) {

    /** Nothing changed. */
    public static final SessionChange KEEP = new SessionChange(Kind.KEEP, null);
    /** Sign the caller out and drop the session: a new sign-in starts from the password. */
    public static final SessionChange END = new SessionChange(Kind.END, null);

    /** What the adapter does with the session. */
    public enum Kind {
        /** Leave the session as it is. */
        KEEP,
        /** Store the new state. */
        STORE,
        /** Store the new state and give the session a new id. */
        NEW_ID,
        /** End the session. */
        END
    }

    /** Checks that a state comes with the kinds that store one. */
    public SessionChange {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.STORE || kind == Kind.NEW_ID) != (state != null)) {
            throw new IllegalArgumentException(kind + " with state " + (state == null ? "null" : "given"));
        }
    }

    /**
     * Stores a new state under the same session id.
     *
     * @param state the new state
     * @return the change
     */
    public static SessionChange store(MfaState state) {
        return new SessionChange(Kind.STORE, state);
    }

    /**
     * Stores a new state under a new session id.
     *
     * @param state the new state, at a new level
     * @return the change
     */
    public static SessionChange newId(MfaState state) {
        return new SessionChange(Kind.NEW_ID, state);
    }
}
