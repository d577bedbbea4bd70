package dev.tollgate.twostep;

import dev.tollgate.config.ThrottleSettings;
import dev.tollgate.store.ThrottleCount;
import dev.tollgate.store.ThrottleStore;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The throttle on failed passwords at Tollgate's own sign-in, which checks passwords against the application's realm
 * or identity stores directly and so passes by any throttle of the application's login page.
 *
 * <pre>{@code
 * Optional<Duration> wait = throttle.admit(typedName, request.getRemoteAddr());
 * if (wait.isPresent()) -> 429 with Retry-After
 * ... check the password ...
 * if (right) throttle.succeeded(typedName, request.getRemoteAddr());
 * }</pre>
 *
 * <p>An admitted attempt is counted as a failure before the password is checked, in the same locked update that
 * decided to admit it, and handed back by {@link #succeeded}: concurrent attempts on several servers can therefore
 * never pass more than the limits allow. The limits, and why a pair of account and address is counted apart from
 * either alone, are described in {@link ThrottleSettings}.
 *
 * <p>Counters are keyed by the name as typed, compared without case and in Unicode's compatibility form (NFKC):
 * {@code ALICE} and {@code alice} share one count, whatever the identity store makes of them, so that an attacker
 * cannot multiply the limits by spelling one account differently. An IPv6 address counts by its /64 network, which
 * one client usually holds whole. The stored key is an HMAC of both under a key derived from the encryption keys,
 * so that the table shows neither names nor addresses.
 */
public final class PasswordThrottle {

    /** A count past which nothing changes: the wait is long at its maximum already. */
    private static final int MAX_COUNT = 1_000_000;

    private final ThrottleSettings limits;
    private final ThrottleStore store;
    private final Clock clock;
    private final SecretKeySpec key;

    /**
     * Creates the throttle.
     *
     * @param limits the limits
     * @param store  where the counts are kept
     * @param clock  the server's time
     * @param key    the key of the counters' HMAC (at least 32 bytes)
     */
    public PasswordThrottle(ThrottleSettings limits, ThrottleStore store, Clock clock, byte[] key) {
        this.limits = limits;
        this.store = store;
        this.clock = clock;
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /**
     * Admits a password attempt, counting it as failed until {@link #succeeded} says otherwise, or refuses it.
     *
     * @param typedName the user name as typed
     * @param address   the client's address as the server sees it
     * @return how long the client must wait, or empty if the password may be checked now
     */
    public Optional<Duration> admit(String typedName, String address) {
        Instant now = clock.instant();
        Optional<Instant> until = store.update(keys(typedName, address), counts -> {
            Optional<Instant> blocked = blockedUntil(counts, now);
            if (blocked.isPresent()) {
                return new ThrottleStore.Change<>(null, blocked);
            }
            return new ThrottleStore.Change<>(counts.stream().map(count -> failed(count, now)).toList(),
                    Optional.<Instant>empty());
        });
        // at least a second: Retry-After counts whole seconds, and 0 would invite an immediate retry
        return until.map(end -> Duration.ofSeconds(Math.max(1, Duration.between(now, end).toSeconds()
                + (Duration.between(now, end).toNanosPart() > 0 ? 1 : 0))));
    }

    /**
     * Records that the password of an admitted attempt was right: the pair's count ends and the pair is known from
     * now on; the account's and the address's counts get back the attempt {@link #admit} counted, and keep the rest
     * (the owner's success does not give an attacker elsewhere a new set of quick guesses).
     *
     * @param typedName the user name as typed, as given to {@link #admit}
     * @param address   the client's address, as given to {@link #admit}
     */
    public void succeeded(String typedName, String address) {
        Instant now = clock.instant();
        store.update(keys(typedName, address), counts -> new ThrottleStore.Change<>(List.of(
                new ThrottleCount(0, null, now), refunded(counts.get(1)), refunded(counts.get(2))), null));
    }

    /**
     * The rule: until when the next attempt must wait, given the counts of the pair, the account and the address.
     *
     * @param counts the pair's, the account's and the address's count, in this order
     * @param now    the time of the attempt
     * @return the end of the longest wait in force, or empty if none
     */
    Optional<Instant> blockedUntil(List<ThrottleCount> counts, Instant now) {
        ThrottleCount pair = counts.get(0);
        boolean known = pair.lastSuccessAt() != null && !limits.knownAddressFor().isZero()
                && now.isBefore(pair.lastSuccessAt().plus(limits.knownAddressFor()));
        Optional<Instant> until = blockedUntil(pair, limits.perAccountAndAddress(), now);
        if (!known) {
            until = later(until, blockedUntil(counts.get(1), limits.perAccount(), now));
            until = later(until, blockedUntil(counts.get(2), limits.perAddress(), now));
        }
        return until;
    }

    private Optional<Instant> blockedUntil(ThrottleCount count, int threshold, Instant now) {
        int failures = current(count, now);
        if (threshold == 0 || failures < threshold) {
            return Optional.empty();
        }
        Instant until = count.lastFailureAt().plus(wait(failures - threshold));
        return until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    /** The wait after {@code beyond} failures past the threshold: the first delay, doubled each time, capped. */
    Duration wait(int beyond) {
        Duration wait = limits.delay();
        for (int i = 0; i < beyond && wait.compareTo(limits.maxDelay()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : wait;
    }

    /** The failures that still count: none once the last one is {@code forgetAfter} old. */
    private int current(ThrottleCount count, Instant now) {
        if (count.lastFailureAt() == null
                || !now.isBefore(count.lastFailureAt().plus(limits.forgetAfter()))) {
            return 0;
        }
        return count.failures();
    }

    private ThrottleCount failed(ThrottleCount count, Instant now) {
        return new ThrottleCount(Math.min(MAX_COUNT, current(count, now) + 1), now, count.lastSuccessAt());
    }

    private static ThrottleCount refunded(ThrottleCount count) {
        return new ThrottleCount(Math.max(0, count.failures() - 1), count.lastFailureAt(), count.lastSuccessAt());
    }

    private static Optional<Instant> later(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
    }

    /** The pair's, the account's and the address's key, in the order of {@link #blockedUntil(List, Instant)}. */
    List<String> keys(String typedName, String address) {
        String account = Normalizer.normalize(typedName, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String network = network(address);
        return List.of(hmac("pair\0" + account + "\0" + network), hmac("account\0" + account),
                hmac("address\0" + network));
    }

    /** An IPv4 address as it is; an IPv6 address as its /64 network; anything else as written. */
    static String network(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            // a literal (what getRemoteAddr gives): parsed, never looked up
            byte[] bytes = InetAddress.getByName(address.startsWith("[") ? address.substring(1, address.length() - 1)
                    : address).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
        } catch (UnknownHostException | StringIndexOutOfBoundsException e) {
            return address;
        }
    }

    private String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
