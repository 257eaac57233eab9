package io.jenkins.plugins.awsstepfunctions.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sfn.SfnClient;

/** One client per distinct effective settings and credentials, closed when idle or when the cache closes. */
@ExtendWith(MotoExtension.class)
class StepFunctionsClientsTest {

    private static final CredentialsSource KEYS =
            CredentialsSource.staticKeys(MotoServer.ACCESS_KEY_ID, MotoServer.SECRET_ACCESS_KEY, null);

    private final MotoServer moto;
    private final MutableClock clock = new MutableClock();

    StepFunctionsClientsTest(MotoServer moto) {
        this.moto = moto;
    }

    private ConnectionSettings moto(String region) {
        return ConnectionSettings.builder()
                .region(region)
                .endpointUrl(moto.endpoint().toString())
                .build();
    }

    private StepFunctionsClients clients(Duration idleTimeout) {
        return new StepFunctionsClients(new SdkClientFactory(CredentialRefresh.SDK_DEFAULTS), idleTimeout, clock);
    }

    @Test
    void leasesOfTheSameSettingsShareOneClient() {
        try (StepFunctionsClients clients = clients(Duration.ofMinutes(5))) {
            SfnClient first;
            try (ClientLease lease = clients.lease(moto("us-east-1"), KEYS)) {
                first = lease.sfn();
            }
            for (int i = 0; i < 50; i++) {
                try (ClientLease lease = clients.lease(moto("us-east-1"), KEYS)) {
                    lease.sfn().listStateMachines(b -> {});
                    assertThat(lease.sfn()).isSameAs(first);
                }
            }

            assertThat(clients.clientsCreated()).isEqualTo(1);
        }
    }

    @Test
    void layeredSettingsEqualToDirectOnesShareTheClient() {
        ConnectionSettings direct = moto("us-east-1").toBuilder()
                .clientSettings(ClientSettings.fromMap("clientConfig", Map.of("connect_timeout", 2)))
                .build();
        ConnectionSettings layered = ConnectionSettings.builder()
                .clientSettings(ClientSettings.fromMap("clientConfig", Map.of("connect_timeout", 2)))
                .build()
                .over(moto("us-east-1"));

        try (StepFunctionsClients clients = clients(Duration.ofMinutes(5));
                ClientLease a = clients.lease(direct, KEYS);
                ClientLease b = clients.lease(layered, KEYS)) {
            assertThat(a.sfn()).isSameAs(b.sfn());
            assertThat(clients.clientsCreated()).isEqualTo(1);
        }
    }

    @Test
    void otherSettingsOrOtherCredentialsGetTheirOwnClient() {
        CredentialsSource otherKeys = CredentialsSource.staticKeys("AKIAOTHERKEY00000001", "other", null);

        try (StepFunctionsClients clients = clients(Duration.ofMinutes(5));
                ClientLease a = clients.lease(moto("us-east-1"), KEYS);
                ClientLease b = clients.lease(moto("eu-west-1"), KEYS);
                ClientLease c = clients.lease(moto("us-east-1"), otherKeys)) {
            assertThat(clients.clientsCreated()).isEqualTo(3);
            assertThat(a.sfn()).isNotSameAs(b.sfn()).isNotSameAs(c.sfn());
        }
    }

    @Test
    void clientIdleLongerThanTheTimeoutIsClosed() {
        try (StepFunctionsClients clients = clients(Duration.ofMinutes(5))) {
            SfnClient idle;
            try (ClientLease lease = clients.lease(moto("us-east-1"), KEYS)) {
                idle = lease.sfn();
            }
            clock.advance(Duration.ofMinutes(4));
            clients.lease(moto("eu-west-1"), KEYS).close();
            assertThat(clients.openClients())
                    .as("idle for 4 of 5 minutes: kept")
                    .isEqualTo(2);

            clock.advance(Duration.ofMinutes(2));
            clients.lease(moto("eu-west-1"), KEYS).close();

            assertThat(clients.openClients()).as("idle for 6 minutes: closed").isEqualTo(1);
            assertThatThrownBy(() -> idle.listStateMachines(b -> {}))
                    .as("a closed client refuses calls")
                    .isInstanceOfAny(
                            IllegalStateException.class, java.util.concurrent.RejectedExecutionException.class);
        }
    }

    @Test
    void heldClientIsNeverClosedForIdleness() {
        try (StepFunctionsClients clients = clients(Duration.ZERO);
                ClientLease held = clients.lease(moto("us-east-1"), KEYS)) {
            clock.advance(Duration.ofHours(1));
            clients.lease(moto("eu-west-1"), KEYS).close();

            assertThat(clients.openClients()).isEqualTo(1);
            assertThat(held.sfn().listStateMachines(b -> {}).sdkHttpResponse().isSuccessful())
                    .isTrue();
        }
    }

    @Test
    void closingTheCacheClosesEveryClient() {
        StepFunctionsClients clients = clients(Duration.ofMinutes(5));
        ClientLease lease = clients.lease(moto("us-east-1"), KEYS);
        SfnClient sfn = lease.sfn();

        clients.close();

        assertThat(clients.openClients()).isZero();
        assertThatThrownBy(() -> sfn.listStateMachines(b -> {}))
                .as("a closed client refuses calls")
                .isInstanceOfAny(IllegalStateException.class, java.util.concurrent.RejectedExecutionException.class);
        assertThatThrownBy(() -> clients.lease(moto("us-east-1"), KEYS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The Step Functions client cache is closed");
        lease.close();
    }

    @Test
    void closedLeaseRefusesToHandOutTheClient() {
        try (StepFunctionsClients clients = clients(Duration.ofMinutes(5))) {
            ClientLease lease = clients.lease(moto("us-east-1"), KEYS);
            lease.close();
            lease.close();

            assertThatThrownBy(lease::sfn)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("This client lease was already closed");
        }
    }

    @Test
    void missingRegionEverywhereIsAClearError() {
        String saved = System.getProperty("aws.region");
        System.setProperty("aws.region", "");
        try (StepFunctionsClients clients = clients(Duration.ofMinutes(5))) {
            assertThatThrownBy(() -> clients.lease(
                            ConnectionSettings.builder()
                                    .endpointUrl(moto.endpoint().toString())
                                    .build(),
                            KEYS))
                    .isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("region: is not set, and the AWS SDK found no default region");
        } finally {
            if (saved == null) {
                System.clearProperty("aws.region");
            } else {
                System.setProperty("aws.region", saved);
            }
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
