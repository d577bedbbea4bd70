package dev.tollgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tollgate.otp.OtpCode;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two calls of the JSON sign-in against a stand-in for Tollgate's API on loopback that holds to what the real
 * one does: the JSON content type, the session cookie, the transaction id, and each time step accepted once. The
 * sign-in against the real server is the demo's Arquillian example (webapp/, dev.tollgate.demo.arquillian).
 */
class ApiSignInTest {

    private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private HttpServer server;
    private URI application;
    private final List<String> codesSeen = new ArrayList<>();
    private long lastAcceptedStep = Totp.NO_STEP_ACCEPTED;

    @BeforeEach
    void startTheStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/expenses/mfa/api/login", this::login);
        server.createContext("/expenses/mfa/api/verify", this::verify);
        server.start();
        application = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/expenses");
    }

    @AfterEach
    void stopIt() {
        server.stop(0);
    }

    private void login(HttpExchange exchange) throws IOException {
        String body = read(exchange);
        if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            answer(exchange, 403, "{\"error\":\"forbidden_origin\",\"message\":\"cross-site\"}", null);
        } else if (!body.equals("{\"username\":\"al\\\"ice\",\"password\":\"s\\\\ecret\"}")) {
            answer(exchange, 401, "{\"error\":\"invalid_credentials\",\"message\":\"wrong\"}", null);
        } else {
            answer(exchange, 200, "{\"status\":\"mfa_required\",\"transactionId\":\"tx-1\",\"factors\":[{\"id\":\"f\","
                    + "\"type\":\"totp\",\"label\":\"Test\"}],\"defaultMethod\":\"totp\"}", "JSESSIONID=s1; Path=/");
        }
    }

    private void verify(HttpExchange exchange) throws IOException {
        String body = read(exchange);
        String code = Json.string(body, "code").orElse("");
        codesSeen.add(code);
        Optional<Long> step = new Totp(OtpParameters.DEFAULT, 1).verify(Secret.fromBase32(SECRET),
                OtpCode.parse(code, 6), Instant.now(), lastAcceptedStep).map(m -> m.timeStep());
        boolean session = "JSESSIONID=s1".equals(exchange.getRequestHeaders().getFirst("Cookie"));
        if (session && "tx-1".equals(Json.string(body, "transactionId").orElse("")) && step.isPresent()) {
            lastAcceptedStep = step.get();
            answer(exchange, 200, "{\"status\":\"authenticated\",\"aal\":\"aal2\",\"user\":\"al\\\"ice\"}", null);
        } else {
            answer(exchange, 401, "{\"error\":\"invalid_code\",\"message\":\"wrong code\"}", null);
        }
    }

    private static String read(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, String json, String cookie) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (cookie != null) {
            exchange.getResponseHeaders().set("Set-Cookie", cookie);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void signsInWithThePasswordThenAFreshCodeOfTheTransaction() {
        SignedIn signedIn = ApiSignIn.at(application).signIn("al\"ice", "s\\ecret",
                TestAuthenticator.fromSecret(SECRET));
        assertEquals("al\"ice", signedIn.user());
        assertEquals("aal2", signedIn.aal());
        assertTrue(signedIn.client().cookieHandler().isPresent());
    }

    @Test
    void signsInAgainAtOnceWithACodeOfAnotherStep() {
        TestAuthenticator app = TestAuthenticator.fromSecret(SECRET);
        for (int i = 0; i < 2; i++) {
            ApiSignIn.at(application).signIn("al\"ice", "s\\ecret", app);
        }
        assertEquals(2, codesSeen.size());
        assertTrue(!codesSeen.get(0).equals(codesSeen.get(1)), codesSeen.toString());
    }

    @Test
    void tellsWhichCallRefusedAndWhy() {
        SignInFailedException refused = assertThrows(SignInFailedException.class, () -> ApiSignIn.at(application)
                .signIn("alice", "wrong", TestAuthenticator.fromSecret(SECRET)));
        assertEquals(401, refused.status());
        assertEquals("invalid_credentials", refused.error());
        assertTrue(refused.getMessage().contains("api/login"), refused.getMessage());

        SignInFailedException replayed = assertThrows(SignInFailedException.class, () -> {
            ApiSignIn.at(application).signIn("al\"ice", "s\\ecret", TestAuthenticator.fromSecret(SECRET));
            // a second authenticator of the same secret knows nothing of the first one's step: the server refuses
            ApiSignIn.at(application).signIn("al\"ice", "s\\ecret", TestAuthenticator.fromSecret(SECRET));
        });
        assertEquals("invalid_code", replayed.error());
    }

    @Test
    void needsAClientThatKeepsTheSessionCookie() {
        assertThrows(IllegalArgumentException.class, () -> ApiSignIn.at(application)
                .signIn(HttpClient.newHttpClient(), "alice", "x", TestAuthenticator.fromSecret(SECRET)));
    }
}
