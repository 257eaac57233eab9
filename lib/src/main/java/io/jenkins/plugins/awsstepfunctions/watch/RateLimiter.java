package io.jenkins.plugins.awsstepfunctions.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Allows at most {@code limit} calls in any one-second window, as the service sees them. A call counts from the
 * moment it is permitted until one second after it completed: whenever it reaches the service, it falls inside that
 * span, so no one-second window of arrivals can hold more than {@code limit} calls (a sliding window, unlike a token
 * bucket, which allows twice the rate across a refill). On throttling the limit halves (never below one call a
 * second); after ten quiet seconds it grows back by one, up to the configured rate. Not thread-safe: the watcher
 * uses it from its loop thread only.
 */
final class RateLimiter {

    private static final Duration WINDOW = Duration.ofSeconds(1);
    private static final Duration RECOVERY_STEP = Duration.ofSeconds(10);

    private final int maxPerSecond;
    /** Completion times of recent calls, oldest first. */
    private final List<Instant> completed = new ArrayList<>();

    private int inFlight;
    private int limit;
    private Instant lastChange = Instant.MIN;

    RateLimiter(int maxPerSecond) {
        this.maxPerSecond = maxPerSecond;
        this.limit = maxPerSecond;
    }

    /** Takes a permit if one is free at {@code now}; give it back with {@link #release(Instant)}. */
    boolean tryAcquire(Instant now) {
        recover(now);
        forgetBefore(now.minus(WINDOW));
        if (inFlight + completed.size() >= limit) {
            return false;
        }
        inFlight++;
        return true;
    }

    /** Gives back a permit whose call was never made. */
    void cancel() {
        inFlight--;
    }

    /** The permitted call completed (answered or failed) at {@code at}. */
    void release(Instant at) {
        inFlight--;
        int i = completed.size();
        while (i > 0 && completed.get(i - 1).isAfter(at)) {
            i--;
        }
        completed.add(i, at);
    }

    /** When the next permit frees up: now if one is free, {@code Instant.MAX} if only a completion can free one. */
    Instant nextPermitAt(Instant now) {
        forgetBefore(now.minus(WINDOW));
        int excess = inFlight + completed.size() - limit;
        if (excess < 0) {
            return now;
        }
        if (excess >= completed.size()) {
            return Instant.MAX;
        }
        return completed.get(excess).plus(WINDOW);
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

    /** A call completed at t counts for windows up to t + 1 s: one completed exactly a second ago no longer counts. */
    private void forgetBefore(Instant cutoff) {
        int drop = 0;
        while (drop < completed.size() && !completed.get(drop).isAfter(cutoff)) {
            drop++;
        }
        completed.subList(0, drop).clear();
    }
}
