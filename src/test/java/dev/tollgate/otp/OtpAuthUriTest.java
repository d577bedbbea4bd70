package dev.tollgate.otp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.InvalidRequestException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OtpAuthUriTest {

    private static final Secret SECRET = Secret.fromBase32("JBSWY3DPEHPK3PXP");

    @Test
    void writesTheFormatAuthenticatorAppsRead() {
        OtpAuthUri uri = new OtpAuthUri("Example", "alice@google.com", SECRET, OtpParameters.DEFAULT);
        assertEquals("otpauth://totp/Example:alice%40google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example"
                + "&algorithm=SHA1&digits=6&period=30", uri.toUriString());
    }

    @Test
    void writesOtherParameters() {
        OtpParameters sha512 = new OtpParameters(HashAlgorithm.SHA512, 8, Duration.ofSeconds(60));
        OtpAuthUri uri = new OtpAuthUri("ACME", "bob", SECRET, sha512);
        assertTrue(uri.toUriString().endsWith("&algorithm=SHA512&digits=8&period=60"), uri.toUriString());
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
        "ACME Co|alice smith|ACME%20Co:alice%20smith",
        "Big+Corp|a+b@example.com|Big%2BCorp:a%2Bb%40example.com",
        "Example|domain:user|Example:domain%3Auser",
        "Zürich Bank|jürgen@zürich.ch|Z%C3%BCrich%20Bank:j%C3%BCrgen%40z%C3%BCrich.ch",
        "東京|ユーザー|%E6%9D%B1%E4%BA%AC:%E3%83%A6%E3%83%BC%E3%82%B6%E3%83%BC",
        "A&B=C?|x/y#z%|A%26B%3DC%3F:x%2Fy%23z%25",
        "Emoji 🔐|me|Emoji%20%F0%9F%94%90:me",
    })
    void percentEncodesAwkwardNamesAndReadsThemBack(String issuer, String account, String label) {
        OtpAuthUri uri = new OtpAuthUri(issuer, account, SECRET, OtpParameters.DEFAULT);
        String text = uri.toUriString();
        assertTrue(text.startsWith("otpauth://totp/" + label + "?"), text);
        assertFalse(text.contains("+"), "a space must never be written as +: " + text);
        OtpAuthUri parsed = OtpAuthUri.parse(text);
        assertEquals(uri, parsed);
        assertEquals(issuer, parsed.issuer());
        assertEquals(account, parsed.accountName());
    }

    @Test
    void readsUrisWrittenByOtherSystems() {
        OtpAuthUri parsed = OtpAuthUri.parse(
                "otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"
                        + "&issuer=ACME%20Co&algorithm=SHA256&digits=7&period=45");
        assertEquals("ACME Co", parsed.issuer());
        assertEquals("john.doe@email.com", parsed.accountName());
        assertEquals(new OtpParameters(HashAlgorithm.SHA256, 7, Duration.ofSeconds(45)), parsed.parameters());
        assertEquals(Secret.fromBase32("HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ"), parsed.secret());
    }

    @Test
    void defaultsMissingParametersAsTheFormatSays() {
        OtpAuthUri parsed = OtpAuthUri.parse("otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP");
        assertEquals("Example", parsed.issuer());
        assertEquals(OtpParameters.DEFAULT, parsed.parameters());
    }

    @Test
    void takesTheIssuerParameterWhenTheLabelHasNone() {
        OtpAuthUri parsed = OtpAuthUri.parse("otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP&issuer=Example");
        assertEquals("Example", parsed.issuer());
        assertEquals("alice", parsed.accountName());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP&counter=1",
        "https://example.com/?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Example:alice",
        "otpauth://totp/Example:alice?issuer=Example",
        "otpauth://totp/Example:alice?secret=JBSWY3DP!HPK3PXP",
        "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&algorithm=MD5",
        "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&digits=ten",
        "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&digits=4",
        "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&period=0",
        "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Other",
        "otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&secret=GEZDGNBV",
        "otpauth://totp/alice?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Ex%2:alice?secret=JBSWY3DPEHPK3PXP",
        "otpauth://totp/Ex%FF:alice?secret=JBSWY3DPEHPK3PXP",
    })
    void refusesMalformedUrisWithAClearError(String text) {
        assertThrows(InvalidRequestException.class, () -> OtpAuthUri.parse(text));
    }

    @Test
    void refusesAnIssuerWithAColon() {
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> new OtpAuthUri("a:b", "alice", SECRET, OtpParameters.DEFAULT));
        assertTrue(e.getMessage().contains("colon"), e.getMessage());
    }

    @Test
    void refusesBlankNames() {
        assertThrows(InvalidRequestException.class, () -> new OtpAuthUri(" ", "alice", SECRET,
                OtpParameters.DEFAULT));
        assertThrows(InvalidRequestException.class, () -> new OtpAuthUri("ACME", "", SECRET,
                OtpParameters.DEFAULT));
    }

    @Test
    void keepsTheSecretOutOfToString() {
        OtpAuthUri uri = new OtpAuthUri("Example", "alice", SECRET, OtpParameters.DEFAULT);
        assertFalse(uri.toString().contains("JBSW"), uri.toString());
    }
}
