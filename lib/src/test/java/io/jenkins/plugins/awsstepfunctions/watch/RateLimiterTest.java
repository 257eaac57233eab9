package io.jenkins.plugins.awsstepfunctions.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    @Test
    void aCancelledPermitIsFreeAtOnceAndCountsNoCall() {
        RateLimiter limiter = new RateLimiter(1);

        assertThat(limiter.tryAcquire(at(0))).isTrue();
        assertThat(limiter.tryAcquire(at(1))).isFalse();
        limiter.cancel();

        assertThat(limiter.tryAcquire(at(2)))
                .as("no call was made, so the second's budget is whole")
                .isTrue();
    }

    @Test
    void allowsTheLimitInOneSecondAndNoMore() {
        RateLimiter limiter = new RateLimiter(3);

        assertThat(limiter.tryAcquire(at(0))).isTrue();
        assertThat(limiter.tryAcquire(at(10))).isTrue();
        assertThat(limiter.tryAcquire(at(20))).isTrue();
        assertThat(limiter.tryAcquire(at(30))).isFalse();
        assertThat(limiter.nextPermitAt(at(30)))
                .as("only a completion can free a permit")
                .isEqualTo(Instant.MAX);

        limiter.release(at(40));
        limiter.release(at(60));
        limiter.release(at(50));

        assertThat(limiter.tryAcquire(at(999))).isFalse();
        assertThat(limiter.nextPermitAt(at(999))).isEqualTo(at(1040));
        assertThat(limiter.tryAcquire(at(1040))).isTrue();
        assertThat(limiter.tryAcquire(at(1045))).isFalse();
        assertThat(limiter.nextPermitAt(at(1045))).isEqualTo(at(1050));
    }

    @Test
    void noOneSecondWindowOfArrivalsEverHoldsMoreThanTheLimit() {
        RateLimiter limiter = new RateLimiter(7);
        Random random = new Random(42);
        List<Long> arrivals = new ArrayList<>();
        PriorityQueue<Long> completions = new PriorityQueue<>();
        long now = 0;
        for (int i = 0; i < 20_000; i++) {
            now += random.nextInt(40);
            while (!completions.isEmpty() && completions.peek() <= now) {
                limiter.release(at(completions.poll()));
            }
            if (limiter.tryAcquire(at(now))) {
                long end = now + random.nextInt(400);
                arrivals.add(now + (long) (random.nextDouble() * (end - now)));
                completions.add(end);
            }
        }

        arrivals.sort(null);
        for (int i = 0; i < arrivals.size(); i++) {
            long start = arrivals.get(i);
            long inWindow =
                    arrivals.stream().skip(i).takeWhile(t -> t < start + 1000).count();
            assertThat(inWindow)
                    .as("arrivals in [%d ms, %d ms)", start, start + 1000)
                    .isLessThanOrEqualTo(7);
        }
        assertThat(arrivals.size()).as("the limiter still lets calls through").isGreaterThan(1000);
    }

    @Test
    void throttlingHalvesTheRateAndQuietTimeRestoresItStepByStep() {
        RateLimiter limiter = new RateLimiter(10);

        limiter.throttled(at(0));
        assertThat(limiter.currentLimit()).isEqualTo(5);
        limiter.throttled(at(1));
        limiter.throttled(at(2));
        limiter.throttled(at(3));
        assertThat(limiter.currentLimit()).isEqualTo(1);
        limiter.throttled(at(4));
        assertThat(limiter.currentLimit()).as("never below one a second").isEqualTo(1);

        long t = 4;
        for (int step = 1; step <= 12; step++) {
            t += Duration.ofSeconds(10).toMillis();
            if (limiter.tryAcquire(at(t))) {
                limiter.release(at(t));
            }
            if (step == 1) {
                assertThat(limiter.currentLimit()).isEqualTo(2);
            }
        }
        assertThat(limiter.currentLimit())
                .as("back to the configured rate, not beyond")
                .isEqualTo(10);
    }
}
