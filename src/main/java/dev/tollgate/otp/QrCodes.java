package dev.tollgate.otp;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Renders text, typically an {@link OtpAuthUri}, as a QR code PNG for phone cameras.
 *
 * <pre>{@code
 * QrCodes qr = QrCodes.standard();
 * String src = qr.dataUrl(uri.toUriString());   // for <img src="...">: no file, no external service
 * }</pre>
 *
 * <p>The defaults favour scanning from a screen: error correction level M (15%, the level most key-URI QR codes use;
 * screens do not get dirty, and a higher level makes the code denser), the four-module quiet zone that ISO/IEC 18004
 * requires, and whole pixels per module so no module is blurred by scaling. The encoding itself is zxing's.
 */
public final class QrCodes {

    /** Pixels per module: a 160-bit key URI gives a version 6-7 symbol, about 300 pixels wide at 6. */
    public static final int DEFAULT_MODULE_PIXELS = 6;
    /** The quiet zone, in modules, on each side (ISO/IEC 18004 section 6.3.8). */
    public static final int QUIET_ZONE_MODULES = 4;
    /** Text longer than this is refused: no key URI comes near it, and it bounds the rendering work. */
    public static final int MAX_TEXT_LENGTH = 2048;

    private static final int BLACK = 0x000000;
    private static final int WHITE = 0xFFFFFF;
    private static final ErrorCorrectionLevel ERROR_CORRECTION = ErrorCorrectionLevel.M;

    private final int modulePixels;

    private QrCodes(int modulePixels) {
        this.modulePixels = modulePixels;
    }

    /**
     * Returns a renderer with the defaults: {@value #DEFAULT_MODULE_PIXELS} pixels per module, level M.
     *
     * @return the renderer
     */
    public static QrCodes standard() {
        return new QrCodes(DEFAULT_MODULE_PIXELS);
    }

    /**
     * Returns a renderer with another module size.
     *
     * @param modulePixels pixels per module, 1 to 20
     * @return the renderer
     * @throws IllegalArgumentException if the size is out of range
     */
    public static QrCodes withModulePixels(int modulePixels) {
        if (modulePixels < 1 || modulePixels > 20) {
            throw new IllegalArgumentException("modulePixels must be between 1 and 20, not " + modulePixels);
        }
        return new QrCodes(modulePixels);
    }

    /**
     * Renders text as a PNG image.
     *
     * @param text what the QR code says, at most {@value #MAX_TEXT_LENGTH} characters
     * @return the PNG file's bytes
     * @throws IllegalArgumentException if the text is empty or too long
     */
    public byte[] png(String text) {
        BitMatrix modules = encode(text);
        int size = (modules.getWidth() + 2 * QUIET_ZONE_MODULES) * modulePixels;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < size; y++) {
            int moduleY = y / modulePixels - QUIET_ZONE_MODULES;
            for (int x = 0; x < size; x++) {
                int moduleX = x / modulePixels - QUIET_ZONE_MODULES;
                boolean dark = moduleX >= 0 && moduleY >= 0 && moduleX < modules.getWidth()
                        && moduleY < modules.getHeight() && modules.get(moduleX, moduleY);
                image.setRGB(x, y, dark ? BLACK : WHITE);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("This Java runtime has no PNG writer; javax.imageio must provide one");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a QR code PNG to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Renders text as a {@code data:image/png;base64,} URL, ready for an {@code <img src>} or a JSON field.
     *
     * @param text what the QR code says
     * @return the data URL
     */
    public String dataUrl(String text) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(text));
    }

    private BitMatrix encode(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("QR code text is empty");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("QR code text is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        // margin 0: the quiet zone is drawn in png(), in whole modules
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ERROR_CORRECTION);
        hints.put(EncodeHintType.MARGIN, 0);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(text)) {
            // only then: the UTF-8 hint adds an ECI segment that some older readers stumble on, and a key URI is
            // ASCII after percent-encoding anyway
            hints.put(EncodeHintType.CHARACTER_SET, StandardCharsets.UTF_8.name());
        }
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("Text cannot be encoded as a QR code: " + e.getMessage(), e);
        }
    }
}
