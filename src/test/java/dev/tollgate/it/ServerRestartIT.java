package dev.tollgate.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.DeploymentUrl;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A server restart on the same data, for a FORM-realm application (policy {@code required}) whose Tollgate tables live
 * in a file database of their own. The test starts, stops and starts the deployment itself (Arquillian undeploys it
 * at the end), so this class has no other test: one that needs a running server belongs in {@link ReplayAndFaultsIT}.
 */
@ExtendWith(ArquillianExtension.class)
class ServerRestartIT {

    private static final String DEPLOYMENT = "restart";

    @ArquillianResource
    private Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    static WebArchive deployment() {
        return TestApplication.named("restart")
                .fileDatabase(Path.of("target", "restart-it", "tollgate").toAbsolutePath())
                .setting("tollgate.policy", "required")
                .formRealmLogin()
                .build();
    }

    @Test
    void keepsEveryConfirmedFactorWorkingAfterARestart(
            @ArquillianResource @OperateOnDeployment(DEPLOYMENT) DeploymentUrl url) throws InterruptedException {
        deployer.deploy(DEPLOYMENT);
        TestApplication.assertDeployed(url.get(), "restart");
        String secret = Enrol.newUser(new Client(url.get()), "peggy", "enrollment_required").secret();

        deployer.undeploy(DEPLOYMENT);
        deployer.deploy(DEPLOYMENT);

        URL base = serving(url);
        Client peggy = new Client(base);
        HttpResponse<String> verified = SignIn.verify(peggy, SignIn.transaction(peggy, "peggy"), Codes.code(secret, 0));
        assertEquals(200, verified.statusCode(), verified.body());
        assertEquals("user=peggy staff=true admin=false aal=aal2", peggy.get("secure/whoami").body());
        HttpResponse<String> replay = SignIn.verify(new Client(base), SignIn.transaction(new Client(base), "peggy"),
                Codes.code(secret, -1));
        assertEquals(410, replay.statusCode(), "a fresh client has no transaction of its own: " + replay.body());
    }

    /**
     * The deployment's URL once the restarted server answers for it. Arquillian's Payara Micro container may report
     * a redeployment before the new server (on a new port) serves the application; Tollgate's API answering
     * {@code 401} for an anonymous caller is the sign that it does. Bounded: a deployment that never comes fails.
     */
    private static URL serving(DeploymentUrl url) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            URL base = url.get();
            try {
                int status = new Client(base).get("mfa/api/factors").statusCode();
                if (status == 401) {
                    return base;
                }
                last = status + " from " + base;
            } catch (RuntimeException notYetListening) {
                last = notYetListening + " from " + base;
            }
            Thread.sleep(500);
        }
        return fail("the redeployed application never answered: " + last);
    }
}
