package dev.tollgate.testing;

import dev.tollgate.admin.TollgateAdministration;
import dev.tollgate.config.ServletContextSettings;
import dev.tollgate.factor.TotpEnrolment;
import dev.tollgate.twostep.Caller;
import dev.tollgate.twostep.Enrolment;
import dev.tollgate.twostep.Origin;
import dev.tollgate.twostep.Outcome;
import dev.tollgate.twostep.SessionIdentity;
import dev.tollgate.twostep.SignIn;
import dev.tollgate.twostep.UseCases;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Test users with a second factor, in the test deployment: enrols a confirmed authenticator app for a user directly,
 * so that a test need not click through enrolment, and resets users between tests. A CDI bean of this artifact's
 * bean archive: it exists only where the artifact is in {@code WEB-INF/lib}, and refuses to work unless
 * {@value TestDeploymentGuard#ENABLED} is {@code true} (see {@link TestDeploymentGuard}).
 *
 * <pre>{@code
 * @Inject TollgateTestUsers users;
 *
 * @BeforeEach void aliceHasAnApp() { app = users.enrolApp("alice"); }
 * @AfterEach void forgetIt() { users.reset("alice"); }
 *
 * @Test void aliceSeesHerExpenses() {
 *     SignedIn alice = ApiSignIn.at(url.toURI()).signIn("alice", "alice-password", app);
 *     ...
 * }
 * }</pre>
 *
 * <p>Enrolment goes through Tollgate's own use cases, as a user who just gave the password and then added an app:
 * the same policy decides whether the user may add one, the secret is stored encrypted, the first factor comes with
 * recovery codes, and the security events {@code FACTOR_ENROLLED} and {@code FACTOR_CONFIRMED} are published, as in
 * production. The confirmation spends a time step of the new factor; the returned authenticator knows it, so its
 * {@link TestAuthenticator#freshCode()} never sends that step again. Resetting is the administrator's reset
 * ({@link TollgateAdministration#reset}), published as {@code RESET_BY_ADMINISTRATOR} by {@value #ADMINISTRATOR}.
 */
@ApplicationScoped
public class TollgateTestUsers {

    /** The administrator the audit trail names for a reset by this bean. */
    public static final String ADMINISTRATOR = "tollgate-testing";
    /** The label of an app this bean enrols when the test names none. */
    public static final String DEFAULT_LABEL = "Test authenticator";

    /** The roles of a user signed in by this bean: none, so that the policy decides as for a user outside them. */
    private static final Predicate<String> NO_ROLES = role -> false;

    private ServletContext context;
    private TollgateAdministration administration;

    /** For the CDI container's proxy. */
    protected TollgateTestUsers() {
    }

    /**
     * Creates the bean for the test deployment.
     *
     * @param context        the application's servlet context, where Tollgate keeps its use cases
     * @param administration Tollgate's administrator API, for the resets
     */
    @Inject
    public TollgateTestUsers(ServletContext context, TollgateAdministration administration) {
        this.context = context;
        this.administration = administration;
    }

    /** Refuses to start outside a test deployment, also where the guard listener did not run. */
    @PostConstruct
    void requireTestDeployment() {
        TestDeploymentGuard.requireTestDeployment(ServletContextSettings.source(context));
    }

    /**
     * Enrols a confirmed authenticator app for a user who has no factor, labelled {@value #DEFAULT_LABEL}.
     *
     * @param username the user, as the container names them
     * @return the app's authenticator, for the codes of the user's sign-ins
     * @throws IllegalStateException if the user has a factor already (reset them first), or Tollgate refused
     */
    public TestAuthenticator enrolApp(String username) {
        return enrolApp(username, DEFAULT_LABEL);
    }

    /**
     * Enrols a confirmed authenticator app for a user who has no factor.
     *
     * @param username the user, as the container names them
     * @param label    the app's name on the user's factors page
     * @return the app's authenticator, for the codes of the user's sign-ins
     * @throws IllegalStateException if the user has a factor already (reset them first), or Tollgate refused
     */
    public TestAuthenticator enrolApp(String username, String label) {
        if (username == null || username.isBlank()) {
            throw new IllegalArgumentException("username is required");
        }
        UseCases tollgate = useCases();
        if (!tollgate.signIn().methods(username).factors().isEmpty()) {
            throw new IllegalStateException(username + " has a factor already: reset them first"
                    + " (TollgateTestUsers.reset) for a user with exactly one app");
        }
        // the state of a session that has just passed the password: enrolment is then allowed exactly as for the user
        SignIn.Started signedIn = tollgate.signIn().afterPassword(
                new SessionIdentity(username, Set.of(), Origin.CONTAINER), NO_ROLES, null, false);
        Caller caller = new Caller(signedIn.state(), NO_ROLES, null);
        TotpEnrolment started = done(tollgate.enrolment().startApp(caller, label, Optional.empty()), username);
        TestAuthenticator app = TestAuthenticator.fromKeyUri(started.keyUri().toUriString());
        Outcome<Enrolment.Confirmed> confirmed = tollgate.enrolment().confirmApp(caller, started.factorId(),
                app.freshCode(), null);
        done(confirmed, username);
        return app;
    }

    /**
     * Resets users as an administrator would: every factor, recovery code, account lock and enrolment choice is
     * removed, so that each enrols again at the next sign-in. Users without any are left as they are.
     *
     * @param usernames the users
     */
    public void reset(String... usernames) {
        for (String username : usernames) {
            administration.reset(username, ADMINISTRATOR);
        }
    }

    private UseCases useCases() {
        if (context.getAttribute(UseCases.ATTRIBUTE) instanceof UseCases useCases) {
            return useCases;
        }
        throw new IllegalStateException("Tollgate is not started in " + context.getContextPath()
                + "; check the server log for its start-up error");
    }

    private static <T> T done(Outcome<T> outcome, String username) {
        if (outcome instanceof Outcome.Done<T> done) {
            return done.value();
        }
        throw new IllegalStateException("Tollgate refused to enrol an app for " + username + ": "
                + ((Outcome.Refused<T>) outcome).refusal());
    }
}
