package dev.tollgate.it.support;

import java.net.URL;
import java.util.function.Supplier;

/**
 * The URL of a deployment, looked up each time it is asked for: a test that restarts the server with Arquillian's
 * {@code Deployer} gets the new address (Payara Micro takes a new random port each start), where an injected
 * {@link URL} keeps the one of the server that the test method started with.
 *
 * <pre>{@code
 * @Test
 * void survivesARestart(@ArquillianResource @OperateOnDeployment("app") DeploymentUrl url) {
 *     deployer.deploy("app");
 *     Client before = new Client(url.get());
 * }
 * }</pre>
 */
public final class DeploymentUrl implements Supplier<URL> {

    private final Supplier<URL> lookup;

    DeploymentUrl(Supplier<URL> lookup) {
        this.lookup = lookup;
    }

    /** The deployment's URL now; it must be deployed. */
    @Override
    public URL get() {
        return lookup.get();
    }
}
