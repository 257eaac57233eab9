package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartResultTest {

    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:orders:b1";

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "STARTED|Started " + ARN,
                "REDRIVEN|Redrove " + ARN,
                "ALREADY_RUNNING|" + ARN + " is already running; not started again",
                "ALREADY_SUCCEEDED|" + ARN + " already SUCCEEDED; not started again",
                "ALREADY_STARTED|" + ARN
                        + " was started by an earlier attempt of this step (a retried call or a controller"
                        + " restart); not started again",
            })
    void eachOutcomeReadsAsOneLogLineWithTheArn(StartResult.Outcome outcome, String line) {
        assertThat(new StartResult(ExecutionArn.parse("a", ARN), Instant.EPOCH, outcome).describe())
                .isEqualTo(line);
    }
}
