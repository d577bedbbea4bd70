package dev.tollgate.web.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The captured login never reaches the container's context, whichever way the mechanism signs the caller in. */
class HoldingMessageContextTest {

    private final List<String> reachedContainer = new ArrayList<>();

    /** A container context that records every call; any sign-in reaching it is a failure. */
    private HttpMessageContext container() {
        return (HttpMessageContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (proxy, method, args) -> {
                    reachedContainer.add(method.getName());
                    return switch (method.getName()) {
                        case "withRequest" -> proxy;
                        case "getResponse" -> Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {HttpServletResponse.class}, (response, m, a) -> null);
                        case "redirect", "forward" -> AuthenticationStatus.SEND_CONTINUE;
                        default -> null;
                    };
                });
    }

    @Test
    void holdsBackTheCredentialValidationResultOverload() {
        HoldingMessageContext holding = HoldingMessageContext.forPage(container(), () -> { });
        AuthenticationStatus status = holding.notifyContainerAboutLogin(
                new CredentialValidationResult(new CallerPrincipal("alice"), Set.of("staff")));
        assertEquals(AuthenticationStatus.SUCCESS, status);
        assertEquals(new CapturedLogin("alice", Set.of("staff")), holding.captured());
        assertTrue(reachedContainer.isEmpty(), reachedContainer.toString());
    }

    @Test
    void holdsBackThePrincipalAndNameOverloads() {
        HoldingMessageContext holding = HoldingMessageContext.forPage(container(), () -> { });
        holding.notifyContainerAboutLogin(new CallerPrincipal("bob"), Set.of("admin"));
        assertEquals(new CapturedLogin("bob", Set.of("admin")), holding.captured());
        holding.notifyContainerAboutLogin("carol", null);
        assertEquals(new CapturedLogin("carol", Set.of()), holding.captured());
        holding.setRegisterSession("carol", Set.of());
        assertTrue(reachedContainer.isEmpty(), reachedContainer.toString());
    }

    @Test
    void keepsHoldingAfterWithRequest() {
        HoldingMessageContext holding = HoldingMessageContext.forPage(container(), () -> { });
        HttpMessageContext chained = holding.withRequest(null);
        assertSame(holding, chained);
        chained.notifyContainerAboutLogin("dave", Set.of());
        assertEquals(List.of("withRequest"), reachedContainer);
        assertEquals("dave", holding.captured().name());
    }

    /** Open Liberty's built-in mechanisms put the caller into the client subject themselves and answer SUCCESS. */
    @Test
    void handsAMechanismThatFillsTheClientSubjectASubjectOfItsOwn() {
        HoldingMessageContext holding = HoldingMessageContext.forPage(container(), () -> { });
        assertFalse(holding.subjectWritten());
        holding.getClientSubject().getPrincipals().add(new CallerPrincipal("erin"));
        holding.getClientSubject().getPrivateCredentials().add(new java.util.Hashtable<String, Object>());
        assertTrue(holding.subjectWritten());
        assertNull(holding.captured(), "the caller is found from the identity stores, not taken from the subject");
        assertTrue(reachedContainer.isEmpty(), "the container's subject was never asked for: " + reachedContainer);
    }

    @Test
    void capturesNothingForAnInvalidResult() {
        HoldingMessageContext holding = HoldingMessageContext.forPage(container(), () -> { });
        assertEquals(AuthenticationStatus.SEND_FAILURE,
                holding.notifyContainerAboutLogin(CredentialValidationResult.INVALID_RESULT));
        assertNull(holding.captured());
        assertNull(holding.getCallerPrincipal());
    }

    @Test
    void runsTheCallbackBeforeTheMechanismGoesToItsLoginPage() {
        List<String> order = new ArrayList<>();
        HoldingMessageContext holding = HoldingMessageContext.forPage(container(), () -> order.add("callback"));
        holding.redirect("/login");
        order.addAll(reachedContainer);
        holding.forward("/login.jsp");
        order.addAll(reachedContainer.subList(1, reachedContainer.size()));
        assertEquals(List.of("callback", "redirect", "callback", "forward"), order);
    }

    @Test
    void keepsTheMechanismsLoginPageFromTheApisClient() {
        HoldingMessageContext holding = HoldingMessageContext.forApi(container());
        reachedContainer.clear();
        assertEquals(AuthenticationStatus.SEND_CONTINUE, holding.redirect("/login"));
        assertEquals(AuthenticationStatus.SEND_CONTINUE, holding.forward("/login.jsp"));
        assertEquals(AuthenticationStatus.SEND_FAILURE, holding.responseUnauthorized());
        assertTrue(reachedContainer.isEmpty(), reachedContainer.toString());
    }
}
