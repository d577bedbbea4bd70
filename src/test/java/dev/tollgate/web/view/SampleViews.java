package dev.tollgate.web.view;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/** A view model of every page, filled in as a sign-in would, and the context to render them in. */
final class SampleViews {

    static final String TOKEN = "csrf-token-1234";

    private SampleViews() {
    }

    static PageContext context(Locale locale) {
        return context(locale, "Expenses");
    }

    static PageContext context(Locale locale, String issuer) {
        return new PageContext(texts(locale), "/app", "/mfa", issuer, () -> TOKEN);
    }

    static Texts texts(Locale locale) {
        return new Texts(ResourceBundle.getBundle("dev.tollgate.web.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    static List<View> all() {
        return List.of(
                new ChallengeView(true, true, true, "Expenses: alice", Message.of("error.invalidCode"), 2, "tx-1",
                        "/app/orders"),
                new ChallengeView(true, false, false, "Expenses: alice", null, 0, "tx-1", "/app/"),
                new ChallengeView(false, true, true, "Expenses: alice", null, 0, "tx-1", "/app/"),
                new EnrolmentView(null, "/orders", "", "data:image/png;base64,iVBORw0KGgo=", "Expenses: alice",
                        "JBSW Y3DP EHPK 3PXP"),
                new FactorsView(null, "alice", true, List.of(new FactorsView.Row("f-1", "work phone", "1 Jan 2026 UTC",
                        null), new FactorsView.Row("f-2", "YubiKey", "2 Jan 2026 UTC", "3 Jan 2026 UTC")), true,
                        true, 2),
                new FactorsView(null, "dave", false, List.of(), false, false, 0),
                new RemovalView("f-1", "work phone", true, Message.of("error.codeToRemove")),
                new ChoiceView(null, true, 1, "10 December 2026", "/app/mfa/enroll?return=%2Forders", "/orders"),
                new ChoiceView(null, false, null, null, "/app/mfa/enroll", null),
                new LoginView(Message.of("error.credentials"), "/orders"),
                new ProblemView(Message.of("error.expired"), true),
                new RecoveryCodesView(List.of("7kq4-m9xt-2hcw", "abcd-efgh-jkmn"), "eA==",
                        "/orders", true),
                new RecoveryUsedView(3, "/app/orders"));
    }
}
