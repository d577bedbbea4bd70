package dev.tollgate.bench;

import com.warrenstrange.googleauth.GoogleAuthenticator;
import com.warrenstrange.googleauth.GoogleAuthenticatorConfig;
import com.warrenstrange.googleauth.GoogleAuthenticatorQRGenerator;
import com.warrenstrange.googleauth.HmacHashFunction;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.DefaultCodeVerifier;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.tollgate.otp.OtpAuthUri;
import dev.tollgate.otp.OtpCode;
import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.QrCodes;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import dev.tollgate.otp.TotpMatch;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The OTP core next to the two Java TOTP libraries people use instead, at the same settings (HMAC-SHA1, 6 digits,
 * 30-second steps, one step of drift either side), in one JMH run. Each operation has one benchmark per library,
 * named {@code operation_library}; {@link #main(String[])} runs them and prints operations per second with
 * Tollgate's ratio to each peer ({@link RatioReport}).
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar                        # the full run, about 8 minutes
 * java -jar bench/target/benchmarks.jar -f 1 -wi 1 -i 1 -r 1s  # a smoke run: any JMH option works
 * }</pre>
 *
 * <p>Every library gets its input the way its API takes it: Tollgate a decoded {@link Secret} (the server holds it
 * decrypted for the verification) and the typed code, which it parses; the peers the Base32 text they decode on
 * each call, and the code as their verify method takes it (an {@code int} for googleauth, a string for samstevens).
 * googleauth cannot render a QR code (it builds a link to an online chart service), so the QR benchmark compares
 * with samstevens alone, at the same image width.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
public class OtpBenchmarks {

    /** Fixed, so that every run and every library checks the same codes; 10 s into a step. */
    static final Instant NOW = Instant.parse("2025-06-01T12:00:10Z");
    static final String ISSUER = "Expenses";
    static final String ACCOUNT = "alice@example.com";

    // ---- Tollgate
    private Totp totp;
    private Secret secret;
    private SecureRandom random;
    private QrCodes qrCodes;

    // ---- googleauth
    private GoogleAuthenticator googleAuth;

    // ---- samstevens
    private DefaultCodeGenerator samGenerator;
    private DefaultCodeVerifier samVerifier;
    private DefaultSecretGenerator samSecrets;
    private ZxingPngQrGenerator samQr;

    private String base32;
    private String validCode;
    private String wrongCode;
    private String uri;
    private QrData samQrData;

    /** Builds every library's objects once, and checks that all three agree on the codes. */
    @Setup
    public void setUp() throws Exception {
        random = new SecureRandom();
        secret = Secret.generate(random);
        base32 = secret.base32();
        totp = new Totp(OtpParameters.DEFAULT, 1);
        qrCodes = QrCodes.standard();

        googleAuth = new GoogleAuthenticator(new GoogleAuthenticatorConfig.GoogleAuthenticatorConfigBuilder()
                .setHmacHashFunction(HmacHashFunction.HmacSHA1)
                .setCodeDigits(6)
                .setTimeStepSizeInMillis(30_000)
                .setWindowSize(3) // googleauth counts the whole window: the current step and one either side
                .setNumberOfScratchCodes(0) // a secret only, as the others make
                .build());

        samGenerator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
        samVerifier = new DefaultCodeVerifier(samGenerator, NOW::getEpochSecond);
        samVerifier.setTimePeriod(30);
        samVerifier.setAllowedTimePeriodDiscrepancy(1);
        samSecrets = new DefaultSecretGenerator(32); // 32 Base32 characters: 160 bits, as the others
        samQr = new ZxingPngQrGenerator();

        validCode = totp.generate(secret, NOW);
        wrongCode = codeOutsideTheWindow();
        uri = new OtpAuthUri(ISSUER, ACCOUNT, secret, OtpParameters.DEFAULT).toUriString();
        samQrData = new QrData.Builder().label(ACCOUNT).issuer(ISSUER).secret(base32)
                .algorithm(HashingAlgorithm.SHA1).digits(6).period(30).build();
        samQr.setImageSize(widthOf(qrCodes.png(uri)));
        checkTheLibrariesAgree();
    }

    private String codeOutsideTheWindow() {
        long step = totp.timeStep(NOW);
        int candidate = Integer.parseInt(validCode);
        while (true) {
            candidate = (candidate + 1) % 1_000_000;
            String code = String.format("%06d", candidate);
            boolean inWindow = false;
            for (long s = step - 1; s <= step + 1; s++) {
                inWindow |= totp.generateForStep(secret, s).equals(code);
            }
            if (!inWindow) {
                return code;
            }
        }
    }

