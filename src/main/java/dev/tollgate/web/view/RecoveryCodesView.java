package dev.tollgate.web.view;

import java.util.List;

/**
 * A new set of recovery codes, shown once ({@code recoveryCodes.jte}).
 *
 * @param codes the codes
 * @param fileBase64 the codes as a text file to download, in Base64 (the template makes the {@code data:} URL, since
 *     jte refuses a {@code data:} URL given whole to a link)
 * @param returnTo where to go on to once they are saved, or {@code null}
 * @param firstFactor whether they came with the user's first factor (two-step sign-in just turned on)
 */
public record RecoveryCodesView(List<String> codes, String fileBase64, String returnTo, boolean firstFactor)
        implements View {

    public RecoveryCodesView {
        codes = List.copyOf(codes);
    }

    @Override
    public String template() {
        return "recoveryCodes.jte";
    }
}
