package dev.tollgate.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The load benchmark's figures and ratios, printed at the end. */
final class Report {

    private PageFigures withTollgate;
    private PageFigures without;
    private int sessions;
    private List<Double> ratios = List.of();
    private final Map<Integer, String> verificationLines = new LinkedHashMap<>();
    private final Map<Integer, double[]> verificationFigures = new LinkedHashMap<>();
    private int unexpected;

    void pages(PageFigures tollgate, PageFigures plain, int sessions, List<Double> ratios) {
        this.ratios = ratios.stream().sorted().toList();
        this.withTollgate = tollgate;
        this.without = plain;
        this.sessions = sessions;
        unexpected += tollgate.unexpected() + plain.unexpected();
    }

    void verifications(int factorCount, Latencies latencies, int failed, long elapsedNanos) {
        unexpected += failed;
        int ok = latencies.count() - failed;
        double perSecond = ok / (elapsedNanos / 1e9);
        double p50 = latencies.percentileMillis(50);
        double p99 = latencies.percentileMillis(99);
        verificationFigures.put(factorCount, new double[] {perSecond, p50, p99});
        verificationLines.put(factorCount, String.format(Locale.ROOT,
                "  %,11d stored factors: %,8.0f verifications/s   p50 %6.2f ms   p99 %6.2f ms   (%d verifications,"
                        + " %d refused)%n", factorCount, perSecond, p50, p99, latencies.count(), failed));
    }

    boolean clean() {
        return unexpected == 0;
    }

    String render(Options options) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Load benchmark: %d users, %d connections, loopback%n", options.users(),
                options.connections()));
        if (withTollgate != null) {
            out.append(String.format(Locale.ROOT,
                    "(a) GET /expenses, %d aal2 sessions, %,d requests each way:%n"
                            + "      with Tollgate     %,10.0f req/s%n"
                            + "      without Tollgate  %,10.0f req/s%n"
                            + "      ratio             %10.3f (with / without)%n"
                            + "      ratio per round   %10.3f median of %d rounds, %.3f to %.3f%n",
                    sessions, withTollgate.requests(), withTollgate.perSecond(), without.perSecond(),
                    withTollgate.perSecond() / without.perSecond(), ratios.get(ratios.size() / 2), ratios.size(),
                    ratios.get(0), ratios.get(ratios.size() - 1)));
        }
        out.append("(b, c) POST /mfa/api/verify, each its own transaction and a fresh valid code:")
                .append(System.lineSeparator());
        verificationLines.values().forEach(out::append);
        if (verificationFigures.size() >= 2) {
            double[] first = verificationFigures.values().iterator().next();
            double[] last = null;
            for (double[] figures : verificationFigures.values()) {
                last = figures;
            }
            out.append(String.format(Locale.ROOT,
                    "      largest / smallest store: throughput %.2f, p50 %.2f, p99 %.2f%n",
                    last[0] / first[0], last[1] / first[1], last[2] / first[2]));
        }
        out.append(unexpected == 0 ? "every request answered as expected" : unexpected + " UNEXPECTED ANSWERS")
                .append(System.lineSeparator());
        return out.toString();
    }
}
