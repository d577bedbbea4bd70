package dev.tollgate.factor;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides once, at start-up, whether security keys can be offered in the running server.
 *
 * <pre>{@code
 * Optional<WebAuthnFactors> webauthn = WebAuthnSupport.start(() -> new WebAuthnFactors(store, clock, random), "/shop");
 * // empty: the library failed its self-test here, one warning was logged, and security keys are not offered
 * }</pre>
 *
 * <p>Security keys rest on a library (webauthn4j, with Jackson for JSON and CBOR) that shares the application's class
 * loader with whatever the server shows applications. When those classes do not fit together, the failure is a
 * {@link LinkageError} at the first use, which would be a user's click on "Add a security key". Running both ceremonies
 * once at start-up ({@link WebAuthnFactors#selfTest()}) moves that failure here, where it costs one warning in the
 * server log: authenticator apps and recovery codes go on working, and stored security keys are kept for the day the
 * library works again.
 */
public final class WebAuthnSupport {

    private static final Logger LOG = Logger.getLogger(WebAuthnSupport.class.getName());

    private WebAuthnSupport() {
    }

    /**
     * Creates the ceremonies and runs their self-test.
     *
     * @param ceremonies  creates the ceremonies
     * @param application the application's name, for the warning
     * @return the ceremonies, or empty (after one warning) if the library cannot work in this server
     */
    public static Optional<WebAuthnFactors> start(Supplier<WebAuthnFactors> ceremonies, String application) {
        Objects.requireNonNull(ceremonies, "ceremonies");
        try {
            WebAuthnFactors factors = ceremonies.get();
            factors.selfTest();
            return Optional.of(factors);
        } catch (LinkageError | RuntimeException e) {
            // not VirtualMachineError (out of memory and the like): that says nothing about the library
            LOG.log(Level.WARNING, "Tollgate: security keys are not offered in " + application + ", since the"
                    + " WebAuthn library failed its start-up self-test in this server (" + e + "). Authenticator"
                    + " apps and recovery codes work as usual. A LinkageError here means the server shows the"
                    + " application other versions of the library's dependencies (Jackson) than the ones it needs.", e);
            return Optional.empty();
        }
    }
}
