package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0|0.0 s",
                "1949|1.9 s",
                "2000|2.0 s",
                "59999|59.9 s",
                "60000|1 min 0 s",
                "185000|3 min 5 s",
                "3600000|1 h 0 min",
                "7620000|2 h 7 min",
                "-5|0.0 s",
            })
    void durationsReadAsInABuildLog(long millis, String expected) {
        assertThat(Durations.describe(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
