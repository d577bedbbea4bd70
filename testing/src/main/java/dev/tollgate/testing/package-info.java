/**
 * Testing support for applications with Tollgate, for the integrator's test scope only.
 *
 * <pre>{@code
 * TestAuthenticator app = users.enrolApp("alice");                       // in the test deployment (CDI)
 * SignedIn alice = ApiSignIn.at(url).signIn("alice", "password", app);   // over HTTP, from anywhere
 * }</pre>
 *
 * <p>{@link dev.tollgate.testing.TestAuthenticator} and {@link dev.tollgate.testing.ApiSignIn} are plain Java for
 * tests that call the application over HTTP; {@link dev.tollgate.testing.TollgateTestUsers} is a CDI bean for the
 * test deployment, which {@link dev.tollgate.testing.TestDeploymentGuard} keeps out of any deployment that does not
 * set {@code tollgate.testing.enabled=true}.
 */
package dev.tollgate.testing;
