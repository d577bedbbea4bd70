package dev.tollgate.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Payara Micro with several variants of the demo WAR side by side, on a free loopback port, its output in
 * {@code server.log} of the work directory. Started like the demo's browser test starts it, except that the JIT
 * compiles fully (the C1-only flag there is for start-up speed, not for a measurement).
 */
final class BenchServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Process process;
    private final URI base;

    private BenchServer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    static BenchServer start(Path microJar, Path work, Path preBoot, Path postBoot, List<Path> wars,
            String readyPath) throws IOException, InterruptedException {
        int port = freePort();
        Path log = work.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-XX:+UseParallelGC"));
        // BENCH_SERVER_JAVA_OPTS, for a profile of the server: -XX:StartFlightRecording=filename=...,settings=profile
        String extra = System.getenv("BENCH_SERVER_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of(
                "-jar", microJar.toString(),
                "--nocluster",
                "--port", Integer.toString(port),
                "--rootdir", work.resolve("payara-root").toString(),
                "--prebootcommandfile", preBoot.toString(),
                "--postbootcommandfile", postBoot.toString()));
        for (Path war : wars) {
            command.add("--deploy");
            command.add(war.toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        BenchServer server = new BenchServer(process, URI.create("http://127.0.0.1:" + port + "/"));
        try {
            server.awaitReady(readyPath, log);
        } catch (IOException | RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI base() {
        return base;
    }

    private void awaitReady(String path, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> start = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (start.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the listener is not up yet
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling a starting server
        }
        throw new IllegalStateException("the server was not ready within " + START_TIMEOUT + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Copies a WAR, leaving out the entries whose names start with {@code dropPrefix} (or none if null) and adding
     * {@code contextParams} (XML) to {@code WEB-INF/web.xml} right after its display name.
     */
    static void copyWar(Path from, Path to, String dropPrefix, String contextParams) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (dropPrefix != null && entry.getName().startsWith(dropPrefix)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream content = in.getInputStream(entry)) {
                    if (entry.getName().equals("WEB-INF/web.xml") && contextParams != null) {
                        String xml = new String(content.readAllBytes(), StandardCharsets.UTF_8);
                        String anchor = "</display-name>";
                        int at = xml.indexOf(anchor);
                        if (at < 0) {
                            throw new IllegalStateException("no <display-name> in the demo's web.xml");
                        }
                        at += anchor.length();
                        out.write((xml.substring(0, at) + contextParams + xml.substring(at))
                                .getBytes(StandardCharsets.UTF_8));
                    } else {
                        content.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }

    /** Whether the WAR holds an entry whose name starts with the prefix. */
    static boolean contains(Path war, String prefix) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            return zip.stream().anyMatch(e -> e.getName().startsWith(prefix));
        }
    }

    static void write(Path file, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
