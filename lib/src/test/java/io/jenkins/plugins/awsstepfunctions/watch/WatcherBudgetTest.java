package io.jenkins.plugins.awsstepfunctions.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many watches, a small DescribeExecution budget: no one-second window gets more calls, and every watch gets its turn. */
class WatcherBudgetTest {

    private static final int WATCHES = 100;
    private static final int BUDGET = 5;

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void describeCallsNeverExceedTheBudgetInAnyOneSecondWindow() throws InterruptedException {
        service.stubFor(WireMockStubs.operation("DescribeExecution")
                .willReturn(WireMockStubs.jsonResponse(Map.of(
                        "executionArn",
                        "arn:aws:states:us-east-1:123456789012:execution:orders:any",
                        "stateMachineArn",
                        "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
                        "status",
                        "RUNNING",
                        "startDate",
                        1.7645e9))));
        ConnectionSettings connection = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(service.baseUrl())
                .build();
        WatchOptions eager = WatchOptions.builder()
                .pollInterval(Duration.ofSeconds(1))
                .firstCheck(Duration.ZERO)
                .build();

        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.builder()
                .describePerSecond(BUDGET)
                .batchThreshold(Integer.MAX_VALUE)
                .build())) {
            for (int i = 0; i < WATCHES; i++) {
                // Executions of different state machines, so that batching stays out of this test.
                ExecutionArn execution = ExecutionArn.parse(
                        "executionArn", "arn:aws:states:us-east-1:123456789012:execution:machine-" + i + ":run");
                watcher.watch(
                        WatchRequest.of(execution, connection, null, eager),
                        CredentialsSource.staticKeys("AKIABUDGETTEST000001", "secret", null),
                        WatchListener.NONE);
            }
            Thread.sleep(3500);
        }

        List<LoggedRequest> calls = service.findAll(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.DescribeExecution")));
        List<Long> times =
                calls.stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
        for (int i = 0; i < times.size(); i++) {
            long start = times.get(i);
            long inWindow =
                    times.stream().skip(i).takeWhile(t -> t < start + 1000).count();
            assertThat(inWindow)
                    .as("DescribeExecution calls in [%d, %d) ms", start, start + 1000)
                    .isLessThanOrEqualTo(BUDGET);
        }
        assertThat(times).as("the watcher did call").hasSizeGreaterThanOrEqualTo(BUDGET);

        List<Object> described = calls.stream()
                .sorted(Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(r -> (Object) ((Map<?, ?>) Json.parse("body", r.getBodyAsString())).get("executionArn"))
                .toList();
        assertThat(described.subList(0, Math.min(described.size(), WATCHES)))
                .as("nobody described twice before" + " everybody was described once")
                .doesNotHaveDuplicates();
    }
}
