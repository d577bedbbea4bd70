package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.support.DemoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's attacks over HTTP against the running demo, made by clients the project did not write: Python's
 * standard library, curl and oathtool, in {@code src/test/python/attacks.py}. The script prints a PASS or FAIL line
 * per check and fails when any attack succeeds; this test fails with its output.
 *
 * <p>The demo runs as {@code ./demo} runs it, with the script's own users (each attack enrols or locks one, once)
 * and two lifetimes shortened through system properties, which Tollgate reads before {@code web.xml}: the login
 * transaction (attack 7 waits for it to expire) and the window after a second factor in which a factor may be added
 * without a proof (attack 3 waits for it to close). The script's output is also left in {@code target/attacks.log};
 * {@code -Ddemo.attacks.only=attack4} runs only the attacks whose names contain that text.
 */
class AttackSuiteIT {

    private static final Path SCRIPT = Path.of(System.getProperty("demo.attacks", "src/test/python/attacks.py"));
    /** The shortest login transaction the settings allow. */
    private static final Duration TRANSACTION_TTL = Duration.ofSeconds(30);
    private static final Duration FRESH_PROOF = Duration.ofSeconds(10);
    /** The script keeps within two minutes; this bounds a hanging one. */
    private static final Duration SCRIPT_LIMIT = Duration.ofMinutes(3);

    @Test
    void everyAttackOfIssue12FailsAgainstTheRunningDemo() throws Exception {
        Map<String, String> users = new LinkedHashMap<>();
        for (String line : python("--list-users").output().split("\n")) {
            String[] user = line.strip().split(" ");
            users.put(user[0], user[1]);
        }
        DemoServer.Options options = new DemoServer.Options("attacks", users, Map.of(
                "tollgate.transaction.ttl", TRANSACTION_TTL.toString(),
                "tollgate.freshProof.maxAge", FRESH_PROOF.toString()));
        Run run;
        try (DemoServer demo = DemoServer.start(options)) {
            // called at 127.0.0.1, where the server listens: "localhost" may resolve to ::1 first
            String base = "http://127.0.0.1:" + demo.base().getPort() + "/";
            List<String> arguments = new ArrayList<>(List.of(base,
                    "--transaction-ttl", Long.toString(TRANSACTION_TTL.toSeconds()),
                    "--fresh-window", Long.toString(FRESH_PROOF.toSeconds())));
            // -Ddemo.attacks.only=attack4: the attacks whose names contain this text, while working on one
            String only = System.getProperty("demo.attacks.only", "");
            if (!only.isBlank()) {
                arguments.addAll(List.of("--only", only));
            }
            run = python(arguments.toArray(String[]::new));
        }
        Files.writeString(Path.of(System.getProperty("demo.output", "target"), "attacks.log"), run.output(),
                StandardCharsets.UTF_8);
        assertTrue(run.output().contains("===="), "the script did not finish:\n" + run.output());
        assertEquals(0, run.exitCode(), "an attack succeeded:\n" + run.output());
    }

    private record Run(int exitCode, String output) {
    }

    private static Run python(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("tollgate-attacks", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(SCRIPT_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return new Run(-1, "the attack script did not end within " + SCRIPT_LIMIT + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
