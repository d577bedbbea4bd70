package dev.tollgate.web.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.PropertyResourceBundle;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Renders every page's template with a view model, without a server, and checks the markup that matters. */
class TemplatesTest {

    private static final Templates TEMPLATES = Templates.precompiled();
    private static final PageContext ENGLISH = SampleViews.context(Locale.ROOT);
    private static final String HOSTILE = "<script>alert('x')</script>\"";
    private static final Pattern FORM = Pattern.compile("<form [^>]*>(<input [^>]*>)?");

    static String render(PageContext page, View view) {
        return new String(TEMPLATES.render(page, view), StandardCharsets.UTF_8);
    }

    @Test
    void everyFormOfEveryPageCarriesTheCsrfToken() {
        int forms = 0;
        for (View view : SampleViews.all()) {
            Matcher form = FORM.matcher(render(ENGLISH, view));
            while (form.find()) {
                forms++;
                assertEquals("<input type=\"hidden\" name=\"csrf\" value=\"" + SampleViews.TOKEN + "\">",
                        form.group(1), view.template() + ": " + form.group());
            }
        }
        assertTrue(forms >= 20, "forms checked: " + forms);
    }

    @Test
    void aPageWithoutAFormDoesNotAskForTheTokenSoStartsNoSession() {
        PageContext noSession = new PageContext(SampleViews.texts(Locale.ROOT), "/app", "/mfa", "Expenses", () -> {
            throw new AssertionError("the token (and with it a session) was asked for");
        });
        String html = render(noSession, new ProblemView(Message.of("error.csrf"), false));
        assertTrue(html.contains("<p class=\"error\" role=\"alert\" id=\"error\">This form has expired."), html);
        assertFalse(html.contains("<form"), html);
    }

    @Test
    void aHostileFactorLabelIsEscapedInTextAndInAttributes() {
        String html = render(ENGLISH, new FactorsView(null, "alice", true,
                List.of(new FactorsView.Row("f-1", HOSTILE, "1 Jan 2026 UTC", null)), false, false, 10));
        assertFalse(html.contains("<script>alert"), html);
        assertTrue(html.contains("<strong>&lt;script&gt;alert('x')&lt;/script&gt;\"</strong>"), html);
        assertTrue(html.contains("value=\"&lt;script>alert(&#39;x&#39;)&lt;/script>&#34;\">"), html);

        String removal = render(ENGLISH, new RemovalView("f-1", HOSTILE, false, null));
        assertTrue(removal.contains("<h1>Remove \u201c&lt;script&gt;alert('x')&lt;/script&gt;\"\u201d?</h1>"), removal);
    }

    @Test
    void aQuoteTypedIntoTheLabelCannotLeaveTheValueAttribute() {
        String html = render(ENGLISH, new EnrolmentView(null, null, "x\" autofocus onfocus=\"alert(1)", "data:,",
                "Expenses: alice", "JBSW Y3DP"));
        assertTrue(html.contains("value=\"x&#34; autofocus onfocus=&#34;alert(1)\">"), html);
        assertFalse(html.contains("onfocus=\"alert"), html);
    }

