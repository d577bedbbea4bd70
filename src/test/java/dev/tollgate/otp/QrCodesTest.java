package dev.tollgate.otp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import dev.tollgate.testing.ExternalTool;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QrCodesTest {

    private static final String URI = new OtpAuthUri("ACME Co", "alice@example.com",
            Secret.generate(new SecureRandom()), OtpParameters.DEFAULT).toUriString();

    @Test
    void zxingReadsBackTheExactUri() throws Exception {
        assertEquals(URI, decodeWithZxing(QrCodes.standard().png(URI)));
    }

    @Test
    void zxingReadsBackANonAsciiText() throws Exception {
        String text = "Zürich 東京 🔐";
        assertEquals(text, decodeWithZxing(QrCodes.standard().png(text)));
    }

    @Test
    void zxingReadsBackThreeHundredRandomKeyUris() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 300; i++) {
            String uri = new OtpAuthUri("ACME Co", "user" + i + "@example.com", Secret.generate(random),
                    OtpParameters.DEFAULT).toUriString();
            assertEquals(uri, decodeWithZxing(QrCodes.standard().png(uri)));
        }
    }

    @Test
    void zbarimgReadsBackTheExactUri(@TempDir Path dir) throws IOException {
        ExternalTool zbarimg = ExternalTool.require("zbarimg", "zbar-tools");
        Path png = dir.resolve("key.png");
        Files.write(png, QrCodes.standard().png(URI));
        assertEquals(URI, zbarimg.run("--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", png.toString()));
    }

    @Test
    void zbarimgReadsBackAnAwkwardNameAndAnEightDigitSha512Uri(@TempDir Path dir) throws IOException {
        ExternalTool zbarimg = ExternalTool.require("zbarimg", "zbar-tools");
        String awkward = new OtpAuthUri("Zürich Bank", "jürgen+mfa@zürich.ch", Secret.generate(new SecureRandom(), 512),
                new OtpParameters(HashAlgorithm.SHA512, 8, java.time.Duration.ofSeconds(30))).toUriString();
        Path png = dir.resolve("awkward.png");
        Files.write(png, QrCodes.standard().png(awkward));
        assertEquals(awkward, zbarimg.run("--raw", "--quiet", "-Sdisable", "-Sqrcode.enable", png.toString()));
    }

    @Test
    void drawsWholePixelModulesWithAQuietZone() throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(QrCodes.standard().png(URI)));
        assertEquals(image.getWidth(), image.getHeight());
        assertEquals(0, image.getWidth() % QrCodes.DEFAULT_MODULE_PIXELS);
        int quiet = QrCodes.QUIET_ZONE_MODULES * QrCodes.DEFAULT_MODULE_PIXELS;
        for (int i = 0; i < image.getWidth(); i++) {
            assertEquals(0xFFFFFF, image.getRGB(i, quiet - 1) & 0xFFFFFF, "quiet zone row must be white");
            assertEquals(0xFFFFFF, image.getRGB(quiet - 1, i) & 0xFFFFFF, "quiet zone column must be white");
        }
        // the top-left finder pattern starts right after the quiet zone
        assertEquals(0x000000, image.getRGB(quiet, quiet) & 0xFFFFFF);
        assertTrue(image.getWidth() >= 200 && image.getWidth() <= 400, "size for a phone: " + image.getWidth());
    }

    @Test
    void dataUrlCarriesThePng() {
        String url = QrCodes.standard().dataUrl(URI);
        assertTrue(url.startsWith("data:image/png;base64,"));
        byte[] png = Base64.getDecoder().decode(url.substring("data:image/png;base64,".length()));
        assertArrayEquals(QrCodes.standard().png(URI), png);
    }

    @Test
    void refusesEmptyAndOversizedText() {
        assertThrows(IllegalArgumentException.class, () -> QrCodes.standard().png(""));
        assertThrows(IllegalArgumentException.class, () -> QrCodes.standard().png("x".repeat(5000)));
    }

    static String decodeWithZxing(byte[] png) throws IOException, NotFoundException, ChecksumException,
            FormatException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
        // PURE_BARCODE: the image is a generated code, not a photo; zxing's finder-pattern search for photos misreads
        // about one perfectly crisp synthetic code in 300, which zbarimg and phone cameras read fine
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
