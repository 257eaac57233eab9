package io.jenkins.plugins.awsstepfunctions.connection;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Measures a small call (ListStateMachines) against moto with a shared client and with a new client per call, side
 * by side, with static keys and with an assumed role, and prints one {@code bench=client-reuse} line each (recorded
 * in docs/performance.md). It asserts counts, never durations: clients built and STS calls made.
 */
@ExtendWith(MotoExtension.class)
class ClientReuseCostTest {

    private static final int WARM_UP = 20;
    private static final int CALLS = Integer.getInteger("bench.calls", 200);

    private static final CredentialsSource KEYS =
            CredentialsSource.staticKeys(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY, null);

    @RegisterExtension
    static WireMockExtension stsProxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @Test
    void sharedClientIsBuiltOnceForAllCallsWhileTheBaselineBuildsOnePerCall(MotoServer moto) {
        ConnectionSettings settings = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(moto.endpoint().toString())
                .build();

        Measurement result = measure("static-keys", settings);

        assertThat(result.sharedClients())
                .as("clients built for %d + %d shared calls", WARM_UP, CALLS)
                .isEqualTo(1);
    }

    @Test
    void sharedClientAssumesTheRoleOnceWhileTheBaselineAssumesItPerCall(MotoServer moto) {
        stsProxy.stubFor(WireMockStubs.proxyTo(moto));
        ConnectionSettings settings = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(moto.endpoint().toString())
                .assumeRole(AssumeRoleSettings.builder()
                        .roleArn("arn:aws:iam::111122223333:role/bench")
                        .stsEndpoint(stsProxy.baseUrl())
                        .build())
                .build();

        Measurement result = measure("assumed-role", settings);

        assertThat(result.sharedClients()).isEqualTo(1);
        assertThat(stsProxy.findAll(postRequestedFor(urlEqualTo("/")).withRequestBody(containing("Action=AssumeRole")))
                        .size())
                .as("STS calls: one per baseline call, one for all shared calls")
                .isEqualTo(WARM_UP + CALLS + 1);
    }

    private record Measurement(int sharedClients) {}

    private static Measurement measure(String credentials, ConnectionSettings settings) {
        SdkClientFactory factory = new SdkClientFactory(CredentialRefresh.SDK_DEFAULTS);

        newClientPerCall(factory, settings, WARM_UP);
        long baselineNanos = newClientPerCall(factory, settings, CALLS);

        long sharedNanos;
        int sharedClients;
        try (StepFunctionsClients clients = new StepFunctionsClients()) {
            sharedCalls(clients, settings, WARM_UP);
            sharedNanos = sharedCalls(clients, settings, CALLS);
            sharedClients = clients.clientsCreated();
        }

        System.out.printf(
                Locale.ROOT,
                "bench=client-reuse endpoint=moto credentials=%s calls=%d shared_clients=%d"
                        + " shared_ms_per_call=%.2f new_client_ms_per_call=%.2f ratio=%.1f%n",
                credentials,
                CALLS,
                sharedClients,
                sharedNanos / 1e6 / CALLS,
                baselineNanos / 1e6 / CALLS,
                (double) baselineNanos / sharedNanos);
        return new Measurement(sharedClients);
    }

    private static long sharedCalls(StepFunctionsClients clients, ConnectionSettings settings, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            try (ClientLease lease = clients.lease(settings, KEYS)) {
                lease.sfn().listStateMachines(b -> b.maxResults(1));
            }
        }
        return System.nanoTime() - start;
    }

    private static long newClientPerCall(SdkClientFactory factory, ConnectionSettings settings, int calls) {
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            SdkClientFactory.BuiltClient client = factory.build(settings.effective(), KEYS);
            try {
                client.sfn().listStateMachines(b -> b.maxResults(1));
            } finally {
                client.close();
            }
        }
        return System.nanoTime() - start;
    }
}