    @Test
    void aHostileApplicationNameIsEscapedEverywhereItIsShown() {
        PageContext page = SampleViews.context(Locale.ROOT, "<b>\"Acme\"</b>");
        String html = render(page, new ChoiceView(null, true, null, null, "/app/mfa/enroll", null));
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("<title>Add a second step to your sign-in? &middot;"
                + " &lt;b&gt;\"Acme\"&lt;/b&gt;</title>"), html);
        assertTrue(html.contains("<p class=\"app\" id=\"app\">&lt;b&gt;\"Acme\"&lt;/b&gt;</p>"), html);
        assertTrue(html.contains("<p id=\"grace\">&lt;b&gt;\"Acme\"&lt;/b&gt; will soon require"), html);
    }

    @Test
    void aTextOfTheApplicationsOwnBundleIsEscapedToo() {
        PageContext page = new PageContext(new Texts(english("code.hint", "<img src=x onerror=alert(1)>")), "/app",
                "/mfa", "Expenses", () -> SampleViews.TOKEN);
        String html = render(page, new LoginView(null, null));
        assertTrue(html.contains("<h1>Sign in</h1>"), html);
        html = render(page, new RemovalView("f-1", "phone", false, null));
        assertTrue(html.contains("<p class=\"muted\" id=\"code-hint\">&lt;img src=x onerror=alert(1)&gt;</p>"), html);
    }

    @Test
    void anArgumentGivenAsALinkIsNeverAScript() {
        String html = render(ENGLISH, new RecoveryUsedView(5, "javascript:alert(1)"));
        assertFalse(html.contains("javascript:"), html);
    }

    @Test
    void showsTheRequestLanguage() {
        PageContext german = SampleViews.context(Locale.GERMAN);
        String html = render(german, new ChallengeView(true, false, false, "Expenses: alice",
                Message.of("error.invalidCode"), 1, "tx-1", "/app/"));
        assertTrue(html.startsWith("<!doctype html>\n<html lang=\"de\">"), html);
        assertTrue(html.contains("<h1>Code eingeben</h1>"), html);
        assertTrue(html.contains("id=\"error\">Der Code stimmt nicht."), html);
        assertTrue(html.contains("id=\"verify\">Bestätigen</button>"), html);
        assertTrue(html.contains("id=\"tollgate-signout\">Abmelden</button>"), html);

        String factors = render(german, new FactorsView(null, "alice", true, List.of(new FactorsView.Row("f-1", "Telefon",
                "1. Jan.", null)), false, false, 7));
        assertTrue(factors.contains("id=\"back\">Zurück zu Expenses</a>"), factors);
        assertTrue(factors.contains("<p id=\"recovery-remaining\">Noch 7 Wiederherstellungscodes.</p>"), factors);
    }

    @Test
    void formatsTheArgumentsOfEachText() {
        String html = render(ENGLISH, new ChallengeView(true, false, false, "Expenses: alice",
                Message.of("error.clockAhead", 4), 1, "tx-1", "/app/"));
        assertTrue(html.contains("it is about 4 minutes ahead."), html);
        assertTrue(html.contains("<p class=\"muted\" id=\"attempts\">One more try, then"), html);
        assertTrue(html.contains("code it shows for \u201cExpenses: alice\u201d.</p>"), html);
    }

    @Test
    void warnsOfTheLastTwoAttemptsOnly() {
        for (int left : new int[] {0, 3, 4}) {
            String html = render(ENGLISH, new ChallengeView(true, false, false, "a", null, left, "tx", "/"));
            assertFalse(html.contains("id=\"attempts\""), left + ": " + html);
        }
    }

    @Test
    void withAKeyUsedLastTheCodeFormIsFoldedBelowTheKey() {
        String html = render(ENGLISH, new ChallengeView(true, true, true, "Expenses: alice", null, 0, "tx-1",
                "/app/orders?x=1&y=2"));
        int key = html.indexOf("<section id=\"security-key\" data-api=\"/app/mfa/api\" data-transaction=\"tx-1\""
                + " data-done=\"/app/orders?x=1&amp;y=2\"");
        int folded = html.indexOf("<details id=\"use-code\"><summary>");
        int code = html.indexOf("<input class=\"code\" type=\"text\" id=\"code\" name=\"code\"");
        assertTrue(key > 0 && folded > key && code > folded, html);
        assertTrue(html.contains("<script src=\"/app/mfa/assets/webauthn.js\"></script>"), html);

        String appFirst = render(ENGLISH, new ChallengeView(true, true, false, "a", null, 0, "tx-1", "/"));
        assertFalse(appFirst.contains("id=\"use-code\""), appFirst);
        assertTrue(appFirst.indexOf("id=\"code\"") < appFirst.indexOf("id=\"security-key\""), appFirst);
    }

    @Test
    void aUserWithOnlyAKeyIsAskedToConfirmItIsThemNotForACode() {
        String html = render(ENGLISH, new ChallengeView(false, true, true, "Expenses: alice", null, 0, "tx", "/"));
        assertTrue(html.contains("<h1>Confirm it's you</h1>"), html);
        assertFalse(html.contains("id=\"code\""), html);
        assertTrue(html.contains("<summary>Can't use your security key?</summary>"), html);
        assertTrue(html.contains("id=\"recoveryCode\" name=\"recoveryCode\""), html);
    }

    @Test
    void theRecoveryCodesComeAsADownloadableFile() {
        String html = render(ENGLISH, new RecoveryCodesView(List.of("7kq4-m9xt-2hcw"), "eA==", null, false));
        assertTrue(html.contains("<a class=\"button secondary\" id=\"download\" download=\"recovery-codes.txt\""
                + " href=\"data:text/plain;charset=utf-8;base64,eA==\">"), html);
        assertTrue(html.contains("<ol class=\"codes\" id=\"codes\">\n<li><code>7kq4-m9xt-2hcw</code></li>\n</ol>"),
                html);
        assertFalse(html.contains("id=\"mfa-on\""), html);
        assertFalse(html.contains("name=\"return\""), "no return path, no field: " + html);
    }

    @Test
    void theChoicesFollowThePolicy() {
        String optional = render(ENGLISH, new ChoiceView(null, false, null, null, "/app/mfa/enroll", "/orders"));
        assertTrue(optional.contains("id=\"opt-out\""), optional);
        assertFalse(optional.contains("id=\"grace\""), optional);
        assertEquals(2, count(optional, "<input type=\"hidden\" name=\"return\" value=\"/orders\">"), optional);

        String grace = render(ENGLISH, new ChoiceView(Message.of("error.optOutNotAllowed"), true, 0, null,
                "/app/mfa/enroll?return=%2Forders", "/orders"));
        assertFalse(grace.contains("id=\"opt-out\""), grace);
        assertTrue(grace.contains("<p id=\"grace\">Expenses will soon require two-step sign-in for your account."
                + " This is the last sign-in without it. </p>"), grace);
        assertTrue(grace.contains("href=\"/app/mfa/enroll?return=%2Forders\""), grace);
    }

    @Test
    void everyPageHasTheFrameAndItsOwnElements() {
        for (View view : SampleViews.all()) {
            String html = render(ENGLISH, view);
            assertTrue(html.contains("<link rel=\"stylesheet\" href=\"/app/mfa/assets/tollgate.css\">"), html);
            assertTrue(html.contains("<main>\n<p class=\"app\" id=\"app\">Expenses</p>"), html);
            assertTrue(html.strip().endsWith("</main>\n</body>\n</html>"), html);
        }
        assertTrue(render(ENGLISH, new LoginView(null, null)).contains("<input type=\"password\" id=\"password\""
                + " name=\"password\" autocomplete=\"current-password\" maxlength=\"256\" required>"));
        String factors = render(ENGLISH, SampleViews.all().get(4));
        for (String id : List.of("signed-in-as", "factors", "add", "add-key", "add-key-button", "key-recovery-codes",
                "opted-out", "opt-in", "recovery-remaining", "regenerate", "back", "tollgate-signout")) {
            assertTrue(factors.contains("id=\"" + id + "\""), id + ": " + factors);
        }
        assertTrue(factors.contains("href=\"/app/mfa/factors?remove=f-2\""), factors);
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** The English bundle with one text replaced, as an application's own bundle would. */
    private static ResourceBundle english(String key, String text) {
        try {
            Properties texts = new Properties();
            try (var in = TemplatesTest.class.getResourceAsStream("/dev/tollgate/web/messages.properties")) {
                texts.load(new java.io.InputStreamReader(in, StandardCharsets.ISO_8859_1));
            }
            texts.setProperty(key, text);
            StringWriter out = new StringWriter();
            texts.store(out, null);
            return new PropertyResourceBundle(new StringReader(out.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
