package io.jenkins.plugins.awsstepfunctions.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.StartRequest;
import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Watching real executions in moto: results, failures, deadlines, cancellation, progress, resume and close. */
@ExtendWith(MotoExtension.class)
class ExecutionWatcherTest {

    private static final WatchOptions FAST = WatchOptions.builder()
            .pollInterval(Duration.ofSeconds(1))
            .firstCheck(Duration.ofMillis(100))
            .build();

    private static MotoServer moto;
    private static StepFunctionsClients clients;
    private static ClientLease lease;
    private static StepFunctionsOperations operations;
    private ExecutionWatcher watcher;

    @BeforeAll
    static void connect(MotoServer server) {
        moto = server;
        clients = new StepFunctionsClients();
        lease = clients.lease(moto.settings(), MotoServer.credentials());
        operations = new StepFunctionsOperations(lease.sfn());
    }

    @AfterAll
    static void disconnect() {
        lease.close();
        clients.close();
    }

    @BeforeEach
    void startWatcher() {
        watcher = new ExecutionWatcher(WatcherSettings.defaults());
    }

    @AfterEach
    void closeWatcher() {
        watcher.close();
    }

    private static ExecutionArn start(String definition, String name, Map<String, ?> input) {
        String stateMachine = StateMachines.create(lease.sfn(), definition);
        return operations
                .start(StartRequest.builder()
                        .stateMachineArn(stateMachine)
                        .name(name)
                        .input(ExecutionInput.of("input", input))
                        .build())
                .executionArn();
    }

    private Watch watch(ExecutionArn execution, WatchOptions options, Instant deadline, WatchListener listener) {
        return watcher.watch(
                WatchRequest.of(execution, moto.settings(), deadline, options), MotoServer.credentials(), listener);
    }

    private static WatchResult await(Watch watch) throws Exception {
        return watch.result().get(60, TimeUnit.SECONDS);
    }

    @Test
    void succeededExecutionCompletesWithItsOutput() throws Exception {
        ExecutionArn execution = start("wait-then-succeed", "ok", Map.of("seconds", 1));

        WatchResult result = await(watch(execution, FAST, null, WatchListener.NONE));

        assertThat(result.description().state()).isEqualTo(ExecutionState.SUCCEEDED);
        assertThat(result.failureReport()).isEmpty();
        assertThat(watcher.activeWatches()).isZero();
    }

    @Test
    void failedExecutionCompletesWithTheFailureReport() throws Exception {
        ExecutionArn execution = start("map-fail", "fails", Map.of("items", List.of(1, 2, 3)));

        WatchResult result = await(watch(execution, FAST, null, WatchListener.NONE));

        assertThat(result.description().state()).isEqualTo(ExecutionState.FAILED);
        assertThat(result.failureReport()).hasValueSatisfying(report -> {
            assertThat(report.failedState()).contains("RejectItem");
            assertThat(report.enclosingStates()).containsExactly("Each[1]");
        });
    }

    @Test
    void deadlineEndsTheWaitAndLeavesTheExecutionRunning() throws Exception {
        ExecutionArn execution = start("wait-then-succeed", "slow", Map.of("seconds", 60));

        Watch watch = watch(execution, FAST, Instant.now().plusSeconds(1), WatchListener.NONE);

        assertThatThrownBy(() -> await(watch))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(WatchTimeoutException.class)
                .hasMessageContaining("keeps running in Step Functions");
        assertThat(operations.describe(execution).state()).isEqualTo(ExecutionState.RUNNING);
        operations.stop(execution, "Test.Cleanup", "done");
    }

    @Test
    void cancelledWatchStopsCheckingAndLeavesTheExecutionAlone() throws Exception {
        ExecutionArn execution = start("wait-then-succeed", "cancelled", Map.of("seconds", 60));
        List<ExecutionState> seen = new CopyOnWriteArrayList<>();
        Watch watch = watch(execution, FAST, null, new WatchListener() {
            @Override
            public void onStatus(ExecutionState state) {
                seen.add(state);
            }
        });
        awaitCondition(() -> !seen.isEmpty());

        watch.cancel();

        assertThatThrownBy(() -> await(watch)).isInstanceOf(CancellationException.class);
        awaitCondition(() -> watcher.activeWatches() == 0);
        assertThat(operations.describe(execution).state()).isEqualTo(ExecutionState.RUNNING);
        operations.stop(execution, "Test.Cleanup", "done");
    }

    @Test
    void executionNotVisibleYetIsAwaitedDuringTheGracePeriod() throws Exception {
        String stateMachine = StateMachines.create(lease.sfn(), "wait-then-succeed");
        ExecutionArn future = StateMachineArn.parse("arn", stateMachine).execution("later");
        Watch watch = watch(future, FAST, null, WatchListener.NONE);

        Thread.sleep(500);
        operations.start(StartRequest.builder()
                .stateMachineArn(stateMachine)
                .name("later")
                .input(ExecutionInput.of("input", Map.of("seconds", 1)))
                .build());

        assertThat(await(watch).description().state()).isEqualTo(ExecutionState.SUCCEEDED);
    }

