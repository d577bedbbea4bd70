package dev.tollgate.web;

import dev.tollgate.web.view.RecoveryCodesView;
import dev.tollgate.web.view.RecoveryUsedView;
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
        StringBuilder file = new StringBuilder(page.text("recovery.fileHeader", page.web().settings().issuer()))
                .append("\n\n");
        for (String code : codes) {
            file.append(code).append('\n');
        }
        String fileBase64 = Base64.getEncoder().encodeToString(file.toString().getBytes(StandardCharsets.UTF_8));
        page.render(200, new RecoveryCodesView(codes, fileBase64, Navigation.safeReturn(next), firstFactor));
    }

    /** After a sign-in with a recovery code: how many are left, and the way to a new phone. */
    static void usedOne(Page page, long left, String next) throws IOException {
        page.render(200, new RecoveryUsedView(left, page.applicationUrl(Navigation.safeReturn(next))));
    }
}
