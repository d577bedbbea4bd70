package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.2 and 12.3 over HTTP: sessions follow changes to the account made in another session, and a session at
 * aal2 changes how the account is protected only with a recent proof of a factor. A FORM-realm application with
 * policy {@code optional} and a proof that stays recent for two seconds, so that the test can outlast it.
 */
class AccountChangesIT extends InContainerTest {

    private static final long PROOF_MAX_AGE_SECONDS = 2;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("accountchanges")
                .setting("tollgate.policy", "optional")
                .setting("tollgate.freshProof.maxAge", String.valueOf(PROOF_MAX_AGE_SECONDS))
                .setting("tollgate.accountChanges.maxDelay", "PT2S")
                .formRealmLogin()
                .build();
    }

    AccountChangesIT() {
        super("accountchanges");
    }

    private static void assertError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(error, json(response).getString("error"), response.body());
    }

    private static String aal(Client client) {
        HttpResponse<String> factors = client.get("mfa/api/factors", "application/json");
        assertEquals(200, factors.statusCode(), factors.body());
        return json(factors).getString("aal");
    }

    private HttpResponse<String> protectedPage(Client client) {
        return client.get(SignIn.PROTECTED_PAGE, "application/json");
    }

    /** Signs a user with a factor in to aal2 with the given code. */
    private Client atAal2(String user, String code) {
        Client client = new Client(base);
        String transactionId = SignIn.transaction(client, user);
        HttpResponse<String> verified = SignIn.verify(client, transactionId, code);
        assertEquals(200, verified.statusCode(), verified.body());
        return client;
    }

    @Test
    void aRemovalInOneSessionDropsTheUsersOtherAal2SessionsToAal1() {
        Enrol.AuthenticatorApp phone = Enrol.newUser(new Client(base), "alice", "authenticated");
        List<String> recovery = phone.recoveryCodes();
        Client laptop = atAal2("alice", phone.code(0));
        HttpResponse<String> second = laptop.postJson("mfa/api/factors/totp",
                Json.createObjectBuilder().add("recoveryCode", recovery.get(0)).build());
        assertEquals(201, second.statusCode(), second.body());
        String tablet = json(second).getString("secret");
        assertEquals(200, laptop.postJson("mfa/api/factors/" + json(second).getString("factorId") + "/verify",
                Json.createObjectBuilder().add("code", Codes.previousStep(tablet)).build()).statusCode());
        Client other = atAal2("alice", Codes.code(tablet, 0));
        assertEquals(200, protectedPage(other).statusCode());

        HttpResponse<String> removed = laptop.postJson("mfa/api/factors/" + phone.factorId() + "/remove",
                Json.createObjectBuilder().add("recoveryCode", recovery.get(1)).build());
        assertEquals(204, removed.statusCode(), removed.body());

        assertEquals("aal1", aal(other), "the other session lost aal2 at its next request");
        HttpResponse<String> held = protectedPage(other);
        assertError(held, 401, "mfa_required");
        assertEquals("aal2", aal(laptop), "the session that removed the factor keeps its level");
        assertEquals(200, protectedPage(laptop).statusCode());
    }

    @Test
    void aFactorAddedInOneSessionHoldsThePasswordOnlySessionsUntilTheyGiveIt() {
        Client passwordOnly = new Client(base);
        assertEquals("authenticated", SignIn.withJson(passwordOnly, "bob").getString("status"));
        assertEquals(200, protectedPage(passwordOnly).statusCode(), "no factor yet: the password is enough");

        Enrol.AuthenticatorApp app = Enrol.newUser(new Client(base), "bob", "authenticated");

        HttpResponse<String> held = protectedPage(passwordOnly);
        assertError(held, 401, "mfa_required");
        assertTrue(json(held).getString("message").contains("POST " + base.getPath() + "mfa/api/verify"),
                "the call to make, as the client sends it (with the context path): " + held.body());
        String transactionId = json(held).getString("transactionId");
        assertEquals(200, SignIn.verify(passwordOnly, transactionId, app.code(0)).statusCode());
        assertEquals(200, protectedPage(passwordOnly).statusCode());
    }

    @Test
    void aSessionLeftOpenAtAal2NeedsAProofToAddAFactorOrMakeRecoveryCodes() throws Exception {
        Enrol.AuthenticatorApp phone = Enrol.newUser(new Client(base), "carol", "authenticated");
        Client leftOpen = atAal2("carol", phone.code(0));
        Thread.sleep(PROOF_MAX_AGE_SECONDS * 1000 + 200);

        assertError(leftOpen.postJson("mfa/api/factors/totp", JsonValue.EMPTY_JSON_OBJECT), 401, "code_required");
        assertError(leftOpen.postJson("mfa/api/factors/webauthn", JsonValue.EMPTY_JSON_OBJECT), 401,
                "code_required");
        assertError(leftOpen.postJson("mfa/api/recovery-codes", JsonValue.EMPTY_JSON_OBJECT), 401, "code_required");
        String wrong = phone.code(1).equals("000000") ? "000001" : "000000";
        assertError(leftOpen.postJson("mfa/api/factors/totp", Json.createObjectBuilder().add("code", wrong).build()),
                401, "invalid_code");
        JsonObject factors = json(leftOpen.get("mfa/api/factors", "application/json"));
        assertEquals(1, factors.getJsonArray("factors").size(), "nothing was added");

        HttpResponse<String> proved = leftOpen.postJson("mfa/api/reauthenticate",
                Json.createObjectBuilder().add("recoveryCode", phone.recoveryCodes().get(0)).build());
        assertEquals(204, proved.statusCode(), proved.body());
        assertEquals(201, leftOpen.postJson("mfa/api/factors/totp", JsonValue.EMPTY_JSON_OBJECT).statusCode(),
                "a recent proof is enough");
        Thread.sleep(PROOF_MAX_AGE_SECONDS * 1000 + 200);
        HttpResponse<String> withCode = leftOpen.postJson("mfa/api/recovery-codes",
                Json.createObjectBuilder().add("recoveryCode", phone.recoveryCodes().get(1)).build());
        assertEquals(200, withCode.statusCode(), withCode.body());
    }
}