    @Test
    void executionThatNeverAppearsFailsAfterTheGracePeriod() {
        String stateMachine = StateMachines.create(lease.sfn(), "pass");
        ExecutionArn missing = StateMachineArn.parse("arn", stateMachine).execution("never");
        WatchOptions shortGrace = WatchOptions.builder()
                .pollInterval(Duration.ofSeconds(1))
                .firstCheck(Duration.ofMillis(100))
                .notVisibleGrace(Duration.ofSeconds(1))
                .build();

        Watch watch = watch(missing, shortGrace, null, WatchListener.NONE);

        assertThatThrownBy(() -> await(watch))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(StepFunctionsException.class)
                .hasMessageContaining("the execution does not exist");
    }

    @Test
    void progressComesInOrderWithoutDuplicates() throws Exception {
        ExecutionArn execution = start("map", "progress", Map.of("items", List.of(1, 2, 3)));
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        WatchOptions withProgress = WatchOptions.builder()
                .pollInterval(Duration.ofSeconds(1))
                .firstCheck(Duration.ofMillis(100))
                .progress(true)
                .build();

        Watch watch = watch(execution, withProgress, null, new WatchListener() {
            @Override
            public void onProgress(ProgressEvent event) {
                events.add(event);
            }
        });
        await(watch);

        assertThat(events).extracting(ProgressEvent::eventId).isSorted().doesNotHaveDuplicates();
        assertThat(events)
                .extracting(ProgressEvent::describe)
                .contains(
                        "entered Map state 'Double'",
                        "Map state 'Double': 3 of 3 iterations started, 3 succeeded, 0 failed")
                .anyMatch(line -> line.matches("left state 'Double' after \\d+\\.\\d s"));
        assertThat(events)
                .as("nested states are summarised, not listed")
                .noneMatch(e -> "Times2".equals(e.stateName()));
        assertThat(watch.progressCursor())
                .isEqualTo(events.get(events.size() - 1).eventId());
    }

    @Test
    void watchResumesFromItsSerialisedRequestWithoutRepeatingProgress() throws Exception {
        ExecutionArn execution = start("wait-then-succeed", "resumed", Map.of("seconds", 2));
        WatchOptions withProgress = WatchOptions.builder()
                .pollInterval(Duration.ofSeconds(1))
                .firstCheck(Duration.ofMillis(100))
                .progress(true)
                .build();
        List<ProgressEvent> before = new CopyOnWriteArrayList<>();
        Watch first = watch(execution, withProgress, null, new WatchListener() {
            @Override
            public void onProgress(ProgressEvent event) {
                before.add(event);
            }
        });
        awaitCondition(() -> !before.isEmpty());
        byte[] saved = serialise(first.request().withProgressAfter(first.progressCursor()));
        watcher.close();

        WatchRequest restored = (WatchRequest) deserialise(saved);
        List<ProgressEvent> after = new CopyOnWriteArrayList<>();
        try (ExecutionWatcher restarted = new ExecutionWatcher(WatcherSettings.defaults())) {
            WatchResult result = restarted
                    .watch(restored, MotoServer.credentials(), new WatchListener() {
                        @Override
                        public void onProgress(ProgressEvent event) {
                            after.add(event);
                        }
                    })
                    .result()
                    .get(60, TimeUnit.SECONDS);

            assertThat(result.description().state()).isEqualTo(ExecutionState.SUCCEEDED);
        }
        assertThat(restored).isEqualTo(first.request().withProgressAfter(first.progressCursor()));
        assertThat(before).extracting(ProgressEvent::describe).contains("entered Wait state 'Wait'");
        assertThat(after)
                .extracting(ProgressEvent::eventId)
                .allMatch(id -> id > before.get(before.size() - 1).eventId());
        assertThat(after)
                .extracting(ProgressEvent::describe)
                .contains("left state 'Wait'")
                .doesNotContain("entered Wait state 'Wait'");
    }

    @Test
    void closingCompletesEveryWatchAndStopsTheThreads() throws Exception {
        ExecutionArn execution = start("wait-then-succeed", "closed", Map.of("seconds", 60));
        Watch watch = watch(execution, FAST, null, WatchListener.NONE);

        watcher.close();

        assertThatThrownBy(() -> await(watch))
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(WatcherClosedException.class);
        assertThat(watcherThreads()).isZero();
        assertThatThrownBy(() -> watch(execution, FAST, null, WatchListener.NONE))
                .isInstanceOf(IllegalStateException.class);
        operations.stop(execution, "Test.Cleanup", "done");
    }

    @Test
    void manyWatchesShareAFixedNumberOfThreads() throws Exception {
        String stateMachine = StateMachines.create(lease.sfn(), "wait-then-succeed");
        List<Watch> watches = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ExecutionArn execution = operations
                    .start(StartRequest.builder()
                            .stateMachineArn(stateMachine)
                            .name("many-" + i)
                            .input(ExecutionInput.of("input", Map.of("seconds", 2)))
                            .build())
                    .executionArn();
            watches.add(watch(execution, FAST, null, WatchListener.NONE));
        }
        int threadsWhileWaiting = watcherThreads();

        for (Watch watch : watches) {
            assertThat(await(watch).description().state()).isEqualTo(ExecutionState.SUCCEEDED);
        }

        assertThat(threadsWhileWaiting)
                .as("watcher threads for 60 watches of one account and region")
                .isLessThanOrEqualTo(1 + WatcherSettings.DEFAULT_IO_THREADS + ListenerCalls.THREADS);
    }

    static int watcherThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sfn-watcher-") && t.isAlive())
                .count();
    }

    static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("condition reached in time").isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private static byte[] serialise(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static Object deserialise(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
