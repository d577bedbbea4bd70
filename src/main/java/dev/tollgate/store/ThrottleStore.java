package dev.tollgate.store;

import jakarta.persistence.CacheRetrieveMode;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The counters of the first-factor throttle, changed atomically across servers: {@link #update} locks the rows of
 * the keys it is given ({@code SELECT ... FOR UPDATE}), hands their counts to a rule, and writes back what the rule
 * decided in the same transaction. Two servers checking passwords for one account at once therefore see each other's
 * count, and no more attempts than the rule allows are ever let through.
 *
 * <p>The store knows nothing of the rule; {@code dev.tollgate.twostep.PasswordThrottle} is the rule.
 */
public final class ThrottleStore {

    private static final Map<String, Object> FRESH = Map.of("jakarta.persistence.cache.retrieveMode",
            CacheRetrieveMode.BYPASS);

    private final Transactions transactions;

    /**
     * Creates the store.
     *
     * @param factory Tollgate's entity manager factory
     */
    public ThrottleStore(EntityManagerFactory factory) {
        this.transactions = new Transactions(factory);
    }

    /**
     * What a rule decided: the counts to write back (in the order of the keys) and the answer to return.
     *
     * @param counts the new counts, one per key; null to leave every row as it is
     * @param answer what {@link #update} returns
     * @param <T>    the answer's type
     */
    public record Change<T>(List<ThrottleCount> counts, T answer) {
    }

    /**
     * Reads the counters of the keys under a lock, lets the rule decide, and writes back its counts.
     *
     * @param keys the counters' keys (at most 64 characters each), in the order the rule expects them
     * @param rule gets the counts in that order ({@link ThrottleCount#NONE} for a counter never used)
     * @param <T>  the rule's answer's type
     * @return the rule's answer
     * @throws StoreUnavailableException if the database cannot be reached
     */
    public <T> T update(List<String> keys, Function<List<ThrottleCount>, Change<T>> rule) {
        Attempt<T> first = attempt(keys, rule);
        if (first.missing().isEmpty()) {
            return first.answer();
        }
        // The rule counts an attempt for a counter that has no row yet: make the rows (an insert that another server
        // made first fails and is ignored), then decide again under their lock. Rows are only ever made for counted
        // attempts: a refused client cannot fill the table with new names.
        for (String key : first.missing()) {
            transactions.insertIfAbsent("the throttle counter", ThrottleEntity.class, key,
                    () -> new ThrottleEntity(key));
        }
        Attempt<T> second = attempt(keys, rule);
        if (!second.missing().isEmpty()) {
            throw new StoreUnavailableException("creating the throttle counters",
                    new IllegalStateException("rows missing after their insert"));
        }
        return second.answer();
    }

    /** The rule's answer, or the keys whose rows must exist before the rule's counts can be written. */
    private record Attempt<T>(T answer, List<String> missing) {
    }

    private <T> Attempt<T> attempt(List<String> keys, Function<List<ThrottleCount>, Change<T>> rule) {
        return transactions.run("counting failed passwords", em -> {
            // locked in one order everywhere, so that two transactions never wait on each other's rows
            Map<String, ThrottleEntity> locked = new HashMap<>();
            for (String key : new TreeSet<>(keys)) {
                ThrottleEntity row = em.find(ThrottleEntity.class, key, LockModeType.PESSIMISTIC_WRITE, FRESH);
                if (row != null) {
                    locked.put(key, row);
                }
            }
            List<ThrottleCount> counts = new ArrayList<>();
            for (String key : keys) {
                ThrottleEntity row = locked.get(key);
                counts.add(row == null ? ThrottleCount.NONE : row.count());
            }
            Change<T> change = rule.apply(List.copyOf(counts));
            if (change.counts() == null) {
                return new Attempt<>(change.answer(), List.of());
            }
            List<String> missing = keys.stream().filter(key -> !locked.containsKey(key)).toList();
            if (!missing.isEmpty()) {
                return new Attempt<T>(null, missing); // nothing written: the transaction ends without a change
            }
            for (int i = 0; i < keys.size(); i++) {
                locked.get(keys.get(i)).set(change.counts().get(i));
            }
            return new Attempt<>(change.answer(), List.of());
        });
    }
}
