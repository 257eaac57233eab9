package io.jenkins.plugins.awsstepfunctions.harness;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** WireMock answers what moto cannot (faults, StartSyncExecution) and proxies the rest to moto. */
@ExtendWith(MotoExtension.class)
class WireMockInFrontOfMotoTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final MotoServer moto;

    WireMockInFrontOfMotoTest(MotoServer moto) {
        this.moto = moto;
    }

    @BeforeEach
    void proxyEverythingElseToMoto() {
        wireMock.stubFor(WireMockStubs.proxyTo(moto));
    }

    @Test
    void throttledStartIsRetriedByTheSdkAndReachesMoto() {
        wireMock.stubFor(WireMockStubs.operation("StartExecution")
                .inScenario("throttle once")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(WireMockStubs.serviceError(400, "ThrottlingException", "Rate exceeded"))
                .willSetStateTo("throttled"));

        try (SfnClient sfn = clientThroughWireMock();
                SfnClient direct = moto.sfnClient()) {
            String stateMachine = StateMachines.create(sfn, "pass");
            String execution = sfn.startExecution(
                            b -> b.stateMachineArn(stateMachine).name("throttled-1"))
                    .executionArn();

            assertThat(Executions.awaitEnd(direct, execution, Duration.ofSeconds(30))
                            .status())
                    .isEqualTo(ExecutionStatus.SUCCEEDED);
        }
        wireMock.verify(
                2,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartExecution")));
    }

    @Test
    void startSyncExecutionIsServedByAStub() {
        wireMock.stubFor(WireMockStubs.operation("StartSyncExecution")
                .willReturn(WireMockStubs.jsonResponse(Map.of(
                        "executionArn", "arn:aws:states:us-east-1:123456789012:express:orders:sync-1:0a1b",
                        "status", "SUCCEEDED",
                        "output", "{\"ok\":true}",
                        "startDate", 1.7e9,
                        "stopDate", 1.7e9 + 1))));

        try (SfnClient sfn = clientThroughWireMock()) {
            StartSyncExecutionResponse response = sfn.startSyncExecution(
                    b -> b.stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:orders")
                            .name("sync-1"));

            assertThat(response.status()).isEqualTo(SyncExecutionStatus.SUCCEEDED);
            assertThat(response.output()).isEqualTo("{\"ok\":true}");
        }
    }

    private static SfnClient clientThroughWireMock() {
        return SfnClient.builder()
                .endpointOverride(URI.create(wireMock.baseUrl()))
                .region(Region.of(MotoServer.REGION))
                // moto routes a request to Step Functions by the signature's credential scope, so sign it.
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY)))
                // StartSyncExecution is sent to "sync-" + host unless host prefixes are off.
                .overrideConfiguration(
                        c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
