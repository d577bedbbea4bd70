package dev.tollgate.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent program (oathtool, zbarimg) that a test checks Tollgate against.
 *
 * <p>Where the program is missing, the test is skipped on a developer's machine but fails when the system property
 * {@code tollgate.requireExternalTools} is {@code true}, as CI sets it: a cross-check that silently never runs
 * proves nothing.
 */
public final class ExternalTool {

    private final Path executable;

    private ExternalTool(Path executable) {
        this.executable = executable;
    }

    /**
     * Finds a program on the PATH, or skips (or, in CI, fails) the calling test.
     *
     * @param name       the program's name
     * @param debPackage the Debian package that provides it, named in the message
     * @return the tool
     */
    public static ExternalTool require(String name, String debPackage) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return new ExternalTool(candidate);
            }
        }
        String message = name + " is not installed (Debian package " + debPackage + ")";
        if (Boolean.getBoolean("tollgate.requireExternalTools")) {
            fail(message + ", and tollgate.requireExternalTools=true demands it");
        }
        assumeTrue(false, message + "; skipping the cross-check");
        throw new AssertionError("unreachable");
    }

    /**
     * Runs the program and returns its standard output, failing the test on a non-zero exit.
     *
     * @param arguments the arguments
     * @return standard output, trimmed
     */
    public String run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish within 30 s");
            }
            if (process.exitValue() != 0) {
                fail(command + " exited with " + process.exitValue() + ": "
                        + new String(err, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
