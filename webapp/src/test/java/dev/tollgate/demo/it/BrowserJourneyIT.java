package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.support.AuthenticatorApp;
import dev.tollgate.demo.it.support.Browser;
import dev.tollgate.demo.it.support.DemoServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import java.time.Duration;

/**
 * The demo in a real browser, as a person uses it: start page, FORM sign-in with the password, the enrolment choices
 * after it, enrolment by scanning
 * the QR code, the code at the next sign-in, the finance area behind a step-up. One demo server for the class, a
 * fresh browser per test, a different demo user per test.
 *
 * <p>Screenshots of the enrolment and challenge pages (at desktop and phone sizes) and of the sign-in methods go to
 * {@code target/screenshots/}, for a reviewer to look at.
 */
class BrowserJourneyIT {

    private static DemoServer demo;
    private static final Path SCREENSHOTS = Path.of(System.getProperty("demo.output", "target"), "screenshots");

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.shared();
    }

    @Test
    void enrolsByScanningTheQrCodeThenSignsInWithACodeAndReachesTheFinanceArea() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.open(demo.url(""));
            String password = passwordFromStartPage(browser, "bob");

            browser.click("#signin");
            signInWithPassword(browser, "bob", password);
            // optional policy: after the password, the choices once (set up now, not now, don't ask again)
            browser.awaitPath("/mfa/choose");
            assertTrue(browser.has("#enrol-now") && browser.has("#opt-out"), browser.text("main"));
            browser.screenshot(SCREENSHOTS.resolve("choices.png"), 1200, 800);
            browser.click("#skip");
            browser.awaitPath("/expenses");
            assertEquals("password only", browser.text("#aal"), "optional policy: the password is enough");

            browser.click("#suggest-mfa a");
            browser.awaitPath("/mfa/enroll");
            WebElement qr = browser.find("img#qr");
            browser.screenshot(SCREENSHOTS.resolve("enrolment.png"), 1200, 1300);
            browser.screenshot(SCREENSHOTS.resolve("enrolment-phone.png"), 390, 1100);
            AuthenticatorApp phone = AuthenticatorApp.scan(qr.getAttribute("src"));
            assertEquals("Expenses (Tollgate demo)", phone.account().issuer());
            assertEquals("bob", phone.account().accountName());
            assertEquals(phone.account().secret().base32(), browser.text("#secret").replace(" ", ""),
                    "the key for manual entry is the one in the QR code");

            browser.type("#code", phone.code(0));
            browser.type("#label", "test phone");
            browser.find("#code").submit();
            List<String> recoveryCodes = saveRecoveryCodes(browser, "recovery-codes.png");
            assertEquals(10, recoveryCodes.size());
            browser.awaitPath("/expenses");
            assertEquals("two-step", browser.text("#aal"), "confirming the first code completes the second step");

            browser.click("#signout");
            browser.awaitPath("/");
            assertTrue(browser.has("#signed-out"));
            assertFalse(browser.has("#who"), "nobody is signed in any more");

            browser.click("#signin");
            signInWithPassword(browser, "bob", password);
            browser.awaitPath("/mfa/challenge");
            assertTrue(browser.text("main").contains("bob"), browser.text("main"));
            browser.screenshot(SCREENSHOTS.resolve("challenge.png"), 1200, 800);
            browser.screenshot(SCREENSHOTS.resolve("challenge-phone.png"), 390, 844);

            browser.type("#code", phone.wrongCode());
            browser.find("#code").submit();
            assertTrue(browser.text("#error").startsWith("That code didn't match"), browser.text("#error"));
            browser.screenshot(SCREENSHOTS.resolve("challenge-wrong-code.png"), 1200, 800);

            // the next step's code: the enrolment used this step's, and a step once accepted is refused
            browser.type("#code", phone.code(1));
            browser.find("#code").submit();
            browser.awaitPath("/expenses");
            assertEquals("two-step", browser.text("#aal"));

            browser.click("a[href$='/mfa/factors']");
            browser.awaitPath("/mfa/factors");
            assertTrue(browser.text("main").contains("test phone"), "the device's name: " + browser.text("main"));
            browser.screenshot(SCREENSHOTS.resolve("factors.png"), 1200, 800);
            browser.open(demo.url("expenses"));

            browser.click("a[href$='/admin/approvals']");
            browser.awaitPath("/admin/approvals");
            assertTrue(browser.text("#approvals").contains("Conference ticket"), "the finance area shows every claim");

            browser.open(demo.url("api/expenses"));
            assertTrue(browser.text("body").startsWith("{\"user\":\"bob\""), browser.text("body"));
        }
    }

    @Test
    void financeAreaDemandsASecondFactorFromAPasswordOnlySession() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.open(demo.url(""));
            String password = passwordFromStartPage(browser, "carol");
            browser.open(demo.url("admin/approvals"));
            signInWithPassword(browser, "carol", password);

            // carol has no authenticator yet, so the step-up starts with setting one up
            browser.awaitPath("/mfa/enroll");
            AuthenticatorApp phone = AuthenticatorApp.scan(browser.find("img#qr").getAttribute("src"));
            browser.type("#code", phone.code(0));
            browser.find("#code").submit();
            saveRecoveryCodes(browser, null);

            browser.awaitPath("/admin/approvals");
            assertEquals("two-step", browser.text("#aal"));
            browser.click("form[action$='/admin/approvals'] button");
            browser.awaitPath("/admin/approvals");
        }
    }

    @Test
    void wrongPasswordShowsTheApplicationsOwnErrorPage() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.open(demo.url("expenses"));
            signInWithPassword(browser, "alice", "not-her-password");
            assertTrue(browser.text("#login-error").contains("did not match"));
            assertFalse(browser.has("#who"));
        }
    }

    @Test
    void signsInWithARecoveryCodeOnceOnly() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.open(demo.url(""));
            String password = passwordFromStartPage(browser, "alice");
            browser.click("#signin");
            signInWithPassword(browser, "alice", password);
            browser.awaitPath("/mfa/choose");
            browser.click("#enrol-now");
            browser.awaitPath("/mfa/enroll");
            AuthenticatorApp phone = AuthenticatorApp.scan(browser.find("img#qr").getAttribute("src"));
            browser.type("#code", phone.code(0));
            browser.find("#code").submit();
            List<String> saved = saveRecoveryCodes(browser, null);
            browser.awaitPath("/expenses");

            // the phone is lost: a saved recovery code stands in for it, once
            browser.click("#signout");
            browser.awaitPath("/");
            browser.click("#signin");
            signInWithPassword(browser, "alice", password);
            browser.awaitPath("/mfa/challenge");
            useRecoveryCode(browser, saved.get(0));
            assertEquals("9 recovery codes left.", browser.text("#recovery-left"));
            browser.click("#continue");
            browser.awaitPath("/expenses");
            assertEquals("two-step", browser.text("#aal"));

            browser.click("#signout");
            browser.awaitPath("/");
            browser.click("#signin");
            signInWithPassword(browser, "alice", password);
            browser.awaitPath("/mfa/challenge");
            useRecoveryCode(browser, saved.get(0));
            assertTrue(browser.text("#error").contains("used before"), "a used code is refused: "
                    + browser.text("#error"));
            useRecoveryCode(browser, saved.get(1).toUpperCase().replace("-", " "));
            assertEquals("8 recovery codes left.", browser.text("#recovery-left"));
        }
    }

    /**
     * A security key, here Chrome's virtual authenticator (CTAP2 over USB, with user verification): added on the
     * factors page as the first factor, then used at the next sign-in in place of a code.
     */
    @Test
    void addsASecurityKeyOnTheFactorsPageThenSignsInWithIt() throws Exception {
        try (Browser browser = Browser.open()) {
            VirtualAuthenticator key = ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(
                    new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                            .setTransport(VirtualAuthenticatorOptions.Transport.USB)
                            .setHasUserVerification(true).setIsUserVerified(true));
            browser.open(demo.url(""));
            String password = passwordFromStartPage(browser, "dave");
            browser.click("#signin");
            signInWithPassword(browser, "dave", password);
            browser.awaitPath("/mfa/choose");
            browser.click("#skip");
            browser.awaitPath("/expenses");

            browser.open(demo.url("mfa/factors"));
            browser.type("#key-label", "virtual key");
            browser.click("#add-key-button");
            awaitVisible(browser, "#key-recovery");
            List<String> codes = browser.find("#key-recovery-codes").findElements(By.cssSelector("li")).stream()
                    .map(WebElement::getText).toList();
            assertEquals(10, codes.size(), "the first factor comes with recovery codes");
            browser.screenshot(SCREENSHOTS.resolve("security-key-added.png"), 1200, 1200);
            browser.click("#key-recovery-done");
            browser.awaitPath("/mfa/factors");
            assertTrue(browser.text("#factors").contains("virtual key"), browser.text("main"));
            assertEquals(1, key.getCredentials().size());

            browser.click("#tollgate-signout");
            browser.awaitPath("/");
            browser.click("#signin");
            signInWithPassword(browser, "dave", password);
            browser.awaitPath("/mfa/challenge");
            assertFalse(browser.has("#code"), "a user with a key only is not asked for an app's code");
            browser.screenshot(SCREENSHOTS.resolve("challenge-security-key.png"), 1200, 800);
            browser.click("#use-key");
            browser.awaitPath("/expenses");
            assertEquals("two-step", browser.text("#aal"));
            assertTrue(key.getCredentials().get(0).getSignCount() > 0, "the key signed");
        }
    }

    private static void awaitVisible(Browser browser, String css) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .withMessage(() -> css + " did not appear; the page shows: " + browser.text("main"))
                .until(d -> d.findElement(By.cssSelector(css)).isDisplayed());
    }

    /** Reads the recovery codes shown after the first factor, as a person copies them, and confirms saving them. */
    private static List<String> saveRecoveryCodes(Browser browser, String screenshot) throws Exception {
        browser.awaitPath("/mfa/enroll");
        assertTrue(browser.text("#mfa-on").startsWith("Two-step sign-in is on"), browser.text("main"));
        List<String> codes = browser.find("#codes").findElements(By.cssSelector("li code")).stream()
                .map(WebElement::getText).toList();
        if (screenshot != null) {
            browser.screenshot(SCREENSHOTS.resolve(screenshot), 1200, 1200);
        }
        browser.click("#saved-check");
        browser.click("#saved");
        return codes;
    }

    private static void useRecoveryCode(Browser browser, String code) {
        browser.click("#use-recovery summary");
        browser.type("#recoveryCode", code);
        browser.click("#use-recovery-code");
    }

    /** Reads a demo user's password where a person reads it: the start page's table. */
    private static String passwordFromStartPage(Browser browser, String user) {
        for (WebElement row : browser.find("#demo-users").findElements(By.cssSelector("tbody tr"))) {
            if (row.findElement(By.cssSelector(".user")).getText().equals(user)) {
                return row.findElement(By.cssSelector(".password")).getText();
            }
        }
        throw new AssertionError(user + " is not on the start page");
    }

    private static void signInWithPassword(Browser browser, String user, String password) {
        browser.type("#username", user);
        browser.type("#password", password);
        browser.click("#signin-button");
    }
}
