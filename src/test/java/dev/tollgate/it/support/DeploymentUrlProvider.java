package dev.tollgate.it.support;

import java.lang.annotation.Annotation;
import java.net.URL;
import org.jboss.arquillian.container.test.impl.enricher.resource.URLResourceProvider;
import org.jboss.arquillian.core.spi.LoadableExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.arquillian.test.spi.enricher.resource.ResourceProvider;

/**
 * Lets tests inject a {@link DeploymentUrl}: Arquillian's own URL lookup, deferred from the start of the test method
 * to each call. Registered as an Arquillian extension in {@code META-INF/services}.
 */
public final class DeploymentUrlProvider extends URLResourceProvider {

    @Override
    public boolean canProvide(Class<?> type) {
        return DeploymentUrl.class.isAssignableFrom(type);
    }

    @Override
    public Object lookup(ArquillianResource resource, Annotation... qualifiers) {
        return new DeploymentUrl(() -> (URL) super.lookup(resource, qualifiers));
    }

    /** Registers the provider with Arquillian on the client side. */
    public static final class Extension implements LoadableExtension {

        @Override
        public void register(ExtensionBuilder builder) {
            builder.service(ResourceProvider.class, DeploymentUrlProvider.class);
        }
    }
}
