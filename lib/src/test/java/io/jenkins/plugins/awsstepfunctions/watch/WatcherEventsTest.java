package io.jenkins.plugins.awsstepfunctions.watch;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.QueueClients;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueSettings;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeEvent;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeEvents;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeQueue;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.testing.EventBridgeToSqs;
import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.MotoSession;
import io.jenkins.plugins.awsstepfunctions.testing.StatusChanges;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Event-driven completion against moto: its EventBridge routes status changes (published as Step Functions would)
 * to its SQS queue, which the watcher's queue reader long-polls. Step Functions calls go through a WireMock proxy
 * that counts them: a wait whose event arrives costs no DescribeExecution.
 */
@ExtendWith(MotoExtension.class)
class WatcherEventsTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final WatchOptions OPTIONS = WatchOptions.builder()
            .pollInterval(Duration.ofSeconds(1))
            .firstCheck(Duration.ofMillis(100))
            .build();

    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @BeforeEach
    void proxyToMoto(MotoServer moto) {
        proxy.stubFor(WireMockStubs.proxyTo(moto));
    }

    @Test
    void waitsEndFromTheirEventsWithoutDescribeExecution(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofMinutes(10))) {
            String stateMachine = rig.session.stateMachine("wait-then-succeed");
            List<Watch> watches = new ArrayList<>();
            List<Recorder> recorders = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ExecutionArn execution = rig.session.start(stateMachine, "e" + i, Map.of("seconds", 1));
                Recorder recorder = new Recorder();
                recorders.add(recorder);
                watches.add(rig.watch(execution, recorder));
                rig.infra.publishWhenEnded(execution.toString());
            }

            for (Watch watch : watches) {
                WatchResult result = watch.result().get(60, TimeUnit.SECONDS);
                assertThat(result.description().state()).isEqualTo(ExecutionState.SUCCEEDED);
                assertThat(result.description().output()).isEqualTo(Map.of("seconds", 1L));
            }
            assertThat(count("DescribeExecution")).as("DescribeExecution calls").isZero();
            assertThat(rig.watcher.eventCounts().applied()).isEqualTo(5);
            assertThat(recorders).allSatisfy(r -> assertThat(r.modes).containsExactly(WaitMode.EVENTS));
            await(() -> rig.infra.messagesLeft() == 0, "the applied events are deleted from the queue");
        }
    }

    @Test
    void anEventThatArrivedBeforeTheWaitIsConfirmedWithOneDescribe(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofMinutes(10))) {
            ExecutionArn execution =
                    rig.session.start(rig.session.stateMachine("wait-then-succeed"), "early", Map.of("seconds", 0));
            rig.infra.publishWhenEnded(execution.toString()).get(60, TimeUnit.SECONDS);
            await(() -> rig.watcher.eventCounts().unmatched() == 1, "the event is read before anyone waits");

            WatchResult result = rig.watch(execution, new Recorder()).result().get(60, TimeUnit.SECONDS);

            assertThat(result.description().state()).isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(count("DescribeExecution")).isEqualTo(1);
            assertThat(rig.watcher.eventCounts().confirmed()).isEqualTo(1);
        }
    }

    @Test
    void anEventWithoutItsOutputIsConfirmedWithOneDescribe(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofMinutes(10))) {
            ExecutionArn execution =
                    rig.session.start(rig.session.stateMachine("wait-then-succeed"), "large", Map.of("seconds", 1));
            Watch watch = rig.watch(execution, new Recorder());
            rig.infra.publish(ended(moto, execution), false);

            WatchResult result = watch.result().get(60, TimeUnit.SECONDS);

            assertThat(result.description().output()).isEqualTo(Map.of("seconds", 1L));
            assertThat(count("DescribeExecution")).isEqualTo(1);
            assertThat(rig.watcher.eventCounts().applied()).isZero();
        }
    }

    @Test
    void duplicateAndLateEventsCompleteAWaitOnce(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofMinutes(10))) {
            ExecutionArn execution =
                    rig.session.start(rig.session.stateMachine("wait-then-succeed"), "dup", Map.of("seconds", 1));
            Recorder recorder = new Recorder();
            Watch watch = rig.watch(execution, recorder);
            DescribeExecutionResponse ended = ended(moto, execution);
            StatusChangeEvent succeeded = event(ended, true);
            StatusChangeEvent lateRunning = event(
                    ended.toBuilder()
                            .status(ExecutionStatus.RUNNING)
                            .stopDate(null)
                            .output(null)
                            .build(),
                    true);

            rig.watcher
                    .statusChanges()
                    .apply(List.of(succeeded, succeeded, lateRunning))
                    .get(10, TimeUnit.SECONDS);
            rig.watcher.statusChanges().apply(List.of(succeeded)).get(10, TimeUnit.SECONDS);

            assertThat(watch.result().get(10, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(rig.watcher.eventCounts().applied()).isEqualTo(1);
            assertThat(recorder.statuses).containsExactly(ExecutionState.SUCCEEDED);
            assertThat(count("DescribeExecution")).isZero();
        }
    }

    @Test
    void aFailureOlderThanTheWaitDoesNotEndIt(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofMinutes(10))) {
            ExecutionArn execution =
                    rig.session.start(rig.session.stateMachine("wait-then-succeed"), "stale", Map.of("seconds", 3));
            Watch watch = rig.watch(execution, new Recorder());
            // An earlier attempt's FAILED event (before a redrive), delivered late.
            DescribeExecutionResponse running =
                    moto.sfnClient().describeExecution(b -> b.executionArn(execution.toString()));
            StatusChangeEvent stale = event(
                    running.toBuilder()
                            .status(ExecutionStatus.FAILED)
                            .stopDate(Instant.now().minus(Duration.ofMinutes(5)))
                            .error("States.TaskFailed")
                            .build(),
                    true);

            rig.watcher.statusChanges().apply(List.of(stale)).get(10, TimeUnit.SECONDS);
            await(() -> count("DescribeExecution") == 1, "one DescribeExecution checks the stale event");
            rig.infra.publishWhenEnded(execution.toString());

            WatchResult result = watch.result().get(60, TimeUnit.SECONDS);
            assertThat(result.description().state()).isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(rig.watcher.eventCounts().confirmed()).isEqualTo(1);
            assertThat(rig.watcher.eventCounts().applied()).isEqualTo(1);
        }
    }

    @Test
    void aLostEventIsFoundByTheSafetyCheck(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofSeconds(3))) {
            ExecutionArn execution =
                    rig.session.start(rig.session.stateMachine("wait-then-succeed"), "lost", Map.of("seconds", 1));
            Recorder recorder = new Recorder();

            WatchResult result = rig.watch(execution, recorder).result().get(60, TimeUnit.SECONDS);

            assertThat(result.description().state()).isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(rig.watcher.eventCounts().missed()).isEqualTo(1);
            assertThat(recorder.troubles).anySatisfy(t -> assertThat(t).contains("without its status-change event"));
            assertThat(count("DescribeExecution"))
                    .as("the safety check, not the poll interval")
                    .isLessThanOrEqualTo(2);
        }
    }

    @Test
    void whileTheQueueCannotBeReadWaitsPoll(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofMinutes(10))) {
            ExecutionArn execution =
                    rig.session.start(rig.session.stateMachine("wait-then-succeed"), "outage", Map.of("seconds", 2));
            Recorder recorder = new Recorder();
            Watch watch = rig.watch(execution, recorder);

            rig.watcher.statusChanges().available(false, "ReceiveMessage on the queue failed: access denied.");

            assertThat(watch.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(recorder.modes).containsExactly(WaitMode.EVENTS, WaitMode.POLLING);
            assertThat(recorder.whys.get(1)).contains("access denied");
            assertThat(count("DescribeExecution")).isPositive();
        }
    }

    @Test
    void afterTheQueueIsClosedWaitsPollAndNewOnesAnnounceNoMode(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofMinutes(10))) {
            ExecutionArn before = rig.session.start(
                    rig.session.stateMachine("wait-then-succeed"), "before-off", Map.of("seconds", 2));
            Recorder waiting = new Recorder();
            Watch running = rig.watch(before, waiting);
            await(() -> waiting.modes.contains(WaitMode.EVENTS), "the first wait waits for events");

            rig.queue.close(); // events turned off in the global configuration
            ExecutionArn after =
                    rig.session.start(rig.session.stateMachine("wait-then-succeed"), "after-off", Map.of("seconds", 1));
            Recorder later = new Recorder();
            Watch polled = rig.watch(after, later);

            assertThat(polled.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(running.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(waiting.modes).containsExactly(WaitMode.EVENTS, WaitMode.POLLING);
            assertThat(waiting.whys.get(1)).contains("is no longer read; waits poll");
            assertThat(later.modes)
                    .as("a wait that never had events says nothing of them")
                    .isEmpty();
        }
    }

    @Test
    void eventsTurnedOffAfterAQueueThatCouldNotBeReadLeaveNewWaitsSilent(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofMinutes(10))) {
            rig.queue.close();
            // The plugin's reader: a new queue URL that cannot be read.
            rig.watcher.statusChanges().available(false, "The event queue cannot be read: access denied.");
            ExecutionArn first = rig.session.start(
                    rig.session.stateMachine("wait-then-succeed"), "unreadable", Map.of("seconds", 1));
            Recorder unreadable = new Recorder();
            Watch polling = rig.watch(first, unreadable);
            await(() -> !unreadable.modes.isEmpty(), "the wait says it polls");

            rig.watcher.eventsOff("Events are off; waits poll.");
            ExecutionArn second = rig.session.start(
                    rig.session.stateMachine("wait-then-succeed"), "events-off", Map.of("seconds", 1));
            Recorder off = new Recorder();
            Watch silent = rig.watch(second, off);

            assertThat(polling.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(silent.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(unreadable.modes).containsExactly(WaitMode.POLLING);
            assertThat(unreadable.whys).singleElement().asString().contains("access denied");
            assertThat(off.modes).isEmpty();
        }
    }

    @Test
    void eventsForExecutionsNobodyWaitsForAreCountedAndCostNothing(MotoServer moto) throws Exception {
        try (Rig rig = new Rig(moto, Duration.ofMinutes(10))) {
            DescribeExecutionResponse other = DescribeExecutionResponse.builder()
                    .executionArn("arn:aws:states:us-east-1:123456789012:execution:someone-else:x")
                    .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:someone-else")
                    .name("x")
                    .status(ExecutionStatus.SUCCEEDED)
                    .startDate(Instant.now())
                    .stopDate(Instant.now())
                    .output("{}")
                    .build();

            rig.watcher.statusChanges().apply(List.of(event(other, true))).get(10, TimeUnit.SECONDS);

            assertThat(rig.watcher.eventCounts().unmatched()).isEqualTo(1);
            assertThat(proxy.getAllServeEvents()).isEmpty();
        }
    }

    private static DescribeExecutionResponse ended(MotoServer moto, ExecutionArn execution) {
        try (var sfn = moto.sfnClient()) {
            return Executions.awaitEnd(sfn, execution.toString(), Duration.ofSeconds(60));
        }
    }

    private static StatusChangeEvent event(DescribeExecutionResponse execution, boolean includeOutput) {
        return StatusChangeEvents.parse(StatusChanges.event(execution, includeOutput))
                .orElseThrow();
    }

    private static long count(String operation) {
        return proxy.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions." + operation)))
                .size();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Not within 30 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Hears modes, statuses and troubles of one watch. */
    static final class Recorder implements WatchListener {
        final List<WaitMode> modes = new CopyOnWriteArrayList<>();
        final List<String> whys = new CopyOnWriteArrayList<>();
        final List<ExecutionState> statuses = new CopyOnWriteArrayList<>();
        final List<String> troubles = new CopyOnWriteArrayList<>();

        @Override
        public void onWaitMode(WaitMode mode, String why) {
            modes.add(mode);
            whys.add(why);
        }

        @Override
        public void onStatus(ExecutionState state) {
            statuses.add(state);
        }

        @Override
        public void onTrouble(String message) {
            troubles.add(message);
        }
    }

    /** A queue and rule in moto, a watcher and the queue's reader, ready when the first receive succeeded. */
    private static final class Rig implements AutoCloseable {
        final MotoSession session;
        final EventBridgeToSqs infra;
        final ExecutionWatcher watcher;
        final QueueClients clients;
        final StatusChangeQueue queue;

        Rig(MotoServer moto, Duration safety) throws InterruptedException {
            session = new MotoSession(moto);
            infra = EventBridgeToSqs.create(moto, "watcher-events-" + NAMES.incrementAndGet());
            watcher = new ExecutionWatcher(WatcherSettings.builder()
                    .describePerSecond(50)
                    .eventSafetyIntervalForTests(safety)
                    .build());
            EventQueueSettings queueSettings = EventQueueSettings.builder(infra.queueUrl())
                    .waitTime(Duration.ofSeconds(1))
                    .build();
            clients = queueSettings.openClients(moto.settings(), MotoServer.credentials());
            queue = new StatusChangeQueue(clients.sqs(), queueSettings, watcher.statusChanges()).start();
            await(() -> queue.stats().available(), "the queue is read");
        }

        Watch watch(ExecutionArn execution, WatchListener listener) {
            ConnectionSettings viaProxy = ConnectionSettings.builder()
                    .region(MotoServer.REGION)
                    .endpointUrl(proxy.baseUrl())
                    .build();
            return watcher.watch(
                    WatchRequest.of(execution, viaProxy, null, OPTIONS), MotoServer.credentials(), listener);
        }

        @Override
        public void close() {
            queue.close();
            clients.close();
            watcher.close();
            infra.close();
            session.close();
        }
    }
}
