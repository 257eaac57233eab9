package io.jenkins.plugins.awsstepfunctions.execution;

import java.time.Duration;

/** Durations as a build log and the build page show them: {@code 2.0 s}, {@code 3 min 5 s}, {@code 2 h 7 min}. */
public final class Durations {

    private Durations() {}

    public static String describe(Duration duration) {
        if (duration.isNegative()) {
            duration = Duration.ZERO;
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        long millis = duration.toMillis();
        return millis / 1000 + "." + millis % 1000 / 100 + " s";
    }
}
