package io.jenkins.plugins.awsstepfunctions.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import io.jenkins.plugins.awsstepfunctions.watch.ExecutionWatcher;
import io.jenkins.plugins.awsstepfunctions.watch.WatchListener;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;
import io.jenkins.plugins.awsstepfunctions.watch.WatchRequest;
import io.jenkins.plugins.awsstepfunctions.watch.WatcherSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Calls on an ARN go to the ARN's region unless a region is configured; a configured other region is an error. */
class RegionFromArnTest {

    private static final String ARN = "arn:aws:states:eu-west-1:123456789012:execution:orders:e1";

    @RegisterExtension
    static WireMockExtension endpoint = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void withoutARegionTheArnsRegionIsUsed() {
        ConnectionSettings settings = ConnectionSettings.INHERIT.forArn("executionArn", ARN, "eu-west-1");

        assertThat(settings.region()).contains("eu-west-1");
    }

    @Test
    void theSameRegionChangesNothing() {
        ConnectionSettings configured =
                ConnectionSettings.builder().region("eu-west-1").build();

        assertThat(configured.forArn("executionArn", ARN, "eu-west-1")).isSameAs(configured);
    }

    @Test
    void anotherRegionIsRefusedBeforeAnyCallNamingBoth() {
        ConnectionSettings configured =
                ConnectionSettings.builder().region("us-east-1").build();

        assertThatThrownBy(() -> configured.forArn("stateMachineArn", ARN, "eu-west-1"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("region")
                .hasMessageContaining("us-east-1")
                .hasMessageContaining("eu-west-1")
                .hasMessageContaining("stateMachineArn");
    }

    @Test
    void anEndpointOverrideAcceptsAnyRegion() {
        ConnectionSettings emulator = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl("http://127.0.0.1:4584")
                .build();

        assertThat(emulator.forArn("executionArn", ARN, "eu-west-1")).isSameAs(emulator);
    }

    @Test
    void aWatchWithoutARegionSignsItsCallsForTheExecutionsRegion() throws Exception {
        System.setProperty("aws.region", "ap-southeast-2");
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            endpoint.stubFor(WireMockStubs.operation("DescribeExecution")
                    .willReturn(WireMockStubs.jsonResponse(Map.of(
                            "executionArn",
                            ARN,
                            "stateMachineArn",
                            "arn:aws:states:eu-west-1:123456789012:stateMachine:orders",
                            "status",
                            "SUCCEEDED",
                            "startDate",
                            1.0,
                            "stopDate",
                            2.0,
                            "output",
                            "{}"))));
            ConnectionSettings noRegion =
                    ConnectionSettings.builder().endpointUrl(endpoint.baseUrl()).build();

            watcher.watch(
                            WatchRequest.of(
                                    ExecutionArn.parse("executionArn", ARN),
                                    noRegion,
                                    null,
                                    WatchOptions.builder()
                                            .firstCheck(Duration.ZERO)
                                            .failureReport(false)
                                            .build()),
                            CredentialsSource.staticKeys("AKIAREGIONTEST000001", "secret", null),
                            WatchListener.NONE)
                    .result()
                    .get(30, TimeUnit.SECONDS);
        } finally {
            System.clearProperty("aws.region");
        }

        endpoint.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("Authorization", containing("/eu-west-1/states/aws4_request")));
    }
}
