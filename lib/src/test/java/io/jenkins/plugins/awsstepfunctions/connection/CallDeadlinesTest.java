package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

/** Every client has a deadline for each attempt and for each call, derived from its timeouts and attempts. */
class CallDeadlinesTest {

    private static final CredentialsSource KEYS = CredentialsSource.staticKeys("AKIADEADLINESKEY0001", "secret", null);

    private static ClientOverrideConfiguration overridesOf(ClientSettings client) {
        ConnectionSettings settings = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl("http://127.0.0.1:9")
                .clientSettings(client)
                .build();
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(settings, KEYS)) {
            return lease.sfn().serviceClientConfiguration().overrideConfiguration();
        }
    }

    @Test
    void withTheSdkDefaultsEveryAttemptAndCallHasADeadline() {
        ClientOverrideConfiguration overrides = overridesOf(ClientSettings.INHERIT);

        assertThat(overrides.apiCallAttemptTimeout()).contains(Duration.ofSeconds(30 + 2 + 30));
        assertThat(overrides.apiCallTimeout()).contains(Duration.ofSeconds(62 * 3 + 30));
    }

    @Test
    void theDeadlinesFollowTheConfiguredTimeoutsAndAttempts() {
        ClientOverrideConfiguration overrides = overridesOf(ClientSettings.fromMap(
                "clientConfig",
                Map.of("read_timeout", 5, "connect_timeout", 1, "retries", Map.of("total_max_attempts", 2))));

        assertThat(overrides.apiCallAttemptTimeout()).contains(Duration.ofSeconds(5 + 1 + 30));
        assertThat(overrides.apiCallTimeout()).contains(Duration.ofSeconds(36 * 2 + 30));
    }
}
