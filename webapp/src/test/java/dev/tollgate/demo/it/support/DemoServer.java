package dev.tollgate.demo.it.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The demo as {@code ./demo} runs it (the same WAR, users and start script {@code src/main/servers/<server>/start.sh}),
 * on a free loopback port: the server of {@code -Ddemo.server} (Payara Micro 6 unless said), in its own process, its
 * output in {@code target/demo-server.log}.
 *
 * <p>With the system property {@code demo.baseUrl} the tests use a demo that is already running instead, which is
 * handy while working on them: {@code ./demo} in one terminal, then
 * {@code mvn -f webapp/pom.xml verify -Ddemo.baseUrl=http://localhost:8080/} in another. That demo must be fresh:
 * the tests enrol the demo users.
 *
 * <p>{@link #start(Options)} starts the demo with more realm users and with Tollgate settings given as system
 * properties, which Tollgate reads before the context parameters of {@code web.xml}: a test can shorten a lifetime
 * without a web.xml of its own. Such a demo is always one of its own, never the one named by {@code demo.baseUrl}.
 */
public final class DemoServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final URI base;

    private DemoServer(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /**
     * How a test wants the demo started beyond what {@code ./demo} does.
     *
     * @param name             names the server's log, {@code target/demo-server-<name>.log}, and its boot files
     * @param users            more realm users, name to password, each in the groups {@code staff} and
     *                         {@code finance}
     * @param systemProperties system properties of the server's JVM, such as {@code tollgate.transaction.ttl}
     */
    public record Options(String name, Map<String, String> users, Map<String, String> systemProperties) {

        /** Checks that the name can be part of a file name. */
        public Options {
            if (!name.matches("[a-z0-9-]+")) {
                throw new IllegalArgumentException("not a plain name: " + name);
            }
            users = Map.copyOf(users);
            systemProperties = Map.copyOf(systemProperties);
        }
    }

    /** A user of {@link #shared()} beside the demo's own four, whom the browser test leaves alone. */
    public static final String JOURNEY_USER = "erin";
    /** {@link #JOURNEY_USER}'s password. */
    public static final String JOURNEY_PASSWORD = "erin-journey";

    private static DemoServer shared;

    /**
     * The demo that the test classes of this JVM share, started at the first call and stopped when the JVM ends: one
     * server start for the browser test and curl's journey, which matters on servers that take a minute to start. It
     * has the demo's users and {@link #JOURNEY_USER}; each test class signs in as users of its own. With
     * {@code demo.baseUrl}, the demo already running there (which has no {@link #JOURNEY_USER}).
     *
     * @return the running demo
     */
    public static synchronized DemoServer shared() throws IOException, InterruptedException {
        if (shared == null) {
            String running = System.getProperty("demo.baseUrl", "");
            DemoServer demo = running.isBlank()
                    ? start(new Options("shared", Map.of(JOURNEY_USER, JOURNEY_PASSWORD), Map.of()))
                    : start();
            Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "stop the shared demo"));
            shared = demo;
        }
        return shared;
    }

    /**
     * Starts the demo, or connects to the one named by {@code demo.baseUrl}, and returns once its start page answers.
     *
     * @return the running demo
     */
    public static DemoServer start() throws IOException, InterruptedException {
        String running = System.getProperty("demo.baseUrl", "");
        if (!running.isBlank()) {
            return new DemoServer(null, URI.create(running.endsWith("/") ? running : running + "/"));
        }
        return start(new File(property("demo.bootFiles"), "post-boot.asadmin"), List.of(),
                new File(property("demo.output"), "demo-server.log"));
    }

    /**
     * Starts a demo of its own with more users and settings, and returns once its start page answers.
     *
     * @param options the users and system properties to add
     * @return the running demo
     */
    public static DemoServer start(Options options) throws IOException, InterruptedException {
        File boot = new File(property("demo.bootFiles"));
        File own = new File(property("demo.output"), "users-" + options.name());
        Files.createDirectories(own.toPath());
        // the demo's own users first, then this test's: one post-boot file, as Payara Micro takes one
        List<String> commands = new ArrayList<>(Files.readAllLines(new File(boot, "post-boot.asadmin").toPath(),
                StandardCharsets.UTF_8));
        for (Map.Entry<String, String> user : options.users().entrySet()) {
            File password = new File(own, user.getKey() + ".pw");
            Files.writeString(password.toPath(), "AS_ADMIN_USERPASSWORD=" + user.getValue() + "\n",
                    StandardCharsets.UTF_8);
            commands.add("create-file-user --groups staff:finance --passwordfile " + password.getPath() + " "
                    + user.getKey());
        }
        File postBoot = new File(own, "post-boot.asadmin");
        Files.write(postBoot.toPath(), commands, StandardCharsets.UTF_8);
        List<String> jvm = new ArrayList<>();
        options.systemProperties().forEach((name, value) -> jvm.add("-D" + name + "=" + value));
        return start(postBoot, jvm, new File(property("demo.output"), "demo-server-" + options.name() + ".log"));
    }

    private static DemoServer start(File users, List<String> systemProperties, File log)
            throws IOException, InterruptedException {
        int port = freePort();
        String server = property("demo.server");
        // Payara Micro 6 and 7 start alike: one script, the version is the jar's
        File script = new File(new File(property("demo.startScripts"), server.startsWith("payara") ? "payara" : server),
                "start.sh");
        String name = log.getName().replaceFirst("\\.log$", "");
        ProcessBuilder builder = new ProcessBuilder("bash", script.getPath()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log));
        Map<String, String> environment = builder.environment();
        environment.put("DEMO_PORT", Integer.toString(port));
        environment.put("DEMO_HOME", property("demo.serverHome"));
        environment.put("DEMO_WAR", property("demo.war"));
        environment.put("DEMO_USERS", users.getPath());
        environment.put("DEMO_WORK", new File(property("demo.output"), "work/" + name).getPath());
        environment.put("DEMO_JAVA_OPTS", String.join(" ", systemProperties));
        environment.put("JAVA_HOME", property("demo.javaHome"));
        DemoServer demo = new DemoServer(builder.start(), URI.create("http://localhost:" + port + "/"));
        try {
            demo.awaitReady(log);
        } catch (IOException | RuntimeException | InterruptedException e) {
            // never leave a server behind
            demo.close();
            throw e;
        }
        return demo;
    }

    /** The demo's address, ending with a slash. */
    public URI base() {
        return base;
    }

    /** Resolves a path of the demo, given without a leading slash. */
    public String url(String path) {
        return base.resolve(path).toString();
    }

    private void awaitReady(File log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(property("demo.server") + " exited with " + process.exitValue() + "; see "
                    + log);
            }
            try {
                HttpResponse<Void> start = http.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.discarding());
                if (start.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the listener is not up yet
            }
            // polling a server that is starting, not waiting for time to pass
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("the demo was not ready within " + START_TIMEOUT + "; see " + log);
    }

    /**
     * Stops the server as Ctrl-C on {@code ./demo} would (SIGTERM to its start script, which stops the server), and
     * forcibly, with whatever the script started, if that takes too long.
     */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the browser test through Maven"
                    + " (mvn -f webapp/pom.xml verify)");
        }
        return value;
    }
}
