package dev.tollgate.twostep;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Why a use case refused: a plain reason, a wrong proof with what the user may do next, or a locked account. */
public sealed interface Refusal permits Refusal.Plain, Refusal.WrongProof, Refusal.Locked,
        Refusal.KeyRefused {

    /**
     * A reason that needs no details.
     *
     * @param problem the reason
     */
    record Plain(Problem problem) implements Refusal {
        /** Checks the field. */
        public Plain {
            Objects.requireNonNull(problem, "problem");
        }
    }

    /**
     * A code, recovery code or security-key answer that was wrong.
     *
     * @param kind         what was given
     * @param attemptsLeft how many more tries this sign-in allows, or -1 where no transaction counts them
     * @param clockOffset  for an authenticator code that was right at an earlier time: how far the phone's clock is
     *                     behind (negative; the code is still refused, and its step can never be accepted). A code
     *                     of a step to come is never explained: it would be the right code then
     */
    record WrongProof(Proof.Kind kind, int attemptsLeft, Optional<Duration> clockOffset) implements Refusal {
        /** Checks the fields. */
        public WrongProof {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(clockOffset, "clockOffset");
        }
    }

    /**
     * Too many consecutive failures on the account: its second factor is locked.
     *
     * @param retryAfter how long until the lock ends
     */
    record Locked(Duration retryAfter) implements Refusal {
        /** Checks the field. */
        public Locked {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * A security key's answer to a registration that was refused: malformed, for another challenge or origin, or a
     * key that is registered already.
     *
     * @param reason what was wrong, in English, without any credential data
     */
    record KeyRefused(String reason) implements Refusal {
        /** Checks the field. */
        public KeyRefused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
