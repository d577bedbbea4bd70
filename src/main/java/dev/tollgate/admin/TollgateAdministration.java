package dev.tollgate.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.List;

/**
 * The administrator's Java API, as a CDI bean: list a user's factors and reset a user who lost them. Inject it into
 * the application's own administration pages; Tollgate does not decide who may call it, the application does.
 *
 * <pre>{@code
 * @Inject TollgateAdministration tollgate;
 *
 * @RolesAllowed("helpdesk")
 * public void lostPhone(String user) {
 *     tollgate.listFactors(user);                                  // what the user has
 *     tollgate.reset(user, securityContext.getCallerPrincipal().getName());
 * }
 * }</pre>
 *
 * <p>The bean finds Tollgate's stores through the application's {@link ServletContext} (a built-in bean of every
 * Jakarta EE web container), so it works in applications with and without a Jakarta Security mechanism. Every reset
 * publishes {@link dev.tollgate.event.SecurityEventType#RESET_BY_ADMINISTRATOR}.
 */
@ApplicationScoped
public class TollgateAdministration {

    private ServletContext context;

    /** For the CDI container's proxy. */
    protected TollgateAdministration() {
    }

    /**
     * Creates the bean for an application.
     *
     * @param context the application's servlet context, where Tollgate keeps its services
     */
    @Inject
    public TollgateAdministration(ServletContext context) {
        this.context = context;
    }

    /**
     * Lists a user's confirmed factors.
     *
     * @param username the user, as the container names them
     * @return the factors, oldest first; empty for a user without any
     * @throws dev.tollgate.InvalidRequestException if the name is blank, too long or has control characters
     * @throws IllegalStateException if Tollgate did not start in this application
     */
    public List<FactorSummary> listFactors(String username) {
        return administration().listFactors(username);
    }

    /**
     * Describes what Tollgate holds about a user: factors, recovery codes left, opt-out and lock.
     *
     * @param username the user
     * @return the overview
     * @throws dev.tollgate.InvalidRequestException if the name is blank, too long or has control characters
     * @throws IllegalStateException if Tollgate did not start in this application
     */
    public AccountOverview overview(String username) {
        return administration().overview(username);
    }

    /**
     * Resets a user: removes every factor, recovery code, account lock and enrolment choice, so that the user enrols
     * again at the next sign-in.
     *
     * @param username      the user
     * @param administrator who resets, for the audit trail
     * @return what was removed
     * @throws dev.tollgate.InvalidRequestException if a name is blank, too long or has control characters
     * @throws IllegalStateException if Tollgate did not start in this application
     */
    public ResetResult reset(String username, String administrator) {
        return administration().reset(username, administrator, null);
    }

    private AccountAdministration administration() {
        Object administration = context.getAttribute(AccountAdministration.ATTRIBUTE);
        if (administration instanceof AccountAdministration a) {
            return a;
        }
        throw new IllegalStateException("Tollgate is not started in " + context.getContextPath()
                + "; check the server log for its start-up error");
    }
}
