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
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many watches of one state machine: above the threshold one ListExecutions tells which still run, and only those
 * that ended are described. The same executions watched without batching cost several DescribeExecution calls each.
 */
@ExtendWith(MotoExtension.class)
class WatcherBatchingTest {

    private static final int EXECUTIONS = 30;

    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void batchingReplacesPerExecutionPollsWithOneListCall(MotoServer moto) throws Exception {
        proxy.stubFor(WireMockStubs.proxyTo(moto));

        Counts unbatched = watchAll(moto, Integer.MAX_VALUE);
        proxy.resetRequests();
        Counts batched = watchAll(moto, 10);

        assertThat(unbatched.lists()).isZero();
        assertThat(unbatched.describes())
                .as("unbatched: a few polls per execution")
                .isGreaterThanOrEqualTo(3L * EXECUTIONS);
        assertThat(batched.lists()).as("batched: ListExecutions calls").isPositive();
        assertThat(batched.describes())
                .as("batched: about one DescribeExecution per execution, once it ended")
                .isLessThanOrEqualTo(EXECUTIONS + EXECUTIONS / 3);
    }

    private record Counts(long describes, long lists) {}

    private Counts watchAll(MotoServer moto, int batchThreshold) throws Exception {
        ConnectionSettings viaProxy = ConnectionSettings.builder()
                .region(MotoServer.REGION)
                .endpointUrl(proxy.baseUrl())
                .build();
        List<ExecutionArn> executions = new ArrayList<>();
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(moto.settings(), MotoServer.credentials())) {
            StepFunctionsOperations operations = new StepFunctionsOperations(lease.sfn());
            String stateMachine = StateMachines.create(lease.sfn(), "wait-then-succeed");
            for (int i = 0; i < EXECUTIONS; i++) {
                executions.add(operations
                        .start(StartRequest.builder()
                                .stateMachineArn(stateMachine)
                                .name("e" + i)
                                .input(ExecutionInput.of("input", Map.of("seconds", 3)))
                                .build())
                        .executionArn());
            }
        }
        WatchOptions options = WatchOptions.builder()
                .pollInterval(Duration.ofSeconds(1))
                .firstCheck(Duration.ofMillis(100))
                .build();
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.builder()
                .describePerSecond(200)
                .listPerSecond(10)
                .batchThreshold(batchThreshold)
                .build())) {
            List<Watch> watches = new ArrayList<>();
            for (ExecutionArn execution : executions) {
                watches.add(watcher.watch(
                        WatchRequest.of(execution, viaProxy, null, options),
                        MotoServer.credentials(),
                        WatchListener.NONE));
            }
            for (Watch watch : watches) {
                assertThat(watch.result()
                                .get(60, TimeUnit.SECONDS)
                                .description()
                                .state())
                        .isEqualTo(ExecutionState.SUCCEEDED);
            }
        }
        return new Counts(count("DescribeExecution"), count("ListExecutions"));
    }

    private static long count(String operation) {
        return proxy.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions." + operation)))
                .size();
    }
}
