package dev.tollgate.factor;

import dev.tollgate.recovery.RecoveryCode;
import dev.tollgate.recovery.RecoveryCodeHasher;
import dev.tollgate.store.RecoveryCodeStore;
import dev.tollgate.store.StoredRecoveryCode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user's single-use recovery codes: the way back in when the phone is lost.
 *
 * <pre>{@code
 * List<String> shown = recovery.regenerate("alice");   // show once; only keyed hashes are stored
 * boolean ok = recovery.use("alice", typed);           // each code works once, also under concurrent use
 * }</pre>
 */
public final class RecoveryCodes {

    /** The number of codes in a set unless configured otherwise. */
    public static final int DEFAULT_COUNT = 10;

    private final RecoveryCodeStore store;
    private final RecoveryCodeHasher hasher;
    private final Clock clock;
    private final SecureRandom random;
    private final int count;

    /**
     * Creates the service.
     *
     * @param store  where the hashes live
     * @param hasher the keyed hash
     * @param clock  the server's time
     * @param random the source of codes
     * @param count  codes per set, 1 to 100
     */
    public RecoveryCodes(RecoveryCodeStore store, RecoveryCodeHasher hasher, Clock clock, SecureRandom random,
            int count) {
        this.store = Objects.requireNonNull(store, "store");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        if (count < 1 || count > 100) {
            throw new IllegalArgumentException("recovery code count must be between 1 and 100, not " + count);
        }
        this.count = count;
    }

    /**
     * Makes a new set of codes for a user; the old set stops working.
     *
     * @param username the owner
     * @return the codes to show once, as {@code xxxx-xxxx-xxxx}
     */
    public List<String> regenerate(String username) {
        NewSet set = newSet();
        store.replaceAll(username, set.hashes(), clock.instant());
        return set.shown();
    }

    /**
     * A set of codes made but not stored yet, for a caller that stores it in its own transaction.
     *
     * @param shown  the codes to show once
     * @param hashes their keyed hashes, to store
     */
    public record NewSet(List<String> shown, List<String> hashes) {

        /** Returns a description without the codes. */
        @Override
        public String toString() {
            return "NewSet[" + shown.size() + " codes, redacted]";
        }
    }

    /**
     * Makes a set of codes without storing it.
     *
     * @return the codes and their hashes
     */
    public NewSet newSet() {
        List<String> shown = new ArrayList<>(count);
        List<String> hashes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            RecoveryCode code = RecoveryCode.generate(random);
            shown.add(code.display());
            hashes.add(hasher.hash(code));
        }
        return new NewSet(List.copyOf(shown), List.copyOf(hashes));
    }

    /**
     * The codes to store with a user's new confirmed factor, in the same transaction: a new set when the user has none
     * left, so that nobody holds a factor without a way back in, and none otherwise (the user keeps the set they have).
     *
     * @param recovery the user's recovery codes, or null to leave them alone
     * @param username the owner
     * @return the set to store and show, possibly empty
     */
    static NewSet firstSet(RecoveryCodes recovery, String username) {
        return recovery != null && recovery.remaining(username) == 0 ? recovery.newSet()
                : new NewSet(List.of(), List.of());
    }

    /**
     * Spends a recovery code of a user.
     *
     * @param username the owner
     * @param typed    the code as typed
     * @return true if it was one of the user's unused codes and this call spent it
     * @throws dev.tollgate.InvalidRequestException if the text cannot be a recovery code
     */
    public boolean use(String username, String typed) {
        RecoveryCode code = RecoveryCode.parse(typed);
        StoredRecoveryCode match = null;
        // every stored hash is compared, so timing does not tell which code (if any) was close
        for (StoredRecoveryCode stored : store.unused(username)) {
            if (hasher.matches(code, stored.codeHash()) && match == null) {
                match = stored;
            }
        }
        return match != null && store.spend(match.id(), username, clock.instant());
    }

    /**
     * Counts the codes a user has left.
     *
     * @param username the owner
     * @return unused codes
     */
    public long remaining(String username) {
        return store.countUnused(username);
    }

    /**
     * Deletes a user's codes.
     *
     * @param username the owner
     */
    public void deleteAll(String username) {
        store.deleteAll(username);
    }

    /**
     * Returns the number of codes per set.
     *
     * @return the count
     */
    public int count() {
        return count;
    }
}
