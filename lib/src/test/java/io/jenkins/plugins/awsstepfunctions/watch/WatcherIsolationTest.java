package io.jenkins.plugins.awsstepfunctions.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.MotoSession;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One slow endpoint holds only its own calls; checks back off whatever the first check's delay. */
@ExtendWith(MotoExtension.class)
class WatcherIsolationTest {

    @RegisterExtension
    static WireMockExtension slow = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private static MotoServer moto;
    private static MotoSession session;

    @BeforeAll
    static void connect(MotoServer server) {
        moto = server;
        session = new MotoSession(moto);
    }

    @AfterAll
    static void disconnect() {
        session.close();
    }

    @BeforeEach
    void proxyToMoto() {
        slow.stubFor(WireMockStubs.proxyTo(moto));
    }

    private static ExecutionArn start(String stateMachine, String name, Map<String, ?> input) {
        return session.start(stateMachine, name, input);
    }

    private static ConnectionSettings throughWireMock() {
        return ConnectionSettings.builder()
                .region(MotoServer.REGION)
                .endpointUrl(slow.baseUrl())
                .clientSettings(ClientSettings.fromMap("clientConfig", Map.of("read_timeout", 60)))
                .build();
    }

    @Test
    void aFinishedExecutionOnAHealthyEndpointIsNoticedWhileAnotherEndpointHoldsEveryCallItGets() throws Exception {
        String waiting = session.stateMachine("wait-then-succeed");
        String pass = session.stateMachine("pass");
        slow.stubFor(WireMockStubs.operation("DescribeExecution")
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString()).withFixedDelay(20_000)));
        WatchOptions fast = WatchOptions.builder()
                .pollInterval(Duration.ofSeconds(1))
                .firstCheck(Duration.ZERO)
                .build();
        AtomicInteger slowAnswers = new AtomicInteger();
        List<ExecutionArn> slowExecutions = new ArrayList<>();
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            for (int i = 0; i < 2 * WatcherSettings.DEFAULT_IO_THREADS; i++) {
                ExecutionArn execution = start(waiting, "slow-" + i, Map.of("seconds", 60));
                slowExecutions.add(execution);
                watcher.watch(
                        WatchRequest.of(execution, throughWireMock(), null, fast),
                        MotoServer.credentials(),
                        new WatchListener() {
                            @Override
                            public void onStatus(ExecutionState state) {
                                slowAnswers.incrementAndGet();
                            }
                        });
            }
            ExecutionWatcherTest.awaitCondition(() -> slow.findAll(postRequestedFor(urlEqualTo("/"))
                                    .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.DescribeExecution")))
                            .size()
                    >= WatcherSettings.DEFAULT_IO_THREADS);

            Watch healthy = watcher.watch(
                    WatchRequest.of(start(pass, "healthy-lane", Map.of()), moto.settings(), null, fast),
                    MotoServer.credentials(),
                    WatchListener.NONE);

            assertThat(healthy.result().get(15, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(slowAnswers.get())
                    .as("answers the slow endpoint had given by then")
                    .isZero();
        } finally {
            slowExecutions.forEach(session::stop);
        }
    }

    @Test
    void checksBackOffEvenWhenTheFirstCheckIsImmediate() throws Exception {
        String waiting = session.stateMachine("wait-then-succeed");
        ExecutionArn execution = start(waiting, "first-check-zero", Map.of("seconds", 60));
        WatchOptions options = WatchOptions.builder()
                .pollInterval(Duration.ofSeconds(10))
                .firstCheck(Duration.ZERO)
                .build();
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            watcher.watch(
                    WatchRequest.of(execution, throughWireMock(), null, options),
                    MotoServer.credentials(),
                    WatchListener.NONE);
            Thread.sleep(3000);
        } finally {
            session.stop(execution);
        }
        int describes = slow.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.DescribeExecution")))
                .size();
        assertThat(describes)
                .as("DescribeExecution calls in 3 s with a 10 s poll interval")
                .isBetween(1, 6);
    }
}
