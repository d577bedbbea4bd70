package dev.tollgate.bench;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * Turns JMH results named {@code operation_library} into a table: throughput per library and Tollgate's ratio to
 * each peer (above 1 means Tollgate is faster), plus the checks the benchmarks exist for.
 */
final class RatioReport {

    static final String TOLLGATE = "tollgate";
    static final List<String> PEERS = List.of("googleauth", "samstevens");
    /** Verification must be at least this many times as fast as the fastest peer. */
    static final double VERIFY_AIM = 2.0;

    /** operation, then library, then throughput in operations per second (with its error). */
    private final Map<String, Map<String, Result<?>>> scores;

    private RatioReport(Map<String, Map<String, Result<?>>> scores) {
        this.scores = scores;
    }

    static RatioReport of(Collection<RunResult> results) {
        Map<String, Map<String, Result<?>>> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            if (!method.startsWith(OtpBenchmarks.class.getName() + ".")) {
                continue; // other benchmarks of the jar have no peers: JMH's own table shows them
            }
            method = method.substring(method.lastIndexOf('.') + 1);
            int split = method.lastIndexOf('_');
            scores.computeIfAbsent(method.substring(0, split), k -> new LinkedHashMap<>())
                    .put(method.substring(split + 1), result.getPrimaryResult());
        }
        return new RatioReport(scores);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-16s %22s %22s %22s %14s %14s%n", "operation (ops/s)", TOLLGATE,
                PEERS.get(0), PEERS.get(1), "x googleauth", "x samstevens"));
        for (Map.Entry<String, Map<String, Result<?>>> operation : scores.entrySet()) {
            Map<String, Result<?>> byLibrary = operation.getValue();
            out.append(String.format(Locale.ROOT, "%-16s %22s %22s %22s", operation.getKey(),
                    cell(byLibrary.get(TOLLGATE)), cell(byLibrary.get(PEERS.get(0))), cell(byLibrary.get(PEERS.get(1)))));
            for (String peer : PEERS) {
                out.append(String.format(Locale.ROOT, " %14s", ratioText(operation.getKey(), peer)));
            }
            out.append(System.lineSeparator());
        }
        appendChecks(out);
        return out.toString();
    }

    private void appendChecks(StringBuilder out) {
        for (String verify : List.of("verifyValidCode", "verifyWrongCode")) {
            double fastestPeer = PEERS.stream().mapToDouble(p -> score(verify, p)).filter(s -> !Double.isNaN(s))
                    .max().orElse(Double.NaN);
            double ratio = score(verify, TOLLGATE) / fastestPeer;
            if (!Double.isNaN(ratio)) {
                out.append(String.format(Locale.ROOT, "%s: %.2fx the fastest peer (aim: at least %.1fx) %s%n", verify,
                        ratio, VERIFY_AIM, ratio >= VERIFY_AIM ? "MET" : "MISSED"));
            }
        }
        double valid = score("verifyValidCode", TOLLGATE);
        double wrong = score("verifyWrongCode", TOLLGATE);
        if (!Double.isNaN(valid) && !Double.isNaN(wrong)) {
            out.append(String.format(Locale.ROOT,
                    "Tollgate: a wrong code takes %.2fx the time of a valid one (constant time: 1.00 within noise)%n",
                    valid / wrong));
        }
    }

    private String ratioText(String operation, String peer) {
        double ratio = score(operation, TOLLGATE) / score(operation, peer);
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    private double score(String operation, String library) {
        Result<?> result = scores.getOrDefault(operation, Map.of()).get(library);
        return result == null ? Double.NaN : result.getScore();
    }

    private static String cell(Result<?> result) {
        if (result == null) {
            return "-";
        }
        double error = result.getScoreError();
        return Double.isNaN(error)
                ? String.format(Locale.ROOT, "%,.0f", result.getScore())
                : String.format(Locale.ROOT, "%,.0f ± %,.0f", result.getScore(), error);
    }
}
