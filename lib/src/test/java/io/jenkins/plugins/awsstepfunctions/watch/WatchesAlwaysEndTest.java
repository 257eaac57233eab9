package io.jenkins.plugins.awsstepfunctions.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.MotoSession;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Every watch handed out ends (with a result, a failure or {@link WatcherClosedException}) whatever happens around
 * it: a concurrent close, a listener that blocks or throws an Error, a credentials provider that throws an Error;
 * and finished watches are not kept.
 */
@ExtendWith(MotoExtension.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class WatchesAlwaysEndTest {

    private static final WatchOptions FAST = WatchOptions.builder()
            .pollInterval(Duration.ofSeconds(1))
            .firstCheck(Duration.ofMillis(100))
            .build();

    private static MotoServer moto;
    private static MotoSession session;
    private static String waiting;

    @BeforeAll
    static void connect(MotoServer server) {
        moto = server;
        session = new MotoSession(moto);
        waiting = session.stateMachine("wait-then-succeed");
    }

    @AfterAll
    static void disconnect() {
        session.close();
    }

    private static ExecutionArn start(String stateMachine, String name, Map<String, ?> input) {
        return session.start(stateMachine, name, input);
    }

    private static WatchRequest request(ExecutionArn execution, Instant deadline) {
        return WatchRequest.of(execution, moto.settings(), deadline, FAST);
    }

    @Test
    void everyWatchHandedOutWhileAnotherThreadClosesTheWatcherEnds() throws Exception {
        ExecutionArn execution = start(waiting, "racing-close", Map.of("seconds", 120));
        int pending = 0;
        int handedOut = 0;
        for (int round = 0; round < 20; round++) {
            ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults());
            List<Watch> watches = new CopyOnWriteArrayList<>();
            ExecutorService callers = Executors.newFixedThreadPool(4);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                running.add(callers.submit(() -> {
                    go.await();
                    while (true) {
                        try {
                            watches.add(watcher.watch(request(execution, null), MotoServer.credentials(), null));
                        } catch (IllegalStateException closed) {
                            return null;
                        }
                    }
                }));
            }
            go.countDown();
            while (watches.size() < 50 * (round % 5 + 1)) {
                Thread.onSpinWait();
            }
            watcher.close();
            for (Future<?> caller : running) {
                caller.get(30, TimeUnit.SECONDS);
            }
            callers.shutdown();
            handedOut += watches.size();
            pending += (int) watches.stream().filter(w -> !w.result().isDone()).count();
        }
        assertThat(handedOut).isGreaterThan(1000);
        assertThat(pending).as("watches still pending after close() returned").isZero();
        session.stop(execution);
    }

    @Test
    void closeEndsEveryWatchWhileListenersBlock() throws Exception {
        ExecutionArn execution = start(waiting, "blocked-listeners", Map.of("seconds", 120));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        WatchListener blocking = new WatchListener() {
            @Override
            public void onStatus(ExecutionState state) {
                blocked.incrementAndGet();
                awaitQuietly(release);
            }

            @Override
            public void onProgress(ProgressEvent event) {
                awaitQuietly(release);
            }
        };
        ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults());
        List<Watch> watches = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                watches.add(watcher.watch(
                        WatchRequest.of(
                                execution,
                                moto.settings(),
                                null,
                                WatchOptions.builder()
                                        .pollInterval(Duration.ofSeconds(1))
                                        .firstCheck(Duration.ofMillis(100))
                                        .progress(true)
                                        .build()),
                        MotoServer.credentials(),
                        blocking));
            }
            ExecutionWatcherTest.awaitCondition(() -> blocked.get() > 0);

            watcher.close();

            assertThat(watches)
                    .allSatisfy(w -> assertThatThrownBy(() -> w.result().get(0, TimeUnit.SECONDS))
                            .isInstanceOf(ExecutionException.class)
                            .cause()
                            .isInstanceOf(WatcherClosedException.class));
        } finally {
            release.countDown();
            session.stop(execution);
        }
    }

    @Test
    void aBlockingListenerNeitherKeepsItsResultNorDelaysOtherWatches() throws Exception {
        String pass = session.stateMachine("pass");
        CountDownLatch release = new CountDownLatch(1);
        WatchListener blocking = new WatchListener() {
            @Override
            public void onStatus(ExecutionState state) {
                awaitQuietly(release);
            }
        };
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            Watch stuck = watcher.watch(
                    request(start(pass, "stuck-listener", Map.of()), null), MotoServer.credentials(), blocking);
            List<Watch> others = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                others.add(watcher.watch(
                        request(start(pass, "free-listener-" + i, Map.of()), null),
                        MotoServer.credentials(),
                        WatchListener.NONE));
            }

            for (Watch other : others) {
                assertThat(other.result()
                                .get(60, TimeUnit.SECONDS)
                                .description()
                                .state())
                        .isEqualTo(ExecutionState.SUCCEEDED);
            }
            assertThat(stuck.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
            assertThat(release.getCount()).as("the listener is still blocked").isEqualTo(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void anErrorFromAListenerEndsThatWatchWithAClearFailureAndNoOther() throws Exception {
        String pass = session.stateMachine("pass");
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            Watch failing = watcher.watch(
                    request(start(pass, "asserting-listener", Map.of()), null),
                    MotoServer.credentials(),
                    new WatchListener() {
                        @Override
                        public void onStatus(ExecutionState state) {
                            throw new AssertionError("listener broke");
                        }
                    });
            Watch healthy = watcher.watch(
                    request(start(pass, "healthy-listener", Map.of()), null),
                    MotoServer.credentials(),
                    WatchListener.NONE);

            assertThatThrownBy(() -> failing.result().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(WatchFailedException.class)
                    .hasMessageContaining("asserting-listener")
                    .hasMessageContaining("AssertionError: listener broke");
            assertThat(healthy.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
        }
    }

    @Test
    void anErrorFromACredentialsProviderEndsThatWatchWithAClearFailureAndNoOther() throws Exception {
        String pass = session.stateMachine("pass");
        AwsCredentialsProvider broken = () -> {
            throw new NoClassDefFoundError("com/example/MissingCredentialsClass");
        };
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            Watch failing = watcher.watch(
                    request(start(pass, "broken-provider", Map.of()), null),
                    CredentialsSource.provided("broken-provider", broken),
                    WatchListener.NONE);
            Watch healthy = watcher.watch(
                    request(start(pass, "healthy-provider", Map.of()), null),
                    MotoServer.credentials(),
                    WatchListener.NONE);

            assertThatThrownBy(() -> failing.result().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(WatchFailedException.class)
                    .hasMessageContaining("broken-provider")
                    .hasMessageContaining("NoClassDefFoundError");
            assertThat(healthy.result().get(60, TimeUnit.SECONDS).description().state())
                    .isEqualTo(ExecutionState.SUCCEEDED);
        }
    }

    @Test
    void finishedWatchesAreNotKeptWhileAWatchWithAnEarlierDeadlineRuns() throws Exception {
        String pass = session.stateMachine("pass");
        ExecutionArn longRunning = start(waiting, "earlier-deadline", Map.of("seconds", 120));
        List<WeakReference<WatchListener>> listeners = new ArrayList<>();
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults())) {
            Watch first = watcher.watch(
                    request(longRunning, Instant.now().plus(Duration.ofHours(1))),
                    MotoServer.credentials(),
                    WatchListener.NONE);
            List<Watch> finished = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                WatchListener listener = new WatchListener() {};
                listeners.add(new WeakReference<>(listener));
                finished.add(watcher.watch(
                        request(
                                start(pass, "finished-" + i, Map.of()),
                                Instant.now().plus(Duration.ofHours(2))),
                        MotoServer.credentials(),
                        listener));
            }
            for (Watch watch : finished) {
                watch.result().get(60, TimeUnit.SECONDS);
            }
            finished.clear();

            int kept = listeners.size();
            for (int gc = 0; gc < 50 && kept > 0; gc++) {
                System.gc();
                Thread.sleep(20);
                kept = (int) listeners.stream().filter(ref -> ref.get() != null).count();
            }
            assertThat(kept).as("finished watches still referenced").isZero();
            assertThat(first.result()).isNotDone();
        } finally {
            session.stop(longRunning);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
