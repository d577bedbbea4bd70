package dev.tollgate.twostep;

import dev.tollgate.store.AccountStampStore;
import dev.tollgate.store.AccountStampStore.Stamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account stamps as this server last read them. Every request of a signed-in session compares its stamp with the
 * account's, so the comparison must cost next to nothing: a stamp read from the database is reused for a short, set
 * time ({@code tollgate.accountChanges.maxDelay}), which is then the longest a change made on another server takes
 * to reach this server's sessions. A change made through this server is seen at once, because the use case that made
 * it reads the stamp again.
 *
 * <pre>{@code
 * Stamp now = stamps.current("alice");   // from memory, or from the database when older than the delay
 * }</pre>
 */
public final class AccountStamps {

    /** Beyond this many users the memory starts again, rather than growing with every account that ever signed in. */
    private static final int MAX_USERS = 100_000;

    private record Seen(Stamp stamp, long readAtMillis) {
    }

    private final AccountStampStore store;
    private final Clock clock;
    private final long maxDelayMillis;
    private final ConcurrentHashMap<String, Seen> seen = new ConcurrentHashMap<>();

    /**
     * Creates the reader.
     *
     * @param store    the stamps in the database
     * @param clock    the server's time
     * @param maxDelay how long a stamp read from the database is reused; zero reads it on every call
     */
    public AccountStamps(AccountStampStore store, Clock clock, Duration maxDelay) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxDelayMillis = maxDelay.toMillis();
    }

    /**
     * Returns an account's stamp, read from the database at most the set delay ago.
     *
     * @param username the account
     * @return the stamp
     */
    public Stamp current(String username) {
        Seen last = seen.get(username);
        if (last != null && clock.millis() - last.readAtMillis() < maxDelayMillis) {
            return last.stamp();
        }
        return fresh(username);
    }

    /**
     * Reads an account's stamp from the database now: at sign-in, and after a change this server made.
     *
     * @param username the account
     * @return the stamp
     */
    public Stamp fresh(String username) {
        Stamp stamp = store.read(username);
        if (seen.size() >= MAX_USERS) {
            seen.clear();
        }
        seen.put(username, new Seen(stamp, clock.millis()));
        return stamp;
    }
}
