package dev.tollgate.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.ServletContext;

/**
 * Makes the held logins of this application available to the mechanism decorator through CDI: the start-up builds
 * them with the rest of Tollgate and leaves them in the servlet context, the one object both the servlet container
 * and CDI hand to Tollgate.
 */
@ApplicationScoped
public class HeldLoginsProducer {

    /**
     * Returns the application's held logins.
     *
     * @param context the application's servlet context (a built-in bean of every Jakarta EE web container)
     * @return the held logins
     * @throws IllegalStateException if Tollgate did not start in this application
     */
    @Produces
    HeldLogins heldLogins(ServletContext context) {
        Object held = context.getAttribute(HeldLogins.ATTRIBUTE);
        if (held instanceof HeldLogins logins) {
            return logins;
        }
        throw new IllegalStateException("Tollgate is not started in " + context.getContextPath()
                + "; check the server log for its start-up error");
    }
}
