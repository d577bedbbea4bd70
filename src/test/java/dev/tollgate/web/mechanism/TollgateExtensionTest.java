package dev.tollgate.web.mechanism;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Whether the application has a mechanism of its own: only types of the application's class loader count, never the
 * mechanisms a server shows every application (WildFly's {@code OpenIdAuthenticationMechanism}, Soteria's).
 */
class TollgateExtensionTest {

    /** The application's loader: the one that loaded this test, like the WAR's loads Tollgate and the app. */
    private final ClassLoader application = getClass().getClassLoader();

    /** A mechanism bean the application wrote. */
    public static class OwnMechanism implements HttpAuthenticationMechanism {
        @Override
        public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                HttpMessageContext context) {
            return AuthenticationStatus.NOT_DONE;
        }
    }

    /** A built-in mechanism chosen by annotation, as an application declares it. */
    @FormAuthenticationMechanismDefinition(loginToContinue = @LoginToContinue(loginPage = "/login.html"))
    public static class DefinedMechanism {
    }

    /** An application class that has nothing to do with sign-in. */
    public static class Unrelated {
    }

    private boolean detects(Class<?>... types) {
        TollgateExtension extension = new TollgateExtension(application);
        for (Class<?> type : types) {
            extension.discover(event(type));
        }
        return extension.mechanismFound();
    }

    @Test
    void detectsAMechanismBeanOfTheApplication() {
        assertTrue(detects(Unrelated.class, OwnMechanism.class));
    }

    @Test
    void detectsAMechanismDefinitionOfTheApplication() {
        assertTrue(detects(DefinedMechanism.class));
    }

    @Test
    void detectsNothingInAnApplicationWithoutAMechanism() {
        assertFalse(detects(Unrelated.class, TollgateMechanismDecorator.class));
    }

    @Test
    void ignoresAMechanismOfTheServerWhateverItsPackage() {
        // the server's class loader: not the application's nor below it, sharing only the Jakarta APIs with it, as
        // WildFly's modules and GlassFish's OSGi bundles do; the class name is the application's own, so no list of
        // server packages could tell the two apart
        ClassLoader server = new DefiningLoader(null, application, OwnMechanism.class.getName(),
                DefinedMechanism.class.getName());
        Class<?> serverMechanism = load(server, OwnMechanism.class);
        Class<?> serverDefinition = load(server, DefinedMechanism.class);
        assertTrue(HttpAuthenticationMechanism.class.isAssignableFrom(serverMechanism), "a real mechanism type");
        assertFalse(detects(serverMechanism, serverDefinition));
    }

    @Test
    void detectsAMechanismOfAClassLoaderBelowTheApplications() {
        ClassLoader child = new DefiningLoader(application, application, OwnMechanism.class.getName());
        Class<?> childMechanism = load(child, OwnMechanism.class);
        assertNotSame(application, childMechanism.getClassLoader());
        assertTrue(detects(childMechanism));
    }

    private static Class<?> load(ClassLoader loader, Class<?> original) {
        try {
            Class<?> copy = loader.loadClass(original.getName());
            assertNotSame(original, copy);
            assertSame(loader, copy.getClassLoader());
            return copy;
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static ProcessAnnotatedType<?> event(Class<?> javaClass) {
        AnnotatedType<?> type = (AnnotatedType<?>) Proxy.newProxyInstance(TollgateExtensionTest.class.getClassLoader(),
                new Class<?>[] {AnnotatedType.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getJavaClass" -> javaClass;
                    case "getAnnotations" -> Set.of(javaClass.getAnnotations());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ProcessAnnotatedType<?>) Proxy.newProxyInstance(TollgateExtensionTest.class.getClassLoader(),
                new Class<?>[] {ProcessAnnotatedType.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getAnnotatedType")) {
                        return type;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** Defines the named classes itself from the test's class files; takes the Jakarta APIs from {@code apis}. */
    private static final class DefiningLoader extends ClassLoader {
        private final ClassLoader apis;
        private final Set<String> defined;

        DefiningLoader(ClassLoader parent, ClassLoader apis, String... defined) {
            super(parent);
            this.apis = apis;
            this.defined = Set.of(defined);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (defined.contains(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : define(name);
                }
                if (name.startsWith("jakarta.") || name.startsWith("dev.tollgate.")) {
                    return apis.loadClass(name);
                }
                return super.loadClass(name, resolve);
            }
        }

        private Class<?> define(String name) {
            try (InputStream in = apis.getResourceAsStream(name.replace('.', '/') + ".class")) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
