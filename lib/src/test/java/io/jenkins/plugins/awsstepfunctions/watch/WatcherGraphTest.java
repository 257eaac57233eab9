package io.jenkins.plugins.awsstepfunctions.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.StartRequest;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;
import io.jenkins.plugins.awsstepfunctions.graph.StateRun;
import io.jenkins.plugins.awsstepfunctions.graph.StateStatus;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@link WatchOptions#graph()} the listener hears the diagram from the same history reads as progress: the
 * last one shows the end; the definition is read once per watch, and no other call is added.
 */
@ExtendWith(MotoExtension.class)
class WatcherGraphTest {

    private static final int EXECUTIONS = 4;

    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void theLastGraphShowsWhatEachStateDidAndTheDefinitionIsReadOncePerWatch(MotoServer moto) throws Exception {
        proxy.stubFor(WireMockStubs.proxyTo(moto));
        List<ExecutionArn> executions = start(moto, "parallel-fail", EXECUTIONS);
        List<List<ExecutionGraph>> graphs = new ArrayList<>();

        try (ExecutionWatcher watcher = new ExecutionWatcher(
                WatcherSettings.builder().describePerSecond(50).build())) {
            List<Watch> watches = new ArrayList<>();
            for (ExecutionArn execution : executions) {
                List<ExecutionGraph> heard = new CopyOnWriteArrayList<>();
                graphs.add(heard);
                watches.add(watcher.watch(
                        WatchRequest.of(execution, viaProxy(), null, options(true)),
                        MotoServer.credentials(),
                        new WatchListener() {
                            @Override
                            public void onGraph(ExecutionGraph graph) {
                                heard.add(graph);
                            }
                        }));
            }
            for (Watch watch : watches) {
                assertThat(watch.result()
                                .get(60, TimeUnit.SECONDS)
                                .description()
                                .state())
                        .isEqualTo(ExecutionState.FAILED);
            }
        }

        for (List<ExecutionGraph> heard : graphs) {
            assertThat(heard).isNotEmpty();
            ExecutionGraph last = heard.get(heard.size() - 1);
            assertThat(last.ended()).isTrue();
            assertThat(last.states())
                    .extracting(StateRun::name, StateRun::status)
                    .contains(
                            org.assertj.core.groups.Tuple.tuple("Prepare", StateStatus.SUCCEEDED),
                            org.assertj.core.groups.Tuple.tuple("Deploy", StateStatus.FAILED),
                            org.assertj.core.groups.Tuple.tuple("Canary", StateStatus.FAILED));
            assertThat(last.svg()).startsWith("<svg").contains("Canary");
        }
        assertThat(count("DescribeStateMachineForExecution")).isEqualTo(EXECUTIONS);
    }

    @Test
    void aWaitResumedAfterARestartDrawsTheWholeExecutionAndPrintsOnlyNewProgress(MotoServer moto) throws Exception {
        proxy.stubFor(WireMockStubs.proxyTo(moto));
        ExecutionArn execution = start(moto, "parallel-fail", 1).get(0);
        List<ProgressEvent> firstProgress = new CopyOnWriteArrayList<>();
        List<ExecutionGraph> firstGraphs = new CopyOnWriteArrayList<>();
        watchToTheEnd(WatchRequest.of(execution, viaProxy(), null, options(true)), firstProgress, firstGraphs);
        long resumeAfter = firstProgress.get(1).eventId();
        List<ProgressEvent> resumedProgress = new CopyOnWriteArrayList<>();
        List<ExecutionGraph> resumedGraphs = new CopyOnWriteArrayList<>();

        // As after a restart: the Pipeline had printed progress up to resumeAfter.
        watchToTheEnd(
                WatchRequest.of(execution, viaProxy(), null, options(true)).withProgressAfter(resumeAfter),
                resumedProgress,
                resumedGraphs);

        assertThat(resumedGraphs.get(resumedGraphs.size() - 1).states())
                .isEqualTo(firstGraphs.get(firstGraphs.size() - 1).states());
        assertThat(resumedProgress)
                .extracting(ProgressEvent::describe)
                .containsExactlyElementsOf(firstProgress.stream()
                        .filter(e -> e.eventId() > resumeAfter)
                        .map(ProgressEvent::describe)
                        .toList());
    }

