package dev.tollgate.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The load benchmark's settings, from {@code --name=value} arguments; every count is bounded. */
record Options(Path war, Path micro, Path work, int users, int connections, int pageRequests, int pageRounds,
        int codesPerUser, List<Integer> factorCounts, Duration timeLimit) {

    static Options parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, not " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        List<Integer> counts = new ArrayList<>();
        for (String count : given.getOrDefault("factors", "1000,1000000").split(",")) {
            counts.add(bounded("factors", Integer.parseInt(count.trim()), 0, 5_000_000));
        }
        Options options = new Options(
                Path.of(required(given, "war")),
                Path.of(required(given, "micro")),
                Path.of(given.getOrDefault("work", "bench/target/load")),
                bounded("users", Integer.parseInt(given.getOrDefault("users", "300")), 1, 2_000),
                bounded("connections", Integer.parseInt(given.getOrDefault("connections", "8")), 1, 64),
                bounded("pageRequests", Integer.parseInt(given.getOrDefault("pageRequests", "10000")), 2, 1_000_000),
                bounded("pageRounds", Integer.parseInt(given.getOrDefault("pageRounds", "6")), 1, 50),
                bounded("codesPerUser", Integer.parseInt(given.getOrDefault("codesPerUser", "2")), 1, 2),
                List.copyOf(counts),
                Duration.parse(given.getOrDefault("timeLimit", "PT15M")));
        given.keySet().removeAll(List.of("war", "micro", "work", "users", "connections", "pageRequests",
                "pageRounds", "codesPerUser", "factors", "timeLimit"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + given.keySet());
        }
        return options;
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "=... is required");
        }
        return value;
    }

    private static int bounded(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("--" + name + " must be between " + min + " and " + max);
        }
        return value;
    }
}