    private void checkTheLibrariesAgree() throws CodeGenerationException {
        long millis = NOW.toEpochMilli();
        require(String.format("%06d", googleAuth.getTotpPassword(base32, millis)).equals(validCode), "googleauth code");
        require(samGenerator.generate(base32, totp.timeStep(NOW)).equals(validCode), "samstevens code");
        require(verifyValidCode_tollgate().isPresent() && verifyWrongCode_tollgate().isEmpty(), "Tollgate verify");
        require(verifyValidCode_googleauth() && !verifyWrongCode_googleauth(), "googleauth verify");
        require(verifyValidCode_samstevens() && !verifyWrongCode_samstevens(), "samstevens verify");
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("the libraries disagree: " + what);
        }
    }

    private static int widthOf(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            return image.getWidth();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- verify a valid code: the user's code, as typed, against the window around now

    @Benchmark
    public Optional<TotpMatch> verifyValidCode_tollgate() {
        return totp.verify(secret, OtpCode.parse(validCode, 6), NOW);
    }

    @Benchmark
    public boolean verifyValidCode_googleauth() {
        return googleAuth.authorize(base32, Integer.parseInt(validCode), NOW.toEpochMilli());
    }

    @Benchmark
    public boolean verifyValidCode_samstevens() {
        return samVerifier.isValidCode(base32, validCode);
    }

    // ---- verify a wrong code: no step matches, the whole window is computed

    @Benchmark
    public Optional<TotpMatch> verifyWrongCode_tollgate() {
        return totp.verify(secret, OtpCode.parse(wrongCode, 6), NOW);
    }

    @Benchmark
    public boolean verifyWrongCode_googleauth() {
        return googleAuth.authorize(base32, Integer.parseInt(wrongCode), NOW.toEpochMilli());
    }

    @Benchmark
    public boolean verifyWrongCode_samstevens() {
        return samVerifier.isValidCode(base32, wrongCode);
    }

    // ---- generate the code of now

    @Benchmark
    public String generateCode_tollgate() {
        return totp.generate(secret, NOW);
    }

    @Benchmark
    public int generateCode_googleauth() {
        return googleAuth.getTotpPassword(base32, NOW.toEpochMilli());
    }

    @Benchmark
    public String generateCode_samstevens() throws CodeGenerationException {
        return samGenerator.generate(base32, NOW.getEpochSecond() / 30);
    }

    // ---- a new secret and its otpauth:// key URI, as an enrolment starts

    @Benchmark
    public String secretAndUri_tollgate() {
        return new OtpAuthUri(ISSUER, ACCOUNT, Secret.generate(random), OtpParameters.DEFAULT).toUriString();
    }

    @Benchmark
    public String secretAndUri_googleauth() {
        return GoogleAuthenticatorQRGenerator.getOtpAuthTotpURL(ISSUER, ACCOUNT, googleAuth.createCredentials());
    }

    @Benchmark
    public String secretAndUri_samstevens() {
        return new QrData.Builder().label(ACCOUNT).issuer(ISSUER).secret(samSecrets.generate())
                .algorithm(HashingAlgorithm.SHA1).digits(6).period(30).build().getUri();
    }

    // ---- the QR code of a key URI as PNG (googleauth has none)

    @Benchmark
    public byte[] qrPng_tollgate() {
        return qrCodes.png(uri);
    }

    @Benchmark
    public byte[] qrPng_samstevens() throws QrGenerationException {
        return samQr.generate(samQrData);
    }

    /**
     * Runs the benchmarks with JMH's command-line options, then prints each operation's throughput per library and
     * Tollgate's ratio to each peer.
     *
     * @param args JMH options, for example {@code -f 1 -wi 1 -i 1 -r 1s}
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        if (options.shouldHelp() || options.shouldList() || options.shouldListProfilers()
                || options.shouldListResultFormats() || options.shouldListWithParams()) {
            org.openjdk.jmh.Main.main(args);
            return;
        }
        Collection<RunResult> results = new Runner(options).run();
        System.out.println();
        System.out.print(RatioReport.of(results).render());
        System.out.println();
        System.out.println(SessionSize.describe());
    }
}
