package dev.tollgate.twostep;

import dev.tollgate.factor.WebAuthnCeremony;
import dev.tollgate.store.TransactionUseStore;
import java.time.Clock;
import java.util.OptionalInt;

/**
 * The limits of a login transaction that must hold for the transaction, not for one copy of the session that holds
 * it: a session replicated to several servers has a copy on each (and a client may replay an older one), and a limit
 * counted in the copy could be spent once per copy. Counted in the database instead ({@link TransactionUseStore}),
 * each use reserved before what it unlocks is evaluated.
 */
final class TransactionLimits {

    private final TransactionUseStore uses;
    private final Clock clock;

    TransactionLimits(TransactionUseStore uses, Clock clock) {
        this.uses = uses;
        this.clock = clock;
    }

    /**
     * Reserves one attempt at the transaction's second factor.
     *
     * @return the attempt's number (1 for the first), or empty if the transaction's attempts are spent
     */
    OptionalInt reserveAttempt(LoginTransaction transaction, int maxAttempts) {
        return uses.reserve(attemptKey(transaction), maxAttempts, transaction.expiresAt(), clock.instant());
    }

    /** Gives back an attempt that proved nothing (the input was malformed). */
    void giveBack(LoginTransaction transaction) {
        uses.release(attemptKey(transaction));
    }

    /**
     * Spends a security key's challenge: on the server that took the answer the session loses the ceremony, but
     * another server's copy may still hold it, and a key's signature counter (often zero for passkeys) does not
     * refuse a replayed answer. Answered is spent, right or wrong.
     *
     * @return true for the first answer to the challenge, false for any later one
     */
    boolean firstAnswer(WebAuthnCeremony ceremony) {
        return uses.reserve(TransactionUseStore.key("challenge", ceremony.challenge()), 1, ceremony.expiresAt(),
                clock.instant()).isPresent();
    }

    private static String attemptKey(LoginTransaction transaction) {
        return TransactionUseStore.key("attempt", transaction.id());
    }
}
