package io.jenkins.plugins.awsstepfunctions.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without permission to list executions, batching gives way to describing each execution. */
class WatcherFallbackTest {

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void deniedListExecutionsFallsBackToDescribeExecutionOnce() throws Exception {
        service.stubFor(WireMockStubs.operation("ListExecutions")
                .willReturn(WireMockStubs.serviceError(
                        400, "AccessDeniedException", "not authorized to perform: states:ListExecutions")));
        service.stubFor(WireMockStubs.operation("DescribeExecution")
                .willReturn(WireMockStubs.jsonResponse(Map.of(
                        "executionArn",
                        "arn:aws:states:us-east-1:123456789012:execution:orders:any",
                        "stateMachineArn",
                        "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
                        "status",
                        "SUCCEEDED",
                        "startDate",
                        1.7645e9,
                        "stopDate",
                        1.7645e9,
                        "output",
                        "{}"))));
        ConnectionSettings connection = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(service.baseUrl())
                .build();
        WatchOptions options = WatchOptions.builder().firstCheck(Duration.ZERO).build();

        List<Watch> watches = new ArrayList<>();
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.builder()
                .batchThreshold(5)
                .describePerSecond(100)
                .build())) {
            for (int i = 0; i < 12; i++) {
                watches.add(watcher.watch(
                        WatchRequest.of(
                                ExecutionArn.parse(
                                        "executionArn",
                                        "arn:aws:states:us-east-1:123456789012:execution:orders:run-" + i),
                                connection,
                                null,
                                options),
                        CredentialsSource.staticKeys("AKIAFALLBACKTEST0001", "secret", null),
                        WatchListener.NONE));
            }
            for (Watch watch : watches) {
                assertThat(watch.result()
                                .get(30, TimeUnit.SECONDS)
                                .description()
                                .state())
                        .isEqualTo(ExecutionState.SUCCEEDED);
            }
        }

        assertThat(service.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.ListExecutions"))))
                .hasSize(1);
    }
}
