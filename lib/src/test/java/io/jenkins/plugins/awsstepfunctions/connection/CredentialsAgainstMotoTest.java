package io.jenkins.plugins.awsstepfunctions.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.StartRequest;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Each way of giving credentials reaches the emulator, and assumed roles are cached and renewed. */
@ExtendWith(MotoExtension.class)
class CredentialsAgainstMotoTest {

    private static final String OTHER_ACCOUNT = "111122223333";
    private static final String OTHER_ACCOUNT_ROLE = "arn:aws:iam::" + OTHER_ACCOUNT + ":role/jenkins-deployer";

    @RegisterExtension
    static WireMockExtension stsAndSfnProxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final MotoServer moto;

    CredentialsAgainstMotoTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void proxyToMoto() {
        stsAndSfnProxy.stubFor(WireMockStubs.proxyTo(moto));
    }

    private ConnectionSettings.Builder motoIn(String region) {
        return ConnectionSettings.builder()
                .region(region)
                .endpointUrl(moto.endpoint().toString());
    }

    private static final CredentialsSource MOTO_KEYS =
            CredentialsSource.staticKeys(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY, null);

    @Test
    void staticKeysWithEndpointOverrideAndRegionReachTheRegion() {
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(motoIn("eu-west-3").build(), MOTO_KEYS)) {
            String arn = StateMachines.create(lease.sfn(), "pass");

            assertThat(arn).startsWith("arn:aws:states:eu-west-3:" + MotoServer.ACCOUNT_ID + ":stateMachine:pass-");
        }
    }

    @Test
    void sessionTokenIsSentWithEveryRequest() {
        ConnectionSettings viaProxy = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(stsAndSfnProxy.baseUrl())
                .build();
        CredentialsSource withToken =
                CredentialsSource.staticKeys("ASIAMOTOTESTKEY00002", "secret", "the-session-token");

        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(viaProxy, withToken)) {
            lease.sfn().listStateMachines(b -> {});
        }

        stsAndSfnProxy.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Security-Token", equalTo("the-session-token"))
                .withHeader("Authorization", containing("Credential=ASIAMOTOTESTKEY00002/")));
    }

    @Test
    void providedCredentialsProviderIsUsedAsIs() {
        CredentialsSource provided = CredentialsSource.provided(
                "jenkins:moto-keys",
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY)));

        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(motoIn("us-east-1").build(), provided)) {
            assertThat(lease.sfn().listStateMachines(b -> {}).sdkHttpResponse().isSuccessful())
                    .isTrue();
        }
    }

    @Test
    void defaultChainReadsTheSdkSystemProperties() {
        System.setProperty("aws.accessKeyId", "AKIADEFAULTCHAIN0001");
        System.setProperty("aws.secretAccessKey", "default-chain-secret");
        ConnectionSettings viaProxy = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(stsAndSfnProxy.baseUrl())
                .build();
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(viaProxy, CredentialsSource.defaultChain())) {
            lease.sfn().listStateMachines(b -> {});
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }

        stsAndSfnProxy.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", containing("Credential=AKIADEFAULTCHAIN0001/")));
    }

    @Test
    void assumedRoleCredentialsActInTheRolesAccount() {
        ConnectionSettings settings = motoIn("us-east-1")
                .assumeRole(AssumeRoleSettings.builder()
                        .roleArn(OTHER_ACCOUNT_ROLE)
                        .externalId("build-farm-7")
                        .stsEndpoint(stsAndSfnProxy.baseUrl())
                        .build())
                .build();

        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(settings, MOTO_KEYS)) {
            String arn = StateMachines.create(lease.sfn(), "pass");

            assertThat(arn).startsWith("arn:aws:states:us-east-1:" + OTHER_ACCOUNT + ":stateMachine:");
        }
        stsAndSfnProxy.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withRequestBody(containing("Action=AssumeRole"))
                        .withRequestBody(containing("ExternalId=build-farm-7"))
                        .withRequestBody(containing("RoleSessionName=jenkins-aws-step-functions")));
    }

    @Test
    void assumedRoleIsCachedAcrossCallsAndRenewedBeforeItExpires() throws InterruptedException {
        // 900 s credentials, renewed 890 s before they expire: valid for 10 s in this test.
        Duration lifetime = Duration.ofSeconds(10);
        CredentialRefresh refresh = new CredentialRefresh(Duration.ofSeconds(890), Duration.ofSeconds(890));
        ConnectionSettings settings = motoIn("us-east-1")
                .assumeRole(AssumeRoleSettings.builder()
                        .roleArn(OTHER_ACCOUNT_ROLE)
                        .duration(Duration.ofSeconds(900))
                        .stsEndpoint(stsAndSfnProxy.baseUrl())
                        .build())
                .build();

        try (StepFunctionsClients clients =
                        new StepFunctionsClients(new SdkClientFactory(refresh), Duration.ZERO, Clock.systemUTC());
                ClientLease lease = clients.lease(settings, MOTO_KEYS)) {
            SfnClient sfn = lease.sfn();
            for (int i = 0; i < 5; i++) {
                sfn.listStateMachines(b -> {});
            }
            assertThat(assumeRoleCalls()).as("one STS call for five requests").isEqualTo(1);

            Thread.sleep(lifetime.plusSeconds(1).toMillis());
            sfn.listStateMachines(b -> {});
            sfn.listStateMachines(b -> {});

            assertThat(assumeRoleCalls())
                    .as("renewed once when due, then cached again")
                    .isEqualTo(2);
        }
    }

    private int assumeRoleCalls() {
        return stsAndSfnProxy
                .findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")))
                .size();
    }

    private ConnectionSettings roleThroughWireMock() {
        return ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(stsAndSfnProxy.baseUrl())
                .assumeRole(AssumeRoleSettings.builder()
                        .roleArn(OTHER_ACCOUNT_ROLE)
                        .stsEndpoint(stsAndSfnProxy.baseUrl())
                        .build())
                .build();
    }

    private static ExecutionArn startIn(ClientLease lease, String name) {
        String stateMachine = StateMachines.create(lease.sfn(), "wait-then-succeed");
        return new StepFunctionsOperations(lease)
                .start(StartRequest.builder()
                        .stateMachineArn(stateMachine)
                        .name(name)
                        .input(ExecutionInput.of("input", java.util.Map.of("seconds", 1)))
                        .build())
                .executionArn();
    }

    private static void describeAnswersExpired(String scenarioEnd) {
        stsAndSfnProxy.stubFor(WireMockStubs.operation("DescribeExecution")
                .inScenario("expired session")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMockStubs.serviceError(
                        400, "ExpiredTokenException", "The security token included" + " in the request is expired"))
                .willSetStateTo(scenarioEnd));
    }

    @Test
    void aRoleSessionStepFunctionsCallsExpiredIsRenewedOnceAndTheCallMadeAgain() {
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(roleThroughWireMock(), MOTO_KEYS)) {
            ExecutionArn execution = startIn(lease, "expired-once");
            describeAnswersExpired("renewed");

            ExecutionDescription described = new StepFunctionsOperations(lease).describe(execution);

            assertThat(described.executionArn()).isEqualTo(execution);
        }
        assertThat(assumeRoleCalls())
                .as("the role assumed again after the expired answer")
                .isEqualTo(2);
    }

    @Test
    void aRenewedSessionRefusedToIsExplainedAndNotRenewedAgain() {
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(roleThroughWireMock(), MOTO_KEYS)) {
            ExecutionArn execution = startIn(lease, "expired-always");
            describeAnswersExpired(Scenario.STARTED);

            assertThatThrownBy(() -> new StepFunctionsOperations(lease).describe(execution))
                    .isInstanceOf(StepFunctionsException.class)
                    .hasMessageContaining("a new session, assumed at once, was refused the same way")
                    .hasMessageNotContaining("prefer a role to assume");
        }
        assertThat(assumeRoleCalls()).as("one renewal, no more").isEqualTo(2);
    }

    @Test
    void expiredStaticCredentialsAreNotRetried() {
        ConnectionSettings viaProxy = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(stsAndSfnProxy.baseUrl())
                .build();
        describeAnswersExpired(Scenario.STARTED);
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(
                        viaProxy, CredentialsSource.staticKeys("ASIAMOTOTESTKEY00003", "secret", "an-old-token"))) {
            assertThatThrownBy(() -> new StepFunctionsOperations(lease)
                            .describe(ExecutionArn.parse(
                                    "executionArn", "arn:aws:states:us-east-1:123456789012:execution:orders:b1")))
                    .isInstanceOf(StepFunctionsException.class)
                    .hasMessageContaining("prefer a role to assume");
        }
        stsAndSfnProxy.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.DescribeExecution")));
    }
}
