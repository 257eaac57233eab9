package io.jenkins.plugins.awsstepfunctions.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;
import io.jenkins.plugins.awsstepfunctions.graph.StateRun;
import io.jenkins.plugins.awsstepfunctions.testing.AwsShapes;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Distributed Map (which moto does not run): its Map Run's counters come as progress lines and on the graph, read
 * with DescribeMapRun in the history's budget, the final ones after the run ended. AWS-shaped responses.
 */
class WatcherMapRunTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:objects";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:objects:nightly-13";
    private static final String MAP_RUN =
            "arn:aws:states:us-east-1:123456789012:mapRun:objects/ProcessObjects:9a8b7c6d";

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void theMapRunsCountersArriveAsProgressAndOnTheGraph() throws Exception {
        service.stubFor(operation("DescribeExecution")
                .inScenario("execution")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(jsonResponse(description("RUNNING")))
                .willSetStateTo("ended"));
        service.stubFor(operation("DescribeExecution")
                .inScenario("execution")
                .whenScenarioStateIs("ended")
                .willReturn(jsonResponse(description("SUCCEEDED"))));
        service.stubFor(operation("DescribeStateMachineForExecution")
                .willReturn(jsonResponse(AwsShapes.stateMachineForExecution(
                        STATE_MACHINE, StateMachines.definition("diagrams/distributed-map")))));
        service.stubFor(operation("GetExecutionHistory").willReturn(jsonResponse(Map.of("events", history()))));
        service.stubFor(operation("DescribeMapRun")
                .willReturn(jsonResponse(AwsShapes.mapRun(
                        MAP_RUN, EXECUTION, "SUCCEEDED", AwsShapes.counts(10_000, 0, 0, 10_000, 0, 0, 0)))));
        List<String> progress = new CopyOnWriteArrayList<>();
        List<ExecutionGraph> graphs = new CopyOnWriteArrayList<>();

        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            Watch watch = watcher.watch(
                    WatchRequest.of(
                            ExecutionArn.parse("executionArn", EXECUTION),
                            ConnectionSettings.builder()
                                    .region("us-east-1")
                                    .endpointUrl(service.baseUrl())
                                    .build(),
                            null,
                            WatchOptions.builder()
                                    .pollInterval(Duration.ofSeconds(1))
                                    .firstCheck(Duration.ofMillis(100))
                                    .progress(true)
                                    .graph(true)
                                    .build()),
                    CredentialsSource.staticKeys("AKIAWIREMOCKKEY00001", "secret", null),
                    new WatchListener() {
                        @Override
                        public void onProgress(ProgressEvent event) {
                            progress.add(event.describe());
                        }

                        @Override
                        public void onGraph(ExecutionGraph graph) {
                            graphs.add(graph);
                        }
                    });
            assertThat(watch.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
        }

        assertThat(progress)
                .containsOnlyOnce(
                        "Map Run of 'ProcessObjects': 10,000 of 10,000 items succeeded, 0 failed, 0 running, 0 pending");
        ExecutionGraph last = graphs.get(graphs.size() - 1);
        StateRun map = last.states().stream()
                .filter(s -> s.name().equals("ProcessObjects"))
                .findFirst()
                .orElseThrow();
        assertThat(map.mapRun()).isNotNull();
        assertThat(map.mapRun().succeeded()).isEqualTo(10_000);
        assertThat(map.summary()).contains("items: 10,000 of 10,000 items succeeded");
        assertThat(last.svg()).contains("Items: 10,000 of 10,000 items succeeded");
        assertThat(service.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.DescribeMapRun"))))
                .as("the run ended before the first read: its final counters, read once")
                .hasSize(1);
    }

    private static Map<String, Object> description(String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("executionArn", EXECUTION);
        body.put("stateMachineArn", STATE_MACHINE);
        body.put("name", "nightly-13");
        body.put("status", status);
        body.put("startDate", 1.7E9);
        if (!status.equals("RUNNING")) {
            body.put("stopDate", 1.7E9 + 600);
            body.put("output", "{}");
        }
        return body;
    }

    private static List<Map<String, Object>> history() {
        return List.of(
                AwsShapes.event(1, 0, "ExecutionStarted", Map.of()),
                AwsShapes.event(
                        2, 1, "MapStateEntered", Map.of("stateEnteredEventDetails", Map.of("name", "ProcessObjects"))),
                AwsShapes.event(3, 2, "MapStateStarted", Map.of("mapStateStartedEventDetails", Map.of("length", 0))),
                AwsShapes.event(
                        4, 3, "MapRunStarted", Map.of("mapRunStartedEventDetails", Map.of("mapRunArn", MAP_RUN))),
                AwsShapes.event(5, 4, "MapRunSucceeded", Map.of()),
                AwsShapes.event(6, 5, "MapStateSucceeded", Map.of()),
                AwsShapes.event(
                        7, 6, "MapStateExited", Map.of("stateExitedEventDetails", Map.of("name", "ProcessObjects"))),
                AwsShapes.event(8, 7, "ExecutionSucceeded", Map.of()));
    }
}
