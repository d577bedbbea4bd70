package dev.tollgate.demo.it.support;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.tollgate.otp.OtpAuthUri;
import dev.tollgate.otp.Totp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import javax.imageio.ImageIO;

/**
 * The phone of the test: it scans the QR code a page shows and computes codes from it, as an authenticator app
 * does.
 */
public final class AuthenticatorApp {

    private static final String PNG_DATA_URL = "data:image/png;base64,";

    private final OtpAuthUri account;
    private final Totp totp;

    private AuthenticatorApp(OtpAuthUri account) {
        this.account = account;
        // the window does not matter for generating codes
        this.totp = new Totp(account.parameters(), 0);
    }

    /**
     * Scans a QR code given as the {@code src} of an image: a {@code data:} URL of a PNG.
     *
     * @param imageSource the image's {@code src}
     * @return the app with the account the QR code holds
     */
    public static AuthenticatorApp scan(String imageSource) throws IOException {
        if (imageSource == null || !imageSource.startsWith(PNG_DATA_URL)) {
            throw new IllegalArgumentException("the QR code is not a PNG data: URL: " + imageSource);
        }
        byte[] png = Base64.getDecoder().decode(imageSource.substring(PNG_DATA_URL.length()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        LuminanceSource luminance = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        try {
            // PURE_BARCODE: a generated code read from the page, not a photo (see QrCodesTest in the jar)
            String text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(luminance)),
                    java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
            return new AuthenticatorApp(OtpAuthUri.parse(text));
        } catch (NotFoundException | ChecksumException | FormatException e) {
            throw new IllegalStateException("no readable QR code in the image", e);
        }
    }

    /** The account as the app would list it: issuer and account name. */
    public OtpAuthUri account() {
        return account;
    }

    /**
     * The code the app shows {@code offset} time steps from now.
     *
     * <p>A code once accepted is refused ever after, and so is every earlier one. The tests never wait for the next
     * step: they use the current step's code first and the next step's code after it (the server accepts one step
     * either side), so each code comes from a later step than the one before, even when the clock crosses a step
     * boundary in between.
     *
     * @param offset 0 for the code now, 1 for the next one
     * @return the code
     */
    public String code(int offset) {
        return totp.generateForStep(account.secret(), totp.timeStep(Instant.now()) + offset);
    }

    /**
     * A code that none of the steps around now produces (not even for a phone whose clock is minutes off), as someone
     * would type who misread the app.
     *
     * @return a wrong code
     */
    public String wrongCode() {
        long now = totp.timeStep(Instant.now());
        for (int candidate = 0; ; candidate++) {
            String code = String.format("%0" + account.parameters().digits() + "d", candidate);
            boolean produced = false;
            for (long step = now - 12; step <= now + 12; step++) {
                produced |= totp.generateForStep(account.secret(), step).equals(code);
            }
            if (!produced) {
                return code;
            }
        }
    }
}
