package dev.tollgate.store;

import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the uses of something short-lived that the HTTP session holds (a login transaction, a security key's
 * challenge) against a limit, in the database. A session replicated to several servers exists there in several
 * copies, each with the same allowance; counted here, the allowance is the transaction's, whichever copy is used.
 *
 * <p>A use is reserved ({@link #reserve}) before what it unlocks is evaluated, by one conditional {@code UPDATE} that
 * only counts while the limit is not reached: concurrent uses on every server are all counted, and no more than the
 * limit are let through. Rows carry their thing's expiry and are deleted after it.
 */
public final class TransactionUseStore {

    /** How often one server deletes the rows that expired. */
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    /**
     * How long a row outlives its thing: a server whose clock is behind still accepts a transaction that another's
     * has seen expire, and must still find its count.
     */
    private static final Duration PURGE_MARGIN = Duration.ofMinutes(10);

    private final Transactions transactions;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    /**
     * Creates the store.
     *
     * @param factory Tollgate's entity manager factory
     */
    public TransactionUseStore(EntityManagerFactory factory) {
        this.transactions = new Transactions(factory);
    }

    /**
     * Makes the key a use is counted under: a SHA-256 of the kind and the value, so that the database holds nothing
     * a client could present.
     *
     * @param kind  what is counted, for example {@code "attempt"} or {@code "challenge"}
     * @param value the transaction id or the challenge
     * @return 64 hexadecimal digits
     */
    public static String key(String kind, String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((kind + ':' + value).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * Reserves one use, if fewer than the limit were reserved before.
     *
     * @param key       from {@link #key}
     * @param limit     how many uses there may be in all
     * @param expiresAt when the thing counted expires, after which its row may go
     * @param now       the server's time
     * @return the number of this use (1 for the first), or empty if the limit was reached
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public OptionalInt reserve(String key, int limit, Instant expiresAt, Instant now) {
        Objects.requireNonNull(key, "key");
        purgeExpired(now);
        for (int tries = 0; tries < 3; tries++) {
            Reserved reserved = tryReserve(key, limit);
            if (reserved != Reserved.NO_ROW) {
                return reserved.use;
            }
            // the first use: the row the update needs is created (an insert another server made first is ignored)
            transactions.insertIfAbsent("the transaction's use count", TransactionUseEntity.class, key,
                    () -> new TransactionUseEntity(key, expiresAt));
        }
        throw new StoreUnavailableException("reserving a use of the transaction",
                new IllegalStateException("the use count row could not be created"));
    }

    /**
     * Gives back a use that was reserved but proved nothing (the input was malformed).
     *
     * @param key from {@link #key}
     */
    public void release(String key) {
        transactions.run("releasing a use of the transaction", em -> em.createQuery("UPDATE TransactionUseEntity u"
                        + " SET u.uses = u.uses - 1 WHERE u.key = :key AND u.uses > 0")
                .setParameter("key", key).executeUpdate());
    }

    /** What one reservation found: a use, the limit reached, or no row yet. */
    private record Reserved(OptionalInt use) {
        static final Reserved NO_ROW = new Reserved(null);
        static final Reserved EXHAUSTED = new Reserved(OptionalInt.empty());
    }

    private Reserved tryReserve(String key, int limit) {
        return transactions.run("reserving a use of the transaction", em -> {
            int counted = em.createQuery("UPDATE TransactionUseEntity u SET u.uses = u.uses + 1"
                            + " WHERE u.key = :key AND u.uses < :limit")
                    .setParameter("key", key).setParameter("limit", limit).executeUpdate();
            TransactionUseEntity row = fresh(em, key);
            if (row == null) {
                return Reserved.NO_ROW;
            }
            // read in the same transaction as the update, whose row lock it holds: the count this use made
            return counted == 0 ? Reserved.EXHAUSTED : new Reserved(OptionalInt.of(row.uses()));
        });
    }

    private void purgeExpired(Instant now) {
        Instant last = lastPurge.get();
        if (now.isBefore(last.plus(PURGE_INTERVAL)) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        transactions.run("deleting expired use counts", em -> em.createQuery(
                        "DELETE FROM TransactionUseEntity u WHERE u.expiresAt < :before")
                .setParameter("before", now.minus(PURGE_MARGIN)).executeUpdate());
    }

    private static TransactionUseEntity fresh(EntityManager em, String key) {
        return em.createQuery("SELECT u FROM TransactionUseEntity u WHERE u.key = :key", TransactionUseEntity.class)
                .setParameter("key", key)
                .setHint("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS)
                .getResultStream().findFirst().orElse(null);
    }
}
