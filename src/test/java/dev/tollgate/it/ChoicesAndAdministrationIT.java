package dev.tollgate.it;

import static dev.tollgate.it.support.Client.json;
import static dev.tollgate.it.support.Client.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.it.apps.admin.AdminServlet;
import dev.tollgate.it.apps.audit.AuditServlet;
import dev.tollgate.it.apps.audit.AuditTrail;
import dev.tollgate.it.support.Client;
import dev.tollgate.it.support.Codes;
import dev.tollgate.it.support.Enrol;
import dev.tollgate.it.support.Enrol.AuthenticatorApp;
import dev.tollgate.it.support.Html;
import dev.tollgate.it.support.InContainerTest;
import dev.tollgate.it.support.SignIn;
import dev.tollgate.it.support.TestApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The user's choices at sign-in, the grace period, the removal of a factor with a fresh code and the administrator's
 * reset, over HTTP on a FORM-realm application. Policy {@code roles} with the role {@code admin}: for most users
 * (staff) it is {@code optional}, for members of {@code admin} ({@code heidi}, {@code frank}) it requires a factor,
 * with a grace period of two sign-ins. {@code helpdesk} ({@code ivan}) may use the administrator's endpoint.
 */
@Tag("portable")
class ChoicesAndAdministrationIT extends InContainerTest {

    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return TestApplication.named("choices")
                .classes(AuditTrail.class, AuditServlet.class, AdminServlet.class)
                .beans()
                .setting("tollgate.policy", "roles")
                .setting("tollgate.policy.roles", "admin")
                .setting("tollgate.grace.signIns", "2")
                .setting("tollgate.admin.role", "helpdesk")
                .role("helpdesk")
                .formRealmLogin()
                .build();
    }

    ChoicesAndAdministrationIT() {
        super("choices");
    }

    // ---- helpers ----

    /** Signs in with the FORM login, completing it the way a script does (no Accept header). */
    private Client signInWithPassword(String user) {
        return SignIn.withForm(new Client(base), user);
    }

    private static HttpResponse<String> browse(Client client, String path) {
        return client.get(path, HTML);
    }

    private HttpResponse<String> deleteWithBody(Client client, String path, JsonObject body) {
        return client.send(HttpRequest.newBuilder(client.uri(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").method("DELETE", HttpRequest.BodyPublishers.ofString(
                        body.toString())));
    }

    private String audit() {
        return new Client(base).get("audit").body();
    }

    // ---- the choices ----

    @Test
    void offersTheChoicesOnceToTheBrowserAndAsksAgainAfterSkipping() {
        Client alice = signInWithPassword("alice");
        assertEquals("user=alice staff=true admin=false aal=aal1", alice.get("secure/whoami").body(),
                "a script that does not ask for HTML reaches the page with the password alone");
        HttpResponse<String> offered = browse(alice, "secure/whoami");
        assertEquals(302, offered.statusCode(), offered.body());
        assertTrue(location(offered).endsWith("/choices/mfa/choose?return=%2Fsecure%2Fwhoami"), location(offered));
        assertEquals(200, browse(alice, "secure/whoami").statusCode(), "the choices are offered once per sign-in");

        HttpResponse<String> page = browse(alice, "mfa/choose?return=%2Fsecure%2Fwhoami");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("id=\"enrol-now\"") && page.body().contains("id=\"skip\"")
                && page.body().contains("id=\"opt-out\""), page.body());
        assertTrue(page.body().contains("/choices/mfa/enroll?return=%2Fsecure%2Fwhoami"), page.body());
        HttpResponse<String> skipped = alice.postForm("mfa/choose", Map.of("csrf", Html.csrf(page), "choice", "skip",
                "return", "/secure/whoami"));
        assertEquals(302, skipped.statusCode(), skipped.body());
        assertTrue(location(skipped).endsWith("/choices/secure/whoami"), location(skipped));
        assertTrue(audit().contains("event=enrolment_skipped user=\"alice\""));

        Client again = signInWithPassword("alice");
        HttpResponse<String> askedAgain = browse(again, "secure/whoami");
        assertEquals(302, askedAgain.statusCode(), "skipping asks again at the next sign-in");
        assertTrue(location(askedAgain).contains("/mfa/choose"), location(askedAgain));
    }

    @Test
    void storesTheOptOutAcrossSignInsAndUndoesItFromTheFactorsPage() {
        Client bob = signInWithPassword("bob");
        HttpResponse<String> page = browse(bob, "mfa/choose");
        HttpResponse<String> optedOut = bob.postForm("mfa/choose", Map.of("csrf", Html.csrf(page), "choice", "optOut"));
        assertEquals(302, optedOut.statusCode(), optedOut.body());
        assertTrue(json(bob.get("mfa/api/factors")).getBoolean("optedOut"));

        Client later = signInWithPassword("bob");
        assertEquals(200, browse(later, "secure/whoami").statusCode(), "not asked again after opting out");
        assertFalse(SignIn.withJson(new Client(base), "bob").containsKey("enrollment"), "nor in the JSON login");

        HttpResponse<String> factors = browse(later, "mfa/factors");
        assertTrue(factors.body().contains("id=\"opted-out\""), factors.body());
        HttpResponse<String> undone = later.postForm("mfa/factors", Map.of("csrf", Html.csrf(factors), "optIn", "1"));
        assertEquals(302, undone.statusCode(), undone.body());
        assertFalse(browse(later, "mfa/factors").body().contains("id=\"opted-out\""));

        Client asked = signInWithPassword("bob");
        assertEquals(302, browse(asked, "secure/whoami").statusCode(), "offered again after the undo");
        String audit = audit();
        assertTrue(audit.contains("event=enrolment_opted_out user=\"bob\""), audit);
        assertTrue(audit.contains("event=enrolment_opted_in user=\"bob\""), audit);
    }

    @Test
    void tellsJsonClientsOfTheChoicesWithoutAPageInBetween() {
        Client carol = new Client(base);
        JsonObject login = SignIn.withJson(carol, "carol");
        assertEquals("authenticated", login.getString("status"));
        assertEquals("aal1", login.getString("aal"));
        assertEquals("suggested", login.getString("enrollment"));
        assertEquals(List.of("enroll", "skip", "opt_out"), login.getJsonArray("choices")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals(200, browse(carol, "secure/whoami").statusCode(), "no interstitial after a JSON login");
        assertEquals(204, carol.postJson("mfa/api/enrollment/skip", JsonValue.EMPTY_JSON_OBJECT).statusCode());

        assertEquals(204, carol.postJson("mfa/api/enrollment/opt-out", JsonValue.EMPTY_JSON_OBJECT).statusCode());
        assertFalse(SignIn.withJson(new Client(base), "carol").containsKey("enrollment"));
        Client undo = new Client(base);
        SignIn.withJson(undo, "carol");
        assertEquals(204, undo.delete("mfa/api/enrollment/opt-out").statusCode());
        assertEquals("suggested", SignIn.withJson(new Client(base), "carol").getString("enrollment"));
    }

    @Test
    void letsARoleMemberSkipForTheGracePeriodThenRequiresEnrolment() {
        Client first = signInWithPassword("heidi");
        HttpResponse<String> offered = browse(first, "secure/whoami");
        assertEquals(302, offered.statusCode(), "sign-in 1 of 2 in the grace period: " + offered.body());
        HttpResponse<String> page = browse(first, "mfa/choose");
        assertTrue(page.body().contains("id=\"grace\""), page.body());
        assertTrue(page.body().contains("skip it once more"), page.body());
        assertFalse(page.body().contains("id=\"opt-out\""), "no opting out where the policy requires a factor");
        HttpResponse<String> refused = first.postForm("mfa/choose",
                Map.of("csrf", Html.csrf(page), "choice", "optOut"));
        assertEquals(409, refused.statusCode());
        assertEquals(409, first.postJson("mfa/api/enrollment/opt-out", JsonValue.EMPTY_JSON_OBJECT).statusCode());
        assertEquals("user=heidi staff=true admin=true aal=aal1", first.get("secure/whoami").body());

        JsonObject second = SignIn.withJson(new Client(base), "heidi");
        assertEquals("grace", second.getString("enrollment"), second.toString());
        assertEquals(0, second.getInt("graceSignInsLeft"));
        assertEquals(List.of("enroll", "skip"), second.getJsonArray("choices")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());

        Client third = new Client(base);
        assertEquals("enrollment_required", SignIn.withJson(third, "heidi").getString("status"),
                "the grace period is over");
        assertEquals(409, third.postJson("mfa/api/enrollment/skip", JsonValue.EMPTY_JSON_OBJECT).statusCode());
        Client browser = signInWithPassword("heidi");
        HttpResponse<String> held = browse(browser, "secure/whoami");
        assertTrue(location(held).contains("/mfa/enroll"), location(held));
    }

    // ---- removal ----

    @Test
    void removesAFactorOnlyWithAFreshCodeThroughTheApiAndThePage() {
        Client dave = new Client(base);
        SignIn.withJson(dave, "dave");
        AuthenticatorApp phone = Enrol.authenticatorApp(dave, "phone");
        AuthenticatorApp tablet = Enrol.authenticatorApp(dave, "tablet");

        HttpResponse<String> bare = dave.delete("mfa/api/factors/" + tablet.factorId());
        assertEquals(401, bare.statusCode(), bare.body());
        assertEquals("code_required", json(bare).getString("error"));
        HttpResponse<String> wrong = deleteWithBody(dave, "mfa/api/factors/" + tablet.factorId(),
                Json.createObjectBuilder().add("code", Codes.wrongCode(phone.secret())).build());
        assertEquals(401, wrong.statusCode(), wrong.body());
        assertEquals("invalid_code", json(wrong).getString("error"));
        HttpResponse<String> reused = deleteWithBody(dave, "mfa/api/factors/" + tablet.factorId(),
                Json.createObjectBuilder().add("code", phone.confirmingCode()).build());
        assertEquals(401, reused.statusCode(), "the code that confirmed the phone is spent: " + reused.body());
        HttpResponse<String> removed = deleteWithBody(dave, "mfa/api/factors/" + tablet.factorId(),
                Json.createObjectBuilder().add("code", phone.code(0)).build());
        assertEquals(204, removed.statusCode(), removed.body());
        assertEquals(1, json(dave.get("mfa/api/factors")).getJsonArray("factors").size());

        HttpResponse<String> confirm = browse(dave, "mfa/factors?remove=" + phone.factorId());
        assertTrue(confirm.body().contains("autocomplete=\"one-time-code\""), "the removal asks for a code: "
                + confirm.statusCode() + " " + confirm.headers().map() + confirm.body());
        String csrf = Html.csrf(confirm);
        HttpResponse<String> noCode = dave.postForm("mfa/factors", Map.of("csrf", csrf, "remove", phone.factorId(),
                "confirmed", "1"));
        assertEquals(400, noCode.statusCode(), noCode.body());
        HttpResponse<String> pageRemoved = dave.postForm("mfa/factors", Map.of("csrf", csrf, "remove", phone.factorId(),
                "confirmed", "1", "code", phone.code(1)));
        assertEquals(302, pageRemoved.statusCode(), pageRemoved.body());
        JsonObject factors = json(dave.get("mfa/api/factors"));
        assertEquals(0, factors.getJsonArray("factors").size(), factors.toString());
        assertEquals(0, factors.getInt("recoveryCodesRemaining"), "the recovery codes go with the last factor");
        String audit = audit();
        assertTrue(audit.contains("event=factor_removed user=\"dave\" ") && audit.contains(
                "factor=\"" + tablet.factorId() + "\"") && audit.contains("factor=\"" + phone.factorId() + "\""),
                audit);
        assertTrue(audit.contains("detail=\"authenticator code to remove a factor\""), audit);
    }

    // ---- renaming: the API and the page are one use case ----

    @Test
    void renamesOnThePageAsThroughTheApiWithoutAnEventForAnUnchangedNameOrA500ForABadOne() {
        Client oscar = new Client(base);
        SignIn.withJson(oscar, "oscar");
        AuthenticatorApp phone = Enrol.authenticatorApp(oscar, "phone");
        HttpResponse<String> list = browse(oscar, "mfa/factors");
        String csrf = Html.csrf(list);

        HttpResponse<String> tooLong = oscar.postForm("mfa/factors", Map.of("csrf", csrf, "rename", phone.factorId(),
                "label", "x".repeat(101)));
        assertEquals(400, tooLong.statusCode(), "a message on the page, as the API's 400: " + tooLong.body());
        assertTrue(tooLong.body().contains("id=\"error\""), tooLong.body());

        HttpResponse<String> same = oscar.postForm("mfa/factors", Map.of("csrf", csrf, "rename", phone.factorId(),
                "label", "phone"));
        assertEquals(302, same.statusCode(), same.body());
        assertFalse(audit().contains("event=factor_renamed user=\"oscar\""), "nothing changed, so nothing is published");
        HttpResponse<String> renamed = oscar.postForm("mfa/factors", Map.of("csrf", csrf, "rename", phone.factorId(),
                "label", "old phone"));
        assertEquals(302, renamed.statusCode(), renamed.body());
        assertTrue(audit().contains("event=factor_renamed user=\"oscar\""), audit());
        assertEquals("old phone", json(oscar.get("mfa/api/factors")).getJsonArray("factors").getJsonObject(0)
                .getString("label"));
    }

    // ---- administration ----

    @Test
    void resetsAUserThroughTheEndpointOnlyForTheRoleAtAal2() {
        Client erin = new Client(base);
        SignIn.withJson(erin, "erin");
        Enrol.authenticatorApp(erin, "erin's phone");

        assertEquals(401, new Client(base).get("mfa/api/admin/users/erin/factors").statusCode(), "signed out");
        Client ivan = new Client(base);
        SignIn.withJson(ivan, "ivan");
        HttpResponse<String> aal1 = ivan.get("mfa/api/admin/users/erin/factors");
        assertEquals(401, aal1.statusCode(), aal1.body());
        assertEquals("mfa_required", json(aal1).getString("error"));
        Enrol.authenticatorApp(ivan, "helpdesk phone");
        assertEquals(403, erin.get("mfa/api/admin/users/ivan/factors").statusCode(), "erin is not in helpdesk");
        assertEquals(403, erin.delete("mfa/api/admin/users/ivan/factors").statusCode());

        HttpResponse<String> listed = ivan.get("mfa/api/admin/users/erin/factors");
        assertEquals(200, listed.statusCode(), listed.body());
        assertEquals("erin's phone", json(listed).getJsonArray("factors").getJsonObject(0).getString("label"));
        assertEquals(10, json(listed).getInt("recoveryCodesRemaining"));
        HttpResponse<String> reset = ivan.delete("mfa/api/admin/users/erin/factors");
        assertEquals(200, reset.statusCode(), reset.body());
        assertEquals(1, json(reset).getInt("factorsRemoved"));
        assertEquals(10, json(reset).getInt("recoveryCodesRemoved"));
        assertEquals(0, json(ivan.get("mfa/api/admin/users/erin/factors")).getJsonArray("factors").size());

        JsonObject next = SignIn.withJson(new Client(base), "erin");
        assertEquals("authenticated", next.getString("status"), "no factor left to ask for: " + next);
        assertEquals("suggested", next.getString("enrollment"), "and enrolment is offered again");
        assertTrue(audit().contains("event=reset_by_administrator user=\"erin\""), audit());
        assertTrue(audit().contains("detail=\"by ivan: 1 factors, 10 recovery codes\""), audit());
    }

    @Test
    void resetsAUserThroughTheJavaApiAndTheUserMustEnrolAgainWithoutANewGracePeriod() {
        Client frank = new Client(base);
        JsonObject first = SignIn.withJson(frank, "frank");
        assertEquals("grace", first.getString("enrollment"), first.toString());
        Enrol.authenticatorApp(frank, "frank's phone");

        Client helpdesk = new Client(base);
        assertEquals("factors=1 labels=[frank's phone] recoveryCodes=10 optedOut=false",
                helpdesk.get("helpdesk?user=frank").body());
        HttpResponse<String> reset = helpdesk.postForm("helpdesk?user=frank&by=desk", Map.of());
        assertEquals("factorsRemoved=1 recoveryCodesRemoved=10", reset.body());
        assertEquals("factors=0 labels=[] recoveryCodes=0 optedOut=false",
                helpdesk.get("helpdesk?user=frank").body());

        assertEquals("enrollment_required", SignIn.withJson(new Client(base), "frank").getString("status"),
                "one sign-in of the grace period was left, but a reset user enrols at once");
        assertTrue(audit().contains("event=reset_by_administrator user=\"frank\""), audit());
        assertTrue(audit().contains("detail=\"by desk: 1 factors, 10 recovery codes\""), audit());
    }
}
