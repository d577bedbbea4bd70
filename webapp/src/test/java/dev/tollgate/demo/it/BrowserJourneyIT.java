package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.support.AuthenticatorApp;
import dev.tollgate.demo.it.support.Browser;
import dev.tollgate.demo.it.support.DemoServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The demo in a real browser, as a person uses it: start page, FORM sign-in with the password, enrolment by scanning
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
        demo = DemoServer.start();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void enrolsByScanningTheQrCodeThenSignsInWithACodeAndReachesTheFinanceArea() throws Exception {
        try (Browser browser = Browser.open()) {
            browser.open(demo.url(""));
            String password = passwordFromStartPage(browser, "bob");

            browser.click("#signin");
            signInWithPassword(browser, "bob", password);
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
            // TODO(recovery codes): once the recovery-codes issue lands, the enrolment shows recovery codes here.
            //  Save them (read them from the page), tick "I saved these codes" and continue; the journey below then
            //  goes on in signsInWithARecoveryCodeOnceOnly().
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
    @Disabled("recovery codes are not built yet: enable with the recovery-codes issue")
    void signsInWithARecoveryCodeOnceOnly() {
        // TODO(recovery codes): a person who lost the phone.
        //  1. As a user who enrolled and saved the recovery codes shown after confirming (see the TODO in the journey
        //     above), sign in with the password; on the challenge page choose "Use a recovery code".
        //  2. Type one saved code: the application opens at two-step.
        //  3. Sign out, sign in with the password, type the same recovery code again: it is refused.
        //  4. Another saved code still works.
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
