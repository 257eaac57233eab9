package io.jenkins.plugins.awsstepfunctions.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Allows at most {@code limit} calls in any one-second window (a sliding window, not a bucket that could allow twice
 * the rate across a boundary). On throttling the limit halves (never below one call a second); after ten quiet
 * seconds it grows back by one, up to the configured rate. Not thread-safe: the watcher uses it from one thread.
 */
final class RateLimiter {

    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Duration RECOVERY_STEP = Duration.ofSeconds(10);

    private final int maxPerSecond;
    private final ArrayDeque<Instant> recent = new ArrayDeque<>();
    private int limit;
    private Instant lastChange = Instant.MIN;

    RateLimiter(int maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
        this.limit = maxPerSecond;
    }

    /** Takes a permit if one is free at {@code now}. */
    boolean tryAcquire(Instant now) {
        recover(now);
        forgetBefore(now.minus(WINDOW));
        if (recent.size() >= limit) {
            return false;
        }
        recent.addLast(now);
        return true;
    }

    /** When the next permit frees up (now, if one is free). */
    Instant nextPermitAt(Instant now) {
        forgetBefore(now.minus(WINDOW));
        if (recent.size() < limit) {
            return now;
        }
        return recent.toArray(new Instant[0])[recent.size() - limit].plus(WINDOW);
    }

    /** The service throttled a call: halve the rate. */
    void throttled(Instant now) {
        limit = Math.max(1, limit / 2);
        lastChange = now;
    }

    int currentLimit() {
        return limit;
    }

    private void recover(Instant now) {
        if (limit < maxPerSecond && !lastChange.plus(RECOVERY_STEP).isAfter(now)) {
            limit++;
            lastChange = now;
        }
    }

    /** A permit at t counts for calls in (t - 1 s, t]: one taken exactly a second ago no longer counts. */
    private void forgetBefore(Instant cutoff) {
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }
}
