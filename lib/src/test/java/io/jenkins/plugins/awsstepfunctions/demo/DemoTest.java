package io.jenkins.plugins.awsstepfunctions.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The README's demo works, and prints what the documentation says it prints. */
@ExtendWith(MotoExtension.class)
class DemoTest {

    private static String run(MotoServer moto, boolean fail, ExecutionState expected) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            assertThat(Demo.run(moto, fail, out)).isEqualTo(expected);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void successfulReleaseShowsProgressAndOutput(MotoServer moto) throws Exception {
        String log = run(moto, false, ExecutionState.SUCCEEDED);

        assertThat(log)
                .contains(
                        "[AWS Step Functions] Started arn:aws:states:us-east-1:123456789012:execution:demo-",
                        "[AWS Step Functions] entered Wait state 'DrainTraffic'",
                        "[AWS Step Functions] Map state 'DeployRegions': 3 of 3 iterations started, 3 succeeded, 0 failed",
                        "SUCCEEDED with output {\"release\":\"42\",\"deployed\":[{\"region\":\"eu-west-1\"",
                        "The build page's diagram of this execution: ");
        assertThat(java.nio.file.Files.readString(Demo.graphFile(false)))
                .startsWith("<svg")
                .contains("DeployRegions")
                .doesNotContain("#fee2e2");
    }

    @Test
    void failingReleaseIsExplained(MotoServer moto) throws Exception {
        String log = run(moto, true, ExecutionState.FAILED);

        assertThat(log)
                .contains("FAILED in state 'RegionUnknown' (Fail) inside DeployRegions[1]:"
                        + " Deploy.UnknownRegion: There is no region mars-north-1.");
        assertThat(java.nio.file.Files.readString(Demo.graphFile(true)))
                .as("the failed state drawn red")
                .contains("RegionUnknown (Fail): failed: Deploy.UnknownRegion (There is no region mars-north-1)")
                .contains("#fee2e2");
    }
}
