package dev.tollgate.web.mechanism;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterTypeDiscovery;
import jakarta.enterprise.inject.spi.Annotated;
import jakarta.enterprise.inject.spi.AnnotatedType;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.decorator.Decorator;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.FormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import java.lang.annotation.Annotation;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.logging.Logger;

/**
 * Enables {@link TollgateMechanismDecorator} only in applications that sign in through a Jakarta Security mechanism:
 * one defined by annotation ({@code @FormAuthenticationMechanismDefinition},
 * {@code @CustomFormAuthenticationMechanismDefinition}, {@code @BasicAuthenticationMechanismDefinition}) or a bean of
 * the application that implements {@link HttpAuthenticationMechanism}.
 *
 * <p>Detection happens while types are discovered, before the server adds its built-in mechanisms as beans; the
 * decorator is then added in {@link AfterTypeDiscovery}. In an application that signs in through {@code web.xml},
 * nothing is added, and Jakarta Security stays out of the way of the container's own login.
 *
 * <p>Only the application's own types count: those whose class loader is Tollgate's (the WAR's, since Tollgate sits in
 * {@code WEB-INF/lib} beside {@code WEB-INF/classes}) or a child of it. Servers put their own implementations in
 * bean archives every application sees (WildFly 39 its {@code OpenIdAuthenticationMechanism}, GlassFish and Payara
 * Soteria's), loaded by the server's class loaders, never by one below the application's; a list of server packages
 * would have to name every server and every vendor's package. A mechanism in an EAR's {@code lib/} beside a WAR that
 * holds Tollgate is not the WAR's own and is not counted.
 */
public class TollgateExtension implements Extension {

    private static final Logger LOG = Logger.getLogger(TollgateExtension.class.getName());

    private static final List<Class<? extends Annotation>> DEFINITIONS = List.of(
            FormAuthenticationMechanismDefinition.class,
            CustomFormAuthenticationMechanismDefinition.class,
            BasicAuthenticationMechanismDefinition.class);

    private final ClassLoader application;
    private volatile boolean mechanismFound;

    /** Creates the extension, as the container does through {@code META-INF/services}. */
    public TollgateExtension() {
        this(TollgateExtension.class.getClassLoader());
    }

    /**
     * Creates the extension for an application whose classes are loaded by the given loader or its children.
     *
     * @param application the application's class loader
     */
    TollgateExtension(ClassLoader application) {
        this.application = application;
    }

    /**
     * Tells whether the application has a Jakarta Security mechanism that Tollgate wraps.
     *
     * @return true once a mechanism definition or bean was discovered
     */
    public boolean mechanismFound() {
        return mechanismFound;
    }

    void discover(@Observes ProcessAnnotatedType<?> event) {
        AnnotatedType<?> type = event.getAnnotatedType();
        Class<?> javaClass = type.getJavaClass();
        if (javaClass == TollgateMechanismDecorator.class || !isApplicationClass(javaClass)) {
            return;
        }
        if (hasDefinition(type)) {
            mechanismFound = true;
            return;
        }
        boolean concrete = !javaClass.isInterface() && !Modifier.isAbstract(javaClass.getModifiers());
        if (concrete && HttpAuthenticationMechanism.class.isAssignableFrom(javaClass)) {
            mechanismFound = true;
        }
    }

    private boolean isApplicationClass(Class<?> javaClass) {
        for (ClassLoader loader = javaClass.getClassLoader(); loader != null; loader = loader.getParent()) {
            if (loader == application) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDefinition(Annotated annotated) {
        for (Annotation annotation : annotated.getAnnotations()) {
            if (DEFINITIONS.contains(annotation.annotationType())) {
                return true;
            }
            // definitions may sit on a stereotype, as the specification allows
            for (Class<? extends Annotation> definition : DEFINITIONS) {
                if (annotation.annotationType().isAnnotationPresent(definition)) {
                    return true;
                }
            }
        }
        return false;
    }

    void enableDecorator(@Observes AfterTypeDiscovery event, BeanManager beanManager) {
        if (!mechanismFound) {
            LOG.fine("Tollgate: no Jakarta Security mechanism; the filter guards the container's own login");
            return;
        }
        event.addAnnotatedType(TollgateMechanismDecorator.class, TollgateMechanismDecorator.class.getName())
                .add(DecoratorLiteral.INSTANCE);
        event.getDecorators().add(TollgateMechanismDecorator.class);
        LOG.info("Tollgate: wrapping the application's Jakarta Security mechanism with the second factor");
    }

    /** The {@code @Decorator} annotation, added to the type only when it is wanted. */
    @SuppressWarnings("all")
    static final class DecoratorLiteral extends AnnotationLiteral<Decorator> implements Decorator {
        static final DecoratorLiteral INSTANCE = new DecoratorLiteral();
        private static final long serialVersionUID = 1L;
    }
}
