package dev.tollgate.otp;

import dev.tollgate.InvalidRequestException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code otpauth://totp/...} key URI that authenticator apps scan from a QR code.
 *
 * <pre>{@code
 * OtpAuthUri uri = new OtpAuthUri("ACME Co", "alice@example.com", secret, OtpParameters.DEFAULT);
 * uri.toUriString();
 * // otpauth://totp/ACME%20Co:alice%40example.com?secret=JBSW...&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30
 * }</pre>
 *
 * <p>The format is the one Google Authenticator defined and Microsoft Authenticator, 1Password and FreeOTP read:
 * the label is the issuer, a literal colon and the account name; the issuer is repeated as the {@code issuer}
 * parameter, which newer apps prefer. Every character outside RFC 3986's unreserved set is percent-encoded as
 * UTF-8, so a space is {@code %20} (never {@code +}, which apps show literally), and {@code @}, {@code +},
 * {@code :} and non-ASCII names survive the trip. The issuer may not contain a colon: apps that decode the label
 * before splitting it would cut the name there.
 *
 * @param issuer      who the account is with, shown as the entry's title; not blank, no colon
 * @param accountName whose account it is, usually the user name or e-mail address; not blank
 * @param secret      the shared key
 * @param parameters  algorithm, digits and period
 */
public record OtpAuthUri(String issuer, String accountName, Secret secret, OtpParameters parameters) {

    private static final String PREFIX = "otpauth://totp/";
    private static final int MAX_NAME_LENGTH = 256;

    /**
     * Validates the parts.
     *
     * @throws InvalidRequestException if the issuer or account name is blank, too long, or the issuer has a colon
     */
    public OtpAuthUri {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(parameters, "parameters");
        requireName("issuer", issuer);
        requireName("account name", accountName);
        if (issuer.indexOf(':') >= 0) {
            throw new InvalidRequestException("issuer must not contain a colon: authenticator apps split the label"
                    + " there; use another separator in '" + issuer + "'");
        }
    }

    private static void requireName(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field + " is missing");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new InvalidRequestException(field + " must be at most " + MAX_NAME_LENGTH + " characters long");
        }
    }

    /**
     * Returns the URI to put into a QR code.
     *
     * @return the {@code otpauth://totp/} URI; it contains the secret, so never log it
     */
    public String toUriString() {
        return PREFIX + encode(issuer) + ':' + encode(accountName)
                + "?secret=" + secret.base32()
                + "&issuer=" + encode(issuer)
                + "&algorithm=" + parameters.algorithm().uriName()
                + "&digits=" + parameters.digits()
                + "&period=" + parameters.periodSeconds();
    }

    /**
     * Reads a key URI, for example one scanned from another system's QR code.
     *
     * <p>Missing {@code algorithm}, {@code digits} and {@code period} take the defaults of the format (SHA1, 6,
     * 30). Without an issuer prefix in the label, the {@code issuer} parameter is required.
     *
     * @param uri the {@code otpauth://totp/} URI
     * @return its parts
     * @throws InvalidRequestException naming the part that is missing or malformed
     */
    public static OtpAuthUri parse(String uri) {
        if (uri == null || !uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new InvalidRequestException("key URI must start with " + PREFIX);
        }
        String rest = uri.substring(PREFIX.length());
        int query = rest.indexOf('?');
        if (query < 0) {
            throw new InvalidRequestException("key URI has no parameters: the secret parameter is required");
        }
        String label = rest.substring(0, query);
        Map<String, String> parameters = parseQuery(rest.substring(query + 1));

        int colon = label.indexOf(':');
        String labelIssuer = colon < 0 ? null : decode(label.substring(0, colon));
        String account = decode(colon < 0 ? label : label.substring(colon + 1));
        String issuerParameter = parameters.get("issuer");
        if (labelIssuer != null && issuerParameter != null && !labelIssuer.equals(issuerParameter)) {
            throw new InvalidRequestException("key URI names two issuers: '" + labelIssuer + "' in the label and '"
                    + issuerParameter + "' in the issuer parameter");
        }
        String issuer = issuerParameter != null ? issuerParameter : labelIssuer;

        String secret = parameters.get("secret");
        if (secret == null) {
            throw new InvalidRequestException("key URI has no secret parameter");
        }
        HashAlgorithm algorithm = HashAlgorithm.fromUriName(parameters.getOrDefault("algorithm", "SHA1"));
        int digits = parseInt("digits", parameters.getOrDefault("digits", "6"));
        int period = parseInt("period", parameters.getOrDefault("period", "30"));
        OtpParameters otp = new OtpParameters(algorithm, digits, Duration.ofSeconds(period));
        return new OtpAuthUri(issuer, account, Secret.fromBase32(secret), otp);
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (parameters.putIfAbsent(name, value) != null) {
                throw new InvalidRequestException("key URI repeats the parameter '" + name + "'");
            }
        }
        return parameters;
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name + " must be a whole number, not '" + value + "'", e);
        }
    }

    /** Percent-encodes everything but RFC 3986 section 2.3's unreserved characters. */
    static String encode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder encoded = new StringBuilder(utf8.length * 3);
        for (byte b : utf8) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~';
            if (unreserved) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return encoded.toString();
    }

    /** Decodes percent-escapes as UTF-8; a '+' stays a plus sign, as RFC 3986 (unlike HTML forms) says. */
    static String decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new InvalidRequestException("key URI has an incomplete percent-escape");
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    throw new InvalidRequestException("key URI has an invalid percent-escape");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                int codePoint = text.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i += Character.charCount(codePoint) - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequestException("key URI has percent-escapes that are not UTF-8", e);
        }
    }

    /** Returns a description without the secret. */
    @Override
    public String toString() {
        return "OtpAuthUri[issuer=" + issuer + ", accountName=" + accountName + ", " + parameters + "]";
    }
}
