package dev.tollgate.it.apps.basic;

import dev.tollgate.it.apps.PlainText;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;

/**
 * {@code GET /mechanism-qualifiers}: what decides whether {@link AppDecorator} applies, as this server sees it:
 * {@code definitionQualifiers}, whether the server's Jakarta Security has the definitions' {@code qualifiers} member
 * (version 4), and {@code defaultMechanism}, whether a mechanism bean has the {@code @Default} qualifier.
 */
@WebServlet("/mechanism-qualifiers")
public class MechanismQualifiersServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient BeanManager beans;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // the API the tests compile against is Jakarta Security 3, which has no such member: asked by name
        boolean definitionQualifiers = Arrays.stream(BasicAuthenticationMechanismDefinition.class.getMethods())
                .anyMatch(method -> method.getName().equals("qualifiers"));
        // without qualifiers, getBeans asks for @Default, as AppDecorator's delegate does
        boolean defaultMechanism = !beans.getBeans(HttpAuthenticationMechanism.class).isEmpty();
        PlainText.write(response, "definitionQualifiers=" + definitionQualifiers
                + " defaultMechanism=" + defaultMechanism);
    }
}
