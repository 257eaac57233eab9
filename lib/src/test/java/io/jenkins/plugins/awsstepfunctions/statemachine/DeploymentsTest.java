package io.jenkins.plugins.awsstepfunctions.statemachine;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.statemachine.DeployResult.Outcome;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;

/**
 * Deploying state machines as code against moto (create, update, publish on create and update, aliases), through a
 * WireMock proxy that counts calls and answers what moto lacks (ValidateStateMachineDefinition,
 * PublishStateMachineVersion) as the API reference shapes them.
 */
@ExtendWith(MotoExtension.class)
class DeploymentsTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private StepFunctionsClients clients;
    private ClientLease lease;
    private Deployments deployments;
    private SfnClient moto;
    private String name;

    @BeforeEach
    void connect(MotoServer server) {
        proxy.stubFor(WireMockStubs.proxyTo(server));
        proxy.stubFor(operation("ValidateStateMachineDefinition")
                .willReturn(jsonResponse(Map.of("result", "OK", "diagnostics", List.of(), "truncated", false))));
        clients = new StepFunctionsClients();
        lease = clients.lease(
                ConnectionSettings.builder()
                        .region(MotoServer.REGION)
                        .endpointUrl(proxy.baseUrl())
                        .build(),
                MotoServer.credentials());
        deployments = new Deployments(lease);
        moto = server.sfnClient();
        name = "deployed-" + NAMES.incrementAndGet();
    }

    @AfterEach
    void close() {
        moto.close();
        lease.close();
        clients.close();
    }

    @Test
    void aDeployCreatesThenChangesNothingThenUpdatesWhatChanged() {
        String v1 = StateMachines.definition("pass");

        DeployResult created = deployments.deploy(request(v1).build());
        DeployResult again =
                deployments.deploy(request(v1.replace("\n", "\n  ")).build());
        DeployResult updated = deployments.deploy(
                request(StateMachines.definition("wait-then-succeed")).build());

        assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(again.stateMachineArn()).isEqualTo(created.stateMachineArn());
        assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
        assertThat(count("CreateStateMachine")).isEqualTo(1);
        assertThat(count("UpdateStateMachine"))
                .as("only the deploy that changed something")
                .isEqualTo(1);
        assertThat(moto.describeStateMachine(b -> b.stateMachineArn(created.stateMachineArn()))
                        .definition())
                .contains("SecondsPath");
        assertThat(again.describe())
                .containsExactly(
                        created.stateMachineArn() + " already has this definition and configuration; not updated");
    }

    @Test
    void aChangedRoleOrTracingIsAnUpdateToo() {
        deployments.deploy(request(StateMachines.definition("pass")).build());

        DeployResult traced = deployments.deploy(
                request(StateMachines.definition("pass")).tracing(true).build());

        assertThat(traced.outcome()).isEqualTo(Outcome.UPDATED);
    }

    @Test
    void publishedVersionsAndAnAliasMoveOnlyWhenSomethingChanged() {
        String v1 = StateMachines.definition("pass");
        DeployResult first = deployments.deploy(
                request(v1).publish(true, "build 1").alias("live", null).build());
        String version1 = first.version().orElseThrow();
        proxy.stubFor(operation("PublishStateMachineVersion")
                .willReturn(jsonResponse(Map.of("stateMachineVersionArn", version1, "creationDate", 1.7e9))));

        DeployResult unchanged = deployments.deploy(
                request(v1).publish(true, "build 2").alias("live", null).build());
        DeployResult canary = deployments.deploy(request(StateMachines.definition("wait-then-succeed"))
                .publish(true, "build 3")
                .alias("live", Map.of("new", 10, "1", 90))
                .build());

        assertThat(first.outcome()).isEqualTo(Outcome.CREATED);
        assertThat(version1).isEqualTo(first.stateMachineArn() + ":1");
        assertThat(first.aliasOutcome()).isEqualTo(Outcome.CREATED);
        assertThat(unchanged.outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(unchanged.version()).contains(version1);
        // The version is asked of this state machine (the stub answers whatever it is sent).
        proxy.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.PublishStateMachineVersion"))
                .withRequestBody(matchingJsonPath("$.stateMachineArn", equalTo(first.stateMachineArn())))
                .withRequestBody(matchingJsonPath("$.description", equalTo("build 2"))));
        assertThat(unchanged.aliasOutcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(count("UpdateStateMachineAlias"))
                .as("the unchanged deploy left the alias alone")
                .isEqualTo(1);
        assertThat(canary.version()).contains(first.stateMachineArn() + ":2");
        assertThat(canary.aliasOutcome()).isEqualTo(Outcome.UPDATED);
        List<RoutingConfigurationListItem> routing = moto.describeStateMachineAlias(
                        b -> b.stateMachineAliasArn(canary.alias().orElseThrow()))
                .routingConfiguration();
        assertThat(routing)
                .extracting(RoutingConfigurationListItem::stateMachineVersionArn, RoutingConfigurationListItem::weight)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(first.stateMachineArn() + ":2", 10),
                        org.assertj.core.groups.Tuple.tuple(version1, 90));
    }

    @Test
    void aDefinitionWithErrorsIsRefusedBeforeAnyChange() {
        proxy.stubFor(operation("ValidateStateMachineDefinition")
                .willReturn(jsonResponse(Map.of(
                        "result",
                        "FAIL",
                        "diagnostics",
                        List.of(Map.of(
                                "severity", "ERROR",
                                "code", "MISSING_TRANSITION_TARGET",
                                "message", "Missing 'Next' target: Nowhere",
                                "location", "/States/Start/Next")),
                        "truncated",
                        false))));

        assertThatThrownBy(() -> deployments.deploy(
                        request(StateMachines.definition("pass")).build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("definition")
                .hasMessageContaining("MISSING_TRANSITION_TARGET at /States/Start/Next")
                .hasMessageContaining("Nothing was deployed");
        assertThat(count("CreateStateMachine") + count("UpdateStateMachine")).isZero();
    }

    @Test
    void aStateMachinesTypeCannotChange() {
        deployments.deploy(request(StateMachines.definition("pass")).build());

        assertThatThrownBy(() -> deployments.deploy(request(StateMachines.definition("pass"))
                        .type("EXPRESS")
                        .build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("type")
                .hasMessageContaining("cannot change");
    }

    @Test
    void badRequestsAreRefusedByName() {
        String definition = StateMachines.definition("pass");
        assertThatThrownBy(() -> request(definition).name(" ").build()).hasMessageContaining("name: is required");
        assertThatThrownBy(() -> request(definition).roleArn(null).build()).hasMessageContaining("roleArn");
        assertThatThrownBy(() -> request(definition)
                        .publish(true, null)
                        .alias("live", Map.of("new", 60, "1", 30))
                        .build())
                .hasMessageContaining("routing")
                .hasMessageContaining("add up to 90");
        assertThatThrownBy(() -> request(definition).alias("live", null).build())
                .hasMessageContaining("publish: true");
        assertThatThrownBy(() -> request(definition).logging("ALL", true, null).build())
                .hasMessageContaining("logGroupArn");
        assertThatThrownBy(() -> request(definition).alias("42", null).build()).hasMessageContaining("alias");
        assertThat(proxy.getAllServeEvents()).isEmpty();
    }

    private DeployRequest.Builder request(String definition) {
        return DeployRequest.builder().name(name).definition(definition).roleArn(MotoServer.EXECUTION_ROLE_ARN);
    }

    private static long count(String operation) {
        return proxy.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions." + operation)))
                .size();
    }
}
