package dev.tollgate.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Shows a new set of recovery codes, once: the page is not cached and the codes are kept nowhere else (only their
 * hashes are stored). It offers them as a text file, and asks for a deliberate "I saved these codes" to go on.
 */
final class RecoveryCodesPage {

    private RecoveryCodesPage() {
    }

    static void show(Page page, List<String> codes, String next, boolean firstFactor) throws IOException {
        page.heading("recovery.title");
        if (firstFactor) {
            page.html("<p class=\"success\" id=\"mfa-on\">" + page.text("enroll.done") + "</p>");
        }
        page.paragraph("recovery.intro").html("<ol class=\"codes\" id=\"codes\">");
        StringBuilder file = new StringBuilder(page.plainText("recovery.fileHeader",
                page.web().settings().issuer())).append("\n\n");
        for (String code : codes) {
            page.html("<li><code>" + Html.escape(code) + "</code></li>");
            file.append(code).append('\n');
        }
        page.html("</ol><p><a class=\"button secondary\" id=\"download\" download=\"recovery-codes.txt\" href=\""
                        + "data:text/plain;charset=utf-8;base64,"
                        + Base64.getEncoder().encodeToString(file.toString().getBytes(StandardCharsets.UTF_8))
                        + "\">" + page.text("recovery.download") + "</a></p>")
                .form("/saved").hidden("return", Navigation.safeReturn(next))
                .html("<label class=\"check\"><input type=\"checkbox\" name=\"saved\" id=\"saved-check\" required> "
                        + page.text("recovery.confirm") + "</label>")
                .button("link.continue", null, "saved").endForm()
                .write(200, "recovery.title");
    }

    /** After a sign-in with a recovery code: how many are left, and the way to a new phone. */
    static void usedOne(Page page, long left, String next) throws IOException {
        page.heading("recovery.usedTitle")
                .html(left <= 3 ? "<p class=\"error\" id=\"recovery-left\">" + page.text("recovery.fewLeft", left)
                        + "</p>" : "<p id=\"recovery-left\">" + page.text("recovery.left", left) + "</p>")
                .paragraph("recovery.usedAdvice")
                .html("<a class=\"button\" id=\"continue\" href=\"" + Html.escape(page.request().getContextPath()
                        + (Navigation.safeReturn(next) == null ? "/" : Navigation.safeReturn(next))) + "\">"
                        + page.text("link.continue") + "</a> <a class=\"button secondary\" href=\""
                        + page.url("/factors") + "\">" + page.text("link.manage") + "</a>")
                .write(200, "recovery.usedTitle");
    }
}
