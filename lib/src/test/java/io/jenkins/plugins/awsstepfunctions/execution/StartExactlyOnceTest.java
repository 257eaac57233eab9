package io.jenkins.plugins.awsstepfunctions.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * A named start runs once however often it is sent: an SDK retry after a lost answer, or the same start repeated
 * after a controller restart, reaches the execution the first attempt started, whether it still runs or has ended.
 */
@ExtendWith(MotoExtension.class)
class StartExactlyOnceTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final MotoServer moto;
    private StepFunctionsClients clients;
    private ClientLease lease;
    private StepFunctionsOperations operations;
    private SfnClient direct;

    StartExactlyOnceTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void connectThroughWireMock() {
        wireMock.stubFor(WireMockStubs.proxyTo(moto));
        clients = new StepFunctionsClients();
        // One-second read timeout: an answer held back longer is lost, and the SDK sends the request again.
        lease = clients.lease(
                ConnectionSettings.builder()
                        .region(MotoServer.REGION)
                        .endpointUrl(wireMock.baseUrl())
                        .clientSettings(ClientSettings.fromMap(
                                "clientConfig",
                                Map.of(
                                        "read_timeout",
                                        1,
                                        "retries",
                                        Map.of("mode", "standard", "total_max_attempts", 3))))
                        .build(),
                MotoServer.credentials());
        operations = new StepFunctionsOperations(lease.sfn());
        direct = moto.sfnClient();
    }

    @AfterEach
    void disconnect() {
        direct.close();
        lease.close();
        clients.close();
    }

    private void loseTheFirstStartAnswer() {
        wireMock.stubFor(WireMockStubs.operation("StartExecution")
                .inScenario("lost answer")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMock.aResponse()
                        .proxiedFrom(moto.endpoint().toString())
                        .withFixedDelay(3000))
                .willSetStateTo("answer lost"));
    }

    private int executionsOf(String stateMachine) {
        return direct.listExecutions(b -> b.stateMachineArn(stateMachine))
                .executions()
                .size();
    }

    private static StartRequest request(String stateMachine, String name, Map<String, Object> input) {
        return StartRequest.builder()
                .stateMachineArn(stateMachine)
                .name(name)
                .input(ExecutionInput.of("input", input))
                .build();
    }

    @Test
    void aRetryAfterALostAnswerReachesTheRunningExecutionTheFirstAttemptStarted() {
        String stateMachine = StateMachines.create(direct, "wait-then-succeed");
        loseTheFirstStartAnswer();

        StartResult started = operations.start(request(stateMachine, "lost-1", Map.of("seconds", 30)));

        wireMock.verify(
                2,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution")));
        assertThat(started.executionArn().name()).isEqualTo("lost-1");
        assertThat(executionsOf(stateMachine)).isEqualTo(1);
    }

    @Test
    void aRetryAfterALostAnswerReachesTheExecutionTheFirstAttemptStartedEvenWhenItHasEnded() {
        String stateMachine = StateMachines.create(direct, "pass");
        loseTheFirstStartAnswer();

        StartResult started = operations.start(request(stateMachine, "lost-2", Map.of("k", "v")));

        assertThat(started.executionArn().name()).isEqualTo("lost-2");
        assertThat(started.outcome()).isEqualTo(StartResult.Outcome.ALREADY_STARTED);
        assertThat(executionsOf(stateMachine)).isEqualTo(1);
    }

    @Test
    void theSameStartRepeatedAfterARestartReachesTheEndedExecution() {
        String stateMachine = StateMachines.create(direct, "pass");
        Instant firstAttempt = Instant.now();
        StartRequest request = request(stateMachine, "restarted-1", Map.of("k", "v"));
        StartResult first = operations.start(request, firstAttempt);
        Executions.awaitEnd(direct, first.executionArn().toString(), Duration.ofSeconds(30));

        StartResult again = operations.start(request, firstAttempt);

        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        assertThat(again.outcome()).isEqualTo(StartResult.Outcome.ALREADY_STARTED);
        assertThat(executionsOf(stateMachine)).isEqualTo(1);
    }

    @Test
    void anEndedExecutionOfTheSameNameWithAnotherInputIsNotTakenForThisStart() {
        String stateMachine = StateMachines.create(direct, "pass");
        Instant firstAttempt = Instant.now();
        StartResult other = operations.start(request(stateMachine, "taken-1", Map.of("k", "other")), firstAttempt);
        Executions.awaitEnd(direct, other.executionArn().toString(), Duration.ofSeconds(30));

        assertThatThrownBy(() -> operations.start(request(stateMachine, "taken-1", Map.of("k", "v")), firstAttempt))
                .isInstanceOfSatisfying(
                        StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(StepFunctionsException.Kind.ALREADY_EXISTS));
    }

    @Test
    void anEndedExecutionOfTheSameNameAndInputStartedBeforeThisStartIsNotTakenForIt() {
        String stateMachine = StateMachines.create(direct, "pass");
        StartRequest request = request(stateMachine, "older-1", Map.of("k", "v"));
        StartResult older = operations.start(request);
        Executions.awaitEnd(direct, older.executionArn().toString(), Duration.ofSeconds(30));

        Instant muchLater =
                Instant.now().plus(StepFunctionsOperations.CLOCK_SKEW).plusSeconds(60);
        assertThatThrownBy(() -> operations.start(request, muchLater))
                .isInstanceOfSatisfying(
                        StepFunctionsException.class,
                        e -> assertThat(e.kind()).isEqualTo(StepFunctionsException.Kind.ALREADY_EXISTS));
    }
}
