package dev.tollgate.store;

import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;

/**
 * The stamp of each account: counters that move whenever the user's factors change, so that every session of the user,
 * on any server, can tell that what it decided at sign-in may no longer hold.
 *
 * <p>The counters move in the same database transaction as the change itself ({@link #bump}), so no session can see
 * the change without the stamp or the stamp without the change. A row exists from the first time a stamp is read:
 * a change to an account that no session has read needs no row, because no session holds an older stamp.
 */
public final class AccountStampStore {

    /**
     * The counters of one account.
     *
     * @param changes  factors added, removed or reset
     * @param removals factors removed or reset
     */
    public record Stamp(long changes, long removals) implements java.io.Serializable {

        /** An account whose factors never changed. */
        public static final Stamp NONE = new Stamp(0, 0);
    }

    private final Transactions transactions;

    /**
     * Creates the store.
     *
     * @param factory Tollgate's entity manager factory
     */
    public AccountStampStore(EntityManagerFactory factory) {
        this.transactions = new Transactions(factory);
    }

    /**
     * Reads an account's stamp from the database, creating its row if it has none yet.
     *
     * @param username the account
     * @return the stamp
     */
    public Stamp read(String username) {
        Stamp stamp = transactions.run("reading the account stamp", em -> {
            AccountStampEntity row = em.find(AccountStampEntity.class, username,
                    Map.of("jakarta.persistence.cache.retrieveMode", CacheRetrieveMode.BYPASS));
            return row == null ? null : new Stamp(row.changes(), row.removals());
        });
        if (stamp != null) {
            return stamp;
        }
        // no change was ever counted for this account: from now on one is
        transactions.insertIfAbsent("the account stamp", AccountStampEntity.class, username,
                () -> new AccountStampEntity(username));
        return Stamp.NONE;
    }

    /**
     * Moves an account's stamp on, within the transaction that changes its factors.
     *
     * @param em      the transaction's entity manager
     * @param username the account
     * @param removal whether factors were removed (or reset), not only added
     */
    static void bump(EntityManager em, String username, boolean removal) {
        em.createQuery("UPDATE AccountStampEntity s SET s.changes = s.changes + 1, s.removals = s.removals + :r"
                        + " WHERE s.username = :username")
                .setParameter("r", removal ? 1L : 0L).setParameter("username", username).executeUpdate();
    }
}
