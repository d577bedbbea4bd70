package dev.tollgate.twostep;

import dev.tollgate.event.SecurityEventType;
import dev.tollgate.factor.FactorLabels;
import dev.tollgate.policy.AssuranceLevel;
import dev.tollgate.store.Factor;
import java.util.List;
import java.util.Optional;

/**
 * A user's own sign-in methods: lists them, renames and removes one, and makes new recovery codes. Changes need
 * aal2; removing a factor needs a fresh proof as well, so that a session left open is not enough to take the second
 * factor off an account, and the last factor stays where the policy requires one.
 *
 * <pre>{@code
 * Outcome<FactorManagement.Overview> mine = management.list(caller);
 * Outcome<Boolean> removed = management.remove(caller, factorId, Optional.of(Proof.authenticatorCode("123456")));
 * }</pre>
 */
public final class FactorManagement {

    private final UseCases.Services services;
    private final Verification verification;

    FactorManagement(UseCases.Services services, Verification verification) {
        this.services = services;
        this.verification = verification;
    }

    /**
     * What a user has.
     *
     * @param username               the user
     * @param aal                    the session's level
     * @param factors                the confirmed factors, oldest first
     * @param recoveryCodesRemaining unused recovery codes
     * @param optedOut               whether the user asked not to be offered enrolment
     */
    public record Overview(String username, AssuranceLevel aal, List<Factor> factors, long recoveryCodesRemaining,
            boolean optedOut) {

        /** Copies the list. */
        public Overview {
            factors = List.copyOf(factors);
        }
    }

    /**
     * Lists the caller's factors.
     *
     * @param caller the session
     * @return the overview; or refused: not signed in
     */
    public Outcome<Overview> list(Caller caller) {
        if (!caller.signedIn()) {
            return Outcome.refused(Problem.NOT_AUTHENTICATED);
        }
        String username = caller.username();
        return Outcome.done(new Overview(username, caller.state().aal(), services.factorStore().findConfirmed(username),
                services.recovery().remaining(username), services.choices().optedOut(username)));
    }

    /**
     * Renames one of the caller's factors; an unchanged name changes nothing and publishes nothing.
     *
     * @param caller   the session, at aal2 if the user has a factor
     * @param factorId the factor
     * @param label    the new name, not blank
     * @return whether the name changed; or refused: not signed in, aal2 needed, no such factor
     * @throws dev.tollgate.InvalidRequestException if the label is blank, too long or has control characters
     */
    public Outcome<Boolean> rename(Caller caller, String factorId, String label) {
        if (!caller.signedIn()) {
            return Outcome.refused(Problem.NOT_AUTHENTICATED);
        }
        List<Factor> confirmed = services.factorStore().findConfirmed(caller.username());
        if (caller.state().aal() != AssuranceLevel.AAL2 && !confirmed.isEmpty()) {
            return Outcome.refused(Problem.MFA_REQUIRED);
        }
        String clean = FactorLabels.rename(label);
        Optional<Factor> factor = confirmed.stream().filter(f -> f.id().equals(factorId)).findFirst();
        if (factor.isEmpty()) {
            return Outcome.refused(Problem.NOT_FOUND);
        }
        if (factor.get().label().equals(clean)) {
            return Outcome.done(false);
        }
        if (!services.factorStore().rename(factorId, caller.username(), clean)) {
            return Outcome.refused(Problem.NOT_FOUND);
        }
        services.audit().publish(SecurityEventType.FACTOR_RENAMED, caller, factorId, null);
        return Outcome.done(true);
    }

    /**
     * Removes one of the caller's factors, with its recovery codes when it is the last one, in one transaction.
     *
     * @param caller   the session, at aal2
     * @param factorId the factor
     * @param proof    a fresh code or recovery code, given with the call
     * @return removed; or refused: not signed in, aal2 needed, no such factor, the last factor the policy requires,
     *         no proof, a wrong proof, or the account is locked
     * @throws dev.tollgate.InvalidRequestException if the proof is malformed
     */
    public Outcome<Boolean> remove(Caller caller, String factorId, Optional<Proof> proof) {
        if (!caller.signedIn()) {
            return Outcome.refused(Problem.NOT_AUTHENTICATED);
        }
        if (caller.state().aal() != AssuranceLevel.AAL2) {
            return Outcome.refused(Problem.MFA_REQUIRED);
        }
        List<Factor> confirmed = services.factorStore().findConfirmed(caller.username());
        if (confirmed.stream().noneMatch(f -> f.id().equals(factorId))) {
            return Outcome.refused(Problem.NOT_FOUND);
        }
        boolean last = confirmed.size() == 1;
        if (last && services.policy().mustEnrol(caller.roles())) {
            return Outcome.refused(Problem.LAST_FACTOR);
        }
        if (proof.isEmpty()) {
            return Outcome.refused(Problem.CODE_REQUIRED);
        }
        Outcome<Optional<Factor>> fresh = verification.freshProof(caller, proof.get(), "to remove a factor");
        if (fresh instanceof Outcome.Refused<Optional<Factor>>) {
            return fresh.asRefusal();
        }
        if (!services.factorStore().delete(factorId, caller.username(), last)) {
            return Outcome.refused(Problem.NOT_FOUND);
        }
        services.audit().publish(SecurityEventType.FACTOR_REMOVED, caller, factorId, null);
        // the other sessions of the user drop to aal1; this one, which proved a factor just now, stays
        return Outcome.done(true, SessionChange.store(caller.state().withCeremony(null)
                .provedAt(services.clock().instant()).withStamp(services.stamps().fresh(caller.username()))));
    }

    /**
     * Replaces the caller's recovery codes with a new set, shown once. Like adding a factor, this needs a proof of a
     * factor within {@code tollgate.freshProof.maxAge}, or one given with the call: whoever holds the new codes can
     * sign in without the owner's factors.
     *
     * @param caller the session, at aal2
     * @param proof  a proof given with the call, if any
     * @return the new codes; or refused: not signed in, aal2 needed, no factor to stand in for, a recent proof is
     *         needed ({@link Problem#CODE_REQUIRED}), or the proof was wrong
     * @throws dev.tollgate.InvalidRequestException if the proof is malformed
     */
    public Outcome<List<String>> regenerateRecoveryCodes(Caller caller, Optional<Proof> proof) {
        if (!caller.signedIn()) {
            return Outcome.refused(Problem.NOT_AUTHENTICATED);
        }
        if (caller.state().aal() != AssuranceLevel.AAL2) {
            return Outcome.refused(Problem.MFA_REQUIRED);
        }
        if (services.factorStore().findConfirmed(caller.username()).isEmpty()) {
            return Outcome.refused(Problem.NO_FACTOR);
        }
        Outcome<Caller> proved = verification.recentProof(caller, proof, "to make new recovery codes");
        if (!(proved instanceof Outcome.Done<Caller> done)) {
            return proved.asRefusal();
        }
        List<String> codes = services.recovery().regenerate(caller.username());
        services.audit().publish(SecurityEventType.RECOVERY_CODES_REGENERATED, caller, null, null);
        MfaState after = done.value().state();
        return Outcome.done(codes, after == caller.state() ? SessionChange.KEEP : SessionChange.store(after));
    }
}
