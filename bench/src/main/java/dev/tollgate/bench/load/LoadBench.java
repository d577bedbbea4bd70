package dev.tollgate.bench.load;

import dev.tollgate.otp.OtpParameters;
import dev.tollgate.otp.Secret;
import dev.tollgate.otp.Totp;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The load benchmark: the demo on Payara Micro, on loopback, driven by a bounded number of requests from this
 * process, measuring in one run
 * <ol>
 *   <li>(a) requests per second to a protected page ({@code /expenses}) for signed-in aal2 sessions, with Tollgate
 *       in place and in the same WAR without the Tollgate jar (so neither its filter nor anything else of it runs);
 *   <li>(b) complete second-factor verifications per second through {@code POST /mfa/api/verify}, each with its own
 *       transaction and a fresh valid code, with p50 and p99 latency;
 *   <li>(c) the same with 1,000 and 1,000,000 other users' factors stored.
 * </ol>
 *
 * <pre>{@code
 * bench/load                     # builds what it needs, then runs this in a loopback-only network namespace
 * java -cp bench/target/benchmarks.jar dev.tollgate.bench.load.LoadBench --war=webapp/target/ROOT.war \
 *      --micro=bench/target/payara-micro.jar [--users=300 --connections=8 --pageRequests=10000 \
 *      --codesPerUser=2 --factors=1000,1000000 --timeLimit=PT15M --work=bench/target/load]
 * }</pre>
 *
 * <p>Each application variant gets its own H2 database file, filled before the server starts, so the factor count is
 * the only difference between the (c) runs. A user's TOTP code is accepted once per time step, so a verification
 * needs a user whose next step is still unused: each benchmark user has up to three codes (the window's steps)
 * at a time, one more every 30 seconds; the run waits for a fresh step between phases, never inside one.
 */
public final class LoadBench {

    private static final String PASSWORD = "bench-password-1";
    private static final Totp TOTP = new Totp(OtpParameters.DEFAULT, 1);
    /** A code computed this close to the end of its step might reach the server in the next: start one later. */
    private static final Duration STEP_MARGIN = Duration.ofSeconds(2);

    private final Options options;
    private final HttpClient http;
    private final Instant deadline;
    private final ExecutorService workers;
    private URI base;

    private LoadBench(Options options) {
        this.options = options;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.deadline = Instant.now().plus(options.timeLimit());
        this.workers = Executors.newFixedThreadPool(options.connections());
    }

    /**
     * Runs the benchmark and prints its figures; exits with 1 if any request was answered unexpectedly.
     *
     * @param args {@code --name=value} options, see the class description
     */
    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        LoadBench bench = new LoadBench(options);
        boolean clean;
        try {
            clean = bench.run();
        } finally {
            bench.workers.shutdownNow();
        }
        System.exit(clean ? 0 : 1);
    }

    private boolean run() throws Exception {
        Path work = options.work().toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        String keySpec = demoKeySpec(options.war());

        List<Path> wars = new ArrayList<>();
        Path plainWar = work.resolve("plain.war");
        if (!BenchServer.contains(options.war(), "WEB-INF/lib/tollgate-")) {
            throw new IllegalStateException(options.war() + " holds no WEB-INF/lib/tollgate-*.jar");
        }
        BenchServer.copyWar(options.war(), plainWar, "WEB-INF/lib/tollgate-", null);
        wars.add(plainWar);
        StringBuilder postBoot = new StringBuilder();
        for (int count : options.factorCounts()) {
            long started = System.nanoTime();
            Path db = work.resolve("factors" + count);
            FactorTable.create(db, count, keySpec);
            log("stored %,d factors of other users in %s (%.1f s)", count, db,
                    (System.nanoTime() - started) / 1e9);
            postBoot.append("create-jdbc-connection-pool --datasourceclassname org.h2.jdbcx.JdbcDataSource"
                            + " --restype javax.sql.DataSource --property user=" + FactorTable.USER + ":password="
                            + FactorTable.PASSWORD + ":url=")
                    .append(FactorTable.url(db).replace(":", "\\:")).append(" factors").append(count).append('\n')
                    .append("create-jdbc-resource --connectionpoolid factors").append(count)
                    .append(" jdbc/factors").append(count).append('\n');
            Path war = work.resolve("f" + count + ".war");
            BenchServer.copyWar(options.war(), war, null, "\n  <context-param><param-name>tollgate.dataSource</param-name>"
                    + "<param-value>jdbc/factors" + count + "</param-value></context-param>");
            wars.add(war);
        }
        Path passwordFile = work.resolve("user.pw");
        BenchServer.write(passwordFile, "AS_ADMIN_USERPASSWORD=" + PASSWORD + "\n");
        for (int i = 0; i < options.users(); i++) {
            postBoot.append("create-file-user --groups staff --passwordfile ").append(passwordFile).append(' ')
                    .append(userName(i)).append('\n');
        }
        Path preBootFile = work.resolve("pre-boot.asadmin");
        Path postBootFile = work.resolve("post-boot.asadmin");
        // as the demo's pre-boot file: HTTP on loopback only, no data grid
        BenchServer.write(preBootFile, "set configs.config.server-config.network-config.network-listeners"
                + ".network-listener.http-listener.address=127.0.0.1\n"
                + "set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false\n");
        BenchServer.write(postBootFile, postBoot.toString());

        long booting = System.nanoTime();
        try (BenchServer server = BenchServer.start(options.micro(), work, preBootFile, postBootFile, wars,
                "plain/")) {
            base = server.base();
            for (int count : options.factorCounts()) {
                awaitOk("f" + count + "/");
            }
            log("server ready at %s in %.0f s (log: %s)", base, (System.nanoTime() - booting) / 1e9,
                    work.resolve("server.log"));
            return measure();
        }
    }

    private boolean measure() throws Exception {
        Report report = new Report();
        Map<Integer, List<User>> usersByApp = new HashMap<>();
        for (int count : options.factorCounts()) {
            usersByApp.put(count, enrolAll("f" + count + "/"));
        }
        int firstCount = options.factorCounts().get(0);
        pages(report, "f" + firstCount + "/", usersByApp.get(firstCount));
        for (int count : options.factorCounts()) {
            verifications(report, count, usersByApp.get(count));
        }
        System.out.println();
        System.out.print(report.render(options));
        return report.clean();
    }

    // ---- setup: every benchmark user enrols an authenticator app in every variant

    private List<User> enrolAll(String app) throws Exception {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < options.users(); i++) {
            users.add(new User(userName(i)));
        }
        long started = System.nanoTime();
        inParallel(users, user -> {
            Client client = new Client(http, base.resolve(app));
            HttpResponse<String> login = client.postJson("mfa/api/login", credentials(user.name));
            expect(200, login, "password sign-in of " + user.name);
            HttpResponse<String> created = client.postJson("mfa/api/factors/totp", "{\"label\":\"bench\"}");
            expect(201, created, "enrolment of " + user.name);
            user.secret = Secret.fromBase32(Client.jsonString(created.body(), "secret"));
            String factorId = Client.jsonString(created.body(), "factorId");
            HttpResponse<String> confirmed = client.postJson("mfa/api/factors/" + factorId + "/verify",
                    "{\"code\":\"" + user.nextCode() + "\"}");
            expect(200, confirmed, "confirmation of " + user.name);
            user.aal2Session = client;
        });
        log("%s: %d users enrolled an authenticator app in %.1f s", app, users.size(),
                (System.nanoTime() - started) / 1e9);
        return users;
    }

    // ---- (a) a protected page, with and without Tollgate

    private void pages(Report report, String app, List<User> users) throws Exception {
        int sessions = Math.min(options.connections(), users.size());
        List<Client> withTollgate = new ArrayList<>();
        List<Client> without = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Client signedIn = users.get(i).aal2Session;
            HttpResponse<String> page = signedIn.get("expenses");
            expect(200, page, "the protected page at aal2");
            if (page.body().contains("suggest-mfa") || page.body().contains("j_security_check")) {
                throw new IllegalStateException("the session is not signed in at aal2: " + page.body());
            }
            withTollgate.add(signedIn);
            without.add(formLogin("plain/", users.get(i).name));
        }
        int perRound = Math.max(1, options.pageRequests() / options.pageRounds());
        pageRound(withTollgate, options.pageRequests() / 2); // warm-up, not counted
        pageRound(without, options.pageRequests() / 2);
        PageFigures tollgate = new PageFigures();
        PageFigures plain = new PageFigures();
        List<Double> ratios = new ArrayList<>();
        // pairs of rounds side by side, so that drift in the machine's load hits both; every other pair starts
        // without Tollgate, so that neither side always runs first
        for (int round = 0; round < options.pageRounds(); round++) {
            PageFigures with;
            PageFigures plainRound;
            if (round % 2 == 0) {
                with = pageRound(withTollgate, perRound);
                plainRound = pageRound(without, perRound);
            } else {
                plainRound = pageRound(without, perRound);
                with = pageRound(withTollgate, perRound);
            }
            tollgate.add(with);
            plain.add(plainRound);
            ratios.add(with.perSecond() / plainRound.perSecond());
            log("page round %d/%d: with %.0f req/s, without %.0f req/s, ratio %.3f", round + 1,
                    options.pageRounds(), with.perSecond(), plainRound.perSecond(), ratios.get(round));
        }
        report.pages(tollgate, plain, sessions, ratios);
    }

    private Client formLogin(String app, String user) throws IOException, InterruptedException {
        Client client = new Client(http, base.resolve(app));
        expect(200, client.get("expenses"), "the login page of the application without Tollgate");
        HttpResponse<String> posted = client.postForm("j_security_check", "j_username="
                + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&j_password=" + PASSWORD);
        expect(302, posted, "FORM login without Tollgate");
        HttpResponse<String> page = client.get("expenses");
        expect(200, page, "the protected page without Tollgate");
        if (page.body().contains("j_security_check")) {
            throw new IllegalStateException("FORM login without Tollgate failed: " + page.body());
        }
        return client;
    }

    private PageFigures pageRound(List<Client> sessions, int requests) throws Exception {
        AtomicInteger remaining = new AtomicInteger(requests);
        AtomicInteger unexpected = new AtomicInteger();
        long started = System.nanoTime();
        inParallel(sessions, session -> {
            while (remaining.getAndDecrement() > 0) {
                checkDeadline();
                if (session.get("expenses").statusCode() != 200) {
                    unexpected.incrementAndGet();
                }
            }
        });
        return new PageFigures(requests, unexpected.get(), System.nanoTime() - started);
    }

    // ---- (b), (c): complete second-factor verifications

    private void verifications(Report report, int factorCount, List<User> users) throws Exception {
        String app = "f" + factorCount + "/";
        // warm-up: a sign-in per user with three wrong codes and the right one (five wrong would end the
        // transaction; the success resets the account's count of consecutive failures)
        awaitCodes(users, 1);
        inParallel(users, user -> {
            Client client = new Client(http, base.resolve(app));
            String transaction = signIn(client, user);
            for (int i = 0; i < 3; i++) {
                expect(401, verify(client, transaction, user.wrongCode()), "a wrong code");
            }
            expect(200, verify(client, transaction, user.nextCode()), "the right code");
        });
        awaitCodes(users, options.codesPerUser());
        // every transaction opened before the clock starts: the measured requests are the verifications alone
        Map<User, List<Pending>> pending = new HashMap<>();
        inParallel(users, user -> {
            List<Pending> mine = new ArrayList<>();
            for (int i = 0; i < options.codesPerUser(); i++) {
                Client client = new Client(http, base.resolve(app));
                mine.add(new Pending(client, signIn(client, user)));
            }
            synchronized (pending) {
                pending.put(user, mine);
            }
        });
        List<Latencies> latencies = new ArrayList<>();
        AtomicInteger unexpected = new AtomicInteger();
        long started = System.nanoTime();
        inParallelByWorker(users, (mine, times) -> {
            for (User user : mine) {
                for (Pending open : pending.get(user)) { // a user's codes in step order
                    checkDeadline();
                    String code = user.nextCode();
                    long sent = System.nanoTime();
                    int status = verify(open.client, open.transactionId, code).statusCode();
                    times.add(System.nanoTime() - sent);
                    if (status != 200) {
                        unexpected.incrementAndGet();
                    }
                }
            }
        }, latencies);
        long elapsed = System.nanoTime() - started;
        report.verifications(factorCount, Latencies.merge(latencies), unexpected.get(), elapsed);
    }

    private String signIn(Client client, User user) throws IOException, InterruptedException {
        HttpResponse<String> login = client.postJson("mfa/api/login", credentials(user.name));
        expect(200, login, "password sign-in of " + user.name);
        if (!"mfa_required".equals(Client.jsonString(login.body(), "status"))) {
            throw new IllegalStateException("expected mfa_required: " + login.body());
        }
        return Client.jsonString(login.body(), "transactionId");
    }

    private static HttpResponse<String> verify(Client client, String transactionId, String code)
            throws IOException, InterruptedException {
        return client.postJson("mfa/api/verify",
                "{\"transactionId\":\"" + transactionId + "\",\"code\":\"" + code + "\"}");
    }

    /** Waits, outside any measurement, until every user has {@code codes} unused steps in the window. */
    private void awaitCodes(List<User> users, int codes) throws InterruptedException {
        if (codes > 3) {
            throw new IllegalArgumentException("a window of one step either side holds at most 3 codes");
        }
        long newest = users.stream().mapToLong(u -> u.lastStep).max().orElse(Long.MIN_VALUE);
        while (User.highestUsableStep() - Math.max(newest, User.lowestUsableStep() - 1) < codes) {
            checkDeadline();
            long nextStepStarts = TOTP.startOf(TOTP.timeStep(Instant.now()) + 1).toEpochMilli();
            long wait = nextStepStarts - System.currentTimeMillis() + STEP_MARGIN.toMillis();
            log("waiting %.0f s for the next time step, so that every user has %d unused codes", wait / 1e3, codes);
            TimeUnit.MILLISECONDS.sleep(Math.max(100, wait));
        }
    }

    // ---- plumbing

    private void awaitOk(String path) throws Exception {
        Client probe = new Client(http, base);
        Instant giveUp = Instant.now().plusSeconds(60);
        int status;
        while ((status = probe.get(path).statusCode()) != 200) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("/" + path + " answers " + status + "; see the server log");
            }
            TimeUnit.MILLISECONDS.sleep(500); // polling an application that is still starting
        }
    }

    private void checkDeadline() {
        if (Instant.now().isAfter(deadline)) {
            throw new IllegalStateException("the time limit of " + options.timeLimit() + " ran out");
        }
    }

    interface Task<T> {
        void run(T item) throws Exception;
    }

    interface WorkerTask<T> {
        void run(List<T> items, Latencies times) throws Exception;
    }

    private <T> void inParallel(List<T> items, Task<T> task) throws Exception {
        inParallelByWorker(items, (mine, times) -> {
            for (T item : mine) {
                checkDeadline();
                task.run(item);
            }
        }, new ArrayList<>());
    }

    /** Splits the items over the workers (item i to worker i mod n), runs each worker's share in order. */
    private <T> void inParallelByWorker(List<T> items, WorkerTask<T> task, List<Latencies> latencies)
            throws Exception {
        int n = Math.min(options.connections(), items.size());
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            List<T> mine = new ArrayList<>();
            for (int i = w; i < items.size(); i += n) {
                mine.add(items.get(i));
            }
            Latencies times = new Latencies();
            latencies.add(times);
            running.add(workers.submit(() -> {
                task.run(mine, times);
                return null;
            }));
        }
        for (Future<?> each : running) {
            each.get(Duration.between(Instant.now(), deadline).toMillis() + 1000, TimeUnit.MILLISECONDS);
        }
    }

    private static void expect(int status, HttpResponse<String> response, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + ": expected " + status + ", got " + response.statusCode() + " "
                    + response.body());
        }
    }

    private static String credentials(String user) {
        return "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}";
    }

    private static String userName(int i) {
        return String.format("bench%04d", i);
    }

    private static String demoKeySpec(Path war) throws IOException {
        try (var zip = new java.util.zip.ZipFile(war.toFile())) {
            String xml = new String(zip.getInputStream(zip.getEntry("WEB-INF/web.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            Matcher key = Pattern.compile("<param-name>tollgate.encryptionKeys</param-name>\\s*<param-value>([^<]+)<")
                    .matcher(xml);
            if (!key.find()) {
                throw new IllegalStateException("no tollgate.encryptionKeys in the WAR's web.xml");
            }
            return key.group(1).trim();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void log(String format, Object... args) {
        System.out.println("load: " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }

    /** A benchmark user: the secret its authenticator holds and the last time step it used. */
    static final class User {
        final String name;
        volatile Secret secret;
        volatile long lastStep = Long.MIN_VALUE;
        volatile Client aal2Session;

        User(String name) {
            this.name = name;
        }

        /** The window's earliest step that will still be in it when the request arrives. */
        static long lowestUsableStep() {
            return TOTP.timeStep(Instant.now().plus(STEP_MARGIN)) - 1;
        }

        static long highestUsableStep() {
            return TOTP.timeStep(Instant.now()) + 1;
        }

        /** The code of the user's next unused step, as an authenticator app that may run a step ahead shows. */
        String nextCode() {
            long step = Math.max(lastStep + 1, lowestUsableStep());
            if (step > highestUsableStep()) {
                throw new IllegalStateException(name + " has used every step of the window");
            }
            lastStep = step;
            return TOTP.generateForStep(secret, step);
        }

        /** A code that no step of the window produces. */
        String wrongCode() {
            long now = TOTP.timeStep(Instant.now());
            List<String> window = new ArrayList<>();
            for (long s = now - 2; s <= now + 2; s++) {
                window.add(TOTP.generateForStep(secret, s));
            }
            int candidate = 0;
            while (window.contains(String.format("%06d", candidate))) {
                candidate++;
            }
            return String.format("%06d", candidate);
        }
    }

    record Pending(Client client, String transactionId) {
    }
}