    @Test
    void statesKeepTheirInputAndOutputOnlyWhenAsked(MotoServer moto) throws Exception {
        proxy.stubFor(WireMockStubs.proxyTo(moto));
        ExecutionArn execution = start(moto, "pass", 1).get(0);
        List<ExecutionGraph> without = new CopyOnWriteArrayList<>();
        List<ExecutionGraph> with = new CopyOnWriteArrayList<>();

        watchToTheEnd(WatchRequest.of(execution, viaProxy(), null, options(true)), new ArrayList<>(), without, true);
        // moto sends the data either way; AWS leaves it out when asked to.
        assertThat(historyRequests())
                .isNotEmpty()
                .allSatisfy(body -> assertThat(body).contains("\"includeExecutionData\":false"));
        proxy.resetRequests();
        watchToTheEnd(
                WatchRequest.of(
                        execution,
                        viaProxy(),
                        null,
                        WatchOptions.builder()
                                .pollInterval(Duration.ofSeconds(1))
                                .firstCheck(Duration.ofMillis(100))
                                .graph(true)
                                .stateData(true)
                                .build()),
                new ArrayList<>(),
                with,
                true);

        assertThat(historyRequests())
                .isNotEmpty()
                .allSatisfy(body -> assertThat(body).contains("\"includeExecutionData\":true"));
        assertThat(without.get(without.size() - 1).states())
                .allSatisfy(run -> assertThat(run.input()).isNull())
                .allSatisfy(run -> assertThat(run.output()).isNull());
        assertThat(with.get(with.size() - 1).states())
                .allSatisfy(run -> assertThat(run.input()).isNotNull())
                .anySatisfy(run -> assertThat(run.output()).contains("\"greeting\":\"hello\""));
    }

    private static void watchToTheEnd(WatchRequest request, List<ProgressEvent> progress, List<ExecutionGraph> graphs)
            throws Exception {
        watchToTheEnd(request, progress, graphs, false);
    }

    private static void watchToTheEnd(
            WatchRequest request, List<ProgressEvent> progress, List<ExecutionGraph> graphs, boolean succeeds)
            throws Exception {
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            Watch watch = watcher.watch(request, MotoServer.credentials(), new WatchListener() {
                @Override
                public void onProgress(ProgressEvent event) {
                    progress.add(event);
                }

                @Override
                public void onGraph(ExecutionGraph graph) {
                    graphs.add(graph);
                }
            });
            assertThat(watch.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(succeeds ? ExecutionState.SUCCEEDED : ExecutionState.FAILED);
        }
        assertThat(graphs).isNotEmpty();
        assertThat(graphs.get(graphs.size() - 1).ended()).isTrue();
    }

    @Test
    void withoutTheGraphNoListenerHearsOneAndTheDefinitionIsNotRead(MotoServer moto) throws Exception {
        proxy.stubFor(WireMockStubs.proxyTo(moto));
        List<ExecutionArn> executions = start(moto, "pass", 1);
        List<ExecutionGraph> heard = new CopyOnWriteArrayList<>();

        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            Watch watch = watcher.watch(
                    WatchRequest.of(executions.get(0), viaProxy(), null, options(false)),
                    MotoServer.credentials(),
                    new WatchListener() {
                        @Override
                        public void onGraph(ExecutionGraph graph) {
                            heard.add(graph);
                        }
                    });
            assertThat(watch.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
        }

        assertThat(heard).isEmpty();
        assertThat(count("DescribeStateMachineForExecution")).isZero();
        assertThat(count("GetExecutionHistory")).isZero();
    }

    private static WatchOptions options(boolean graph) {
        return WatchOptions.builder()
                .pollInterval(Duration.ofSeconds(1))
                .firstCheck(Duration.ofMillis(100))
                .progress(graph)
                .graph(graph)
                .build();
    }

    private static ConnectionSettings viaProxy() {
        return ConnectionSettings.builder()
                .region(MotoServer.REGION)
                .endpointUrl(proxy.baseUrl())
                .build();
    }

    private static List<ExecutionArn> start(MotoServer moto, String fixture, int count) {
        List<ExecutionArn> executions = new ArrayList<>();
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(moto.settings(), MotoServer.credentials())) {
            StepFunctionsOperations operations = new StepFunctionsOperations(lease.sfn());
            String stateMachine = StateMachines.create(lease.sfn(), fixture);
            for (int i = 0; i < count; i++) {
                executions.add(operations
                        .start(StartRequest.builder()
                                .stateMachineArn(stateMachine)
                                .name(fixture + "-graph-" + i)
                                .input(ExecutionInput.of("input", Map.of()))
                                .build())
                        .executionArn());
            }
        }
        proxy.resetRequests();
        return executions;
    }

    private static List<String> historyRequests() {
        return proxy
                .findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.GetExecutionHistory")))
                .stream()
                .map(request -> request.getBodyAsString())
                .toList();
    }

    private static long count(String operation) {
        return proxy.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions." + operation)))
                .size();
    }
}
