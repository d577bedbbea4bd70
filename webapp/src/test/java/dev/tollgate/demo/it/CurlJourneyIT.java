package dev.tollgate.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tollgate.demo.it.support.DemoServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Enrolment and sign-in on the demo, on whichever server {@code -Ddemo.server} names, by clients the project did not
 * write: {@code src/test/sh/curl-journey.sh} drives curl and oathtool through the JSON API and the pages (the FORM
 * login held until the code) and checks that a used code is refused. This test fails with the script's output, also
 * left in {@code target/curl-journey.log}.
 */
class CurlJourneyIT {

    private static final Path SCRIPT = Path.of(System.getProperty("demo.journey", "src/test/sh/curl-journey.sh"));

    @Test
    void curlAndOathtoolEnrolAndSignInThroughTheApiAndThePages() throws Exception {
        Path output = Path.of(System.getProperty("demo.output", "target"), "curl-journey.log");
        int exit;
        // the demo the browser test also uses (its log: target/demo-server-shared.log), as a user of its own
        DemoServer demo = DemoServer.shared();
        // called at 127.0.0.1, where the server listens: "localhost" may resolve to ::1 first
        String base = "http://127.0.0.1:" + demo.base().getPort() + "/";
        Process script = new ProcessBuilder("bash", SCRIPT.toString(), base, DemoServer.JOURNEY_USER,
                DemoServer.JOURNEY_PASSWORD).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!script.waitFor(3, TimeUnit.MINUTES)) {
            script.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        exit = script.isAlive() ? -1 : script.exitValue();
        String log = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, exit, "a step of the journey failed:\n" + log);
        assertTrue(log.contains("journey: all steps passed for " + DemoServer.JOURNEY_USER), "the script did not finish:\n" + log);
    }
}
