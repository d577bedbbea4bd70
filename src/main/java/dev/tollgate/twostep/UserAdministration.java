package dev.tollgate.twostep;

import dev.tollgate.admin.AccountAdministration;
import dev.tollgate.admin.AccountOverview;
import dev.tollgate.admin.ResetResult;
import dev.tollgate.policy.AssuranceLevel;
import java.util.Optional;

/**
 * An administrator's view of other users' sign-in methods through Tollgate's own endpoint: list them, or reset a
 * user who lost them. It exists only when {@code tollgate.admin.role} names a role, and answers only members of that
 * role whose own session is at aal2.
 *
 * <pre>{@code
 * Outcome<ResetResult> reset = administration.reset(caller, "bob");
 * }</pre>
 */
public final class UserAdministration {

    private final Optional<String> adminRole;
    private final AccountAdministration accounts;
    private final AccountStamps stamps;

    UserAdministration(UseCases.Services services) {
        this.adminRole = services.settings().adminRole();
        this.accounts = services.accounts();
        this.stamps = services.stamps();
    }

    /**
     * Tells whether the endpoint is on.
     *
     * @return true if a role is configured
     */
    public boolean enabled() {
        return adminRole.isPresent();
    }

    /**
     * Describes a user's account.
     *
     * @param caller   the administrator's session
     * @param username the user
     * @return the overview; or refused as {@link #permission}
     * @throws dev.tollgate.InvalidRequestException if the name is blank, too long or has control characters
     */
    public Outcome<AccountOverview> overview(Caller caller, String username) {
        return permission(caller).<Outcome<AccountOverview>>map(Outcome::refused)
                .orElseGet(() -> Outcome.done(accounts.overview(username)));
    }

    /**
     * Removes a user's factors and recovery codes, so that they enrol again at the next sign-in.
     *
     * @param caller   the administrator's session
     * @param username the user
     * @return what was removed; or refused as {@link #permission}
     * @throws dev.tollgate.InvalidRequestException if the name is blank, too long or has control characters
     */
    public Outcome<ResetResult> reset(Caller caller, String username) {
        return permission(caller).<Outcome<ResetResult>>map(Outcome::refused).orElseGet(() -> {
            ResetResult reset = accounts.reset(username, caller.username(), caller.remoteAddress());
            // the user's sessions on this server follow at once, not only after the stamp's delay
            stamps.fresh(username);
            return Outcome.done(reset);
        });
    }

    /**
     * Decides whether the caller may administer others.
     *
     * @param caller the session
     * @return empty if allowed; {@link Problem#NOT_FOUND} without a configured role (the endpoint does not exist),
     *         {@link Problem#NOT_AUTHENTICATED}, {@link Problem#FORBIDDEN} outside the role,
     *         {@link Problem#MFA_REQUIRED}
     *         below aal2
     */
    private Optional<Problem> permission(Caller caller) {
        if (adminRole.isEmpty()) {
            return Optional.of(Problem.NOT_FOUND);
        }
        if (!caller.signedIn()) {
            return Optional.of(Problem.NOT_AUTHENTICATED);
        }
        if (!caller.roles().test(adminRole.get())) {
            return Optional.of(Problem.FORBIDDEN);
        }
        if (caller.state().aal() != AssuranceLevel.AAL2) {
            return Optional.of(Problem.MFA_REQUIRED);
        }
        return Optional.empty();
    }
}
