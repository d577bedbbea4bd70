package dev.tollgate.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How recent what a session knows must be: its last proof of a factor, for the steps that change the account's
 * factors and for step-up paths; and the account's stamp, read again from the database after at most a short delay so
 * that sessions follow changes made on other servers.
 *
 * @param proofMaxAge  {@value #PROOF_MAX_AGE}: adding a factor or making new recovery codes, when the user already has
 *                     a factor, needs a proof of one at most this old (or one given with the call); 0 to 1 hour,
 *                     default 5 minutes; 0 always asks
 * @param stepUpMaxAge {@value #STEP_UP_MAX_AGE}: a step-up path needs a second factor at most this old; 1 minute to 1
 *                     day, default 15 minutes
 * @param accountDelay {@value #ACCOUNT_DELAY}: the longest a change to a user's factors made on another server takes
 *                     to reach this server's sessions; 0 to 1 minute, default 2 seconds; 0 reads the stamp on every
 *                     request
 */
public record Freshness(Duration proofMaxAge, Duration stepUpMaxAge, Duration accountDelay) {

    /** Setting name: how old a proof may be for adding a factor or making new recovery codes. */
    public static final String PROOF_MAX_AGE = "tollgate.freshProof.maxAge";
    /** Setting name: how old a second factor may be on a step-up path. */
    public static final String STEP_UP_MAX_AGE = "tollgate.stepUp.maxAge";
    /** Setting name: how long a change to an account may take to reach the sessions of another server. */
    public static final String ACCOUNT_DELAY = "tollgate.accountChanges.maxDelay";

    /** The defaults. */
    public static final Freshness DEFAULT = new Freshness(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofSeconds(2));

    static final String PROOF_ALLOWED = "an ISO-8601 duration such as PT5M or a number of seconds, from 0 to 1 hour"
            + " (PT1H) (default PT5M)";
    static final String STEP_UP_ALLOWED = "an ISO-8601 duration such as PT15M or a number of seconds, from 1 minute"
            + " (PT1M) to 1 day (P1D) (default PT15M)";
    static final String ACCOUNT_ALLOWED = "an ISO-8601 duration such as PT2S or a number of seconds, from 0 to 1"
            + " minute (PT1M) (default PT2S)";

    /**
     * Validates the durations.
     *
     * @throws ConfigurationException naming the setting that is out of range
     */
    public Freshness {
        requireProofMaxAge(Objects.requireNonNull(proofMaxAge, "proofMaxAge"), proofMaxAge.toString());
        requireStepUpMaxAge(Objects.requireNonNull(stepUpMaxAge, "stepUpMaxAge"), stepUpMaxAge.toString());
        requireAccountDelay(Objects.requireNonNull(accountDelay, "accountDelay"), accountDelay.toString());
    }

    static void requireProofMaxAge(Duration value, String shown) {
        require(PROOF_MAX_AGE, value, shown, Duration.ZERO, Duration.ofHours(1), PROOF_ALLOWED);
    }

    static void requireStepUpMaxAge(Duration value, String shown) {
        require(STEP_UP_MAX_AGE, value, shown, Duration.ofMinutes(1), Duration.ofDays(1), STEP_UP_ALLOWED);
    }

    static void requireAccountDelay(Duration value, String shown) {
        require(ACCOUNT_DELAY, value, shown, Duration.ZERO, Duration.ofMinutes(1), ACCOUNT_ALLOWED);
    }

    private static void require(String key, Duration value, String shown, Duration min, Duration max,
            String allowed) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw Rules.invalid(key, shown, allowed);
        }
    }
}
