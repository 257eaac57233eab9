package io.jenkins.plugins.awsstepfunctions.bench;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.connection.QueueClients;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueSettings;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeQueue;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.watch.ExecutionWatcher;
import io.jenkins.plugins.awsstepfunctions.watch.WatchListener;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;
import io.jenkins.plugins.awsstepfunctions.watch.WatchRequest;
import io.jenkins.plugins.awsstepfunctions.watch.WatcherSettings;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our watcher against the thread-per-wait baseline (sleep, then DescribeExecution, as peer plugins do), at the same
 * numbers of concurrent waits, in one process, against {@link ScheduledExecutionsEndpoint}. Prints one line per run:
 * {@code bench=watcher|baseline waits=N threads_peak=… heap_peak_mb=… api_calls=… api_calls_per_s_peak=…
 * detect_ms_p50=… detect_ms_p99=… wall_s=…}, where detect is the time from an execution's scheduled end to the
 * completion of its wait.
 *
 * <p>Run with {@code mvn -B -f lib/pom.xml -Pbenchmark verify}; system properties {@code bench.waits} (comma
 * separated), {@code bench.window} (seconds over which executions end), {@code bench.poll} (seconds),
 * {@code bench.describe} and {@code bench.list} (the watcher's calls per second), {@code bench.io} (its I/O threads)
 * and {@code bench.kinds} change the set-up.
 */
public final class WatcherBenchmark {

    private static final int EXECUTIONS_PER_STATE_MACHINE = 1000;
    private static final String ACCOUNT = "123456789012";
    private static final CredentialsSource KEYS = CredentialsSource.staticKeys("AKIABENCHMARK0000001", "secret", null);

    private final int window = Integer.getInteger("bench.window", 120);
    private final int poll = Integer.getInteger("bench.poll", 5);
    private final int describeBudget = Integer.getInteger("bench.describe", 200);
    private final int listBudget = Integer.getInteger("bench.list", 10);
    private final int ioThreads = Integer.getInteger("bench.io", 16);
    private final Random random = new Random(7);

    public static void main(String[] args) throws Exception {
        WatcherBenchmark benchmark = new WatcherBenchmark();
        int[] sizes = Arrays.stream(
                        System.getProperty("bench.waits", "100,1000,10000").split(","))
                .map(String::trim)
                .mapToInt(Integer::parseInt)
                .toArray();
        System.out.printf(
                Locale.ROOT,
                "# executions end uniformly over %d s; poll interval %d s; watcher budget:"
                        + " DescribeExecution %d/s + ListExecutions %d/s = %d/s per account and region; watcher I/O"
                        + " threads %d; %d cores%n",
                benchmark.window,
                benchmark.poll,
                benchmark.describeBudget,
                benchmark.listBudget,
                benchmark.describeBudget + benchmark.listBudget,
                benchmark.ioThreads,
                Runtime.getRuntime().availableProcessors());
        List<String> kinds =
                List.of(System.getProperty("bench.kinds", "watcher,baseline").split(","));
        for (int waits : sizes) {
            for (String kind : kinds) {
                System.out.println(benchmark.run(kind.trim(), waits));
            }
        }
        System.exit(0);
    }

    private String run(String kind, int waits) throws Exception {
        System.gc();
        ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (ScheduledExecutionsEndpoint endpoint = new ScheduledExecutionsEndpoint()) {
            if (kind.equals("events")) {
                endpoint.publishEvents();
            }
            long startMillis = System.currentTimeMillis();
            List<ExecutionArn> executions = new ArrayList<>();
            List<Long> ends = new ArrayList<>();
            for (int i = 0; i < waits; i++) {
                String stateMachine = "arn:aws:states:us-east-1:" + ACCOUNT + ":stateMachine:bench-"
                        + (i / EXECUTIONS_PER_STATE_MACHINE);
                String execution = "arn:aws:states:us-east-1:" + ACCOUNT + ":execution:bench-"
                        + (i / EXECUTIONS_PER_STATE_MACHINE) + ":e" + i;
                long end = startMillis + 1000 + (long) (random.nextDouble() * window * 1000);
                endpoint.schedule(stateMachine, execution, end);
                executions.add(ExecutionArn.parse("executionArn", execution));
                ends.add(end);
            }
            ConnectionSettings connection = ConnectionSettings.builder()
                    .region("us-east-1")
                    .endpointUrl(endpoint.endpoint().toString())
                    .clientSettings(ClientSettings.fromMap("clientConfig", Map.of("max_pool_connections", 200)))
                    .build();
            endpoint.resetCounts();
            threadBean.resetPeakThreadCount();
            AtomicLong heapPeak = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(
                    () -> heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max),
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
            ConcurrentLinkedQueue<Long> detect = new ConcurrentLinkedQueue<>();
            long wallStart = System.nanoTime();
            if (kind.equals("watcher")) {
                runWatcher(connection, executions, ends, detect, null);
            } else if (kind.equals("events")) {
                runWatcher(connection, executions, ends, detect, endpoint.queueUrl());
            } else if (kind.equals("baseline")) {
                runBaseline(connection, executions, ends, detect);
            } else {
                throw new IllegalArgumentException("bench.kinds: no kind " + kind + "; use watcher, events, baseline");
            }
            double wall = (System.nanoTime() - wallStart) / 1e9;
            sampler.shutdownNow();
            long[] sorted = detect.stream().mapToLong(Long::longValue).sorted().toArray();
            Map<String, Long> byOperation = endpoint.callsByOperation();
            return String.format(
                    Locale.ROOT,
                    "bench=%s waits=%d threads_peak=%d heap_peak_mb=%d api_calls=%d"
                            + " api_calls_per_s_peak=%d describe_per_wait=%.2f calls_by_operation=%s"
                            + " detect_ms_p50=%d detect_ms_p99=%d wall_s=%.1f",
                    kind,
                    waits,
                    threadBean.getPeakThreadCount(),
                    heapPeak.get() / (1024 * 1024),
                    endpoint.calls(),
                    endpoint.peakCallsPerSecond(),
                    byOperation.getOrDefault("DescribeExecution", 0L) / (double) waits,
                    byOperation.toString().replace(" ", ""),
                    percentile(sorted, 50),
                    percentile(sorted, 99),
                    wall);
        }
    }

    /** The watcher polling, or with {@code queueUrl} waiting for status-change events from that queue. */
    private void runWatcher(
            ConnectionSettings connection,
            List<ExecutionArn> executions,
            List<Long> ends,
            ConcurrentLinkedQueue<Long> detect,
            String queueUrl)
            throws InterruptedException {
        CountDownLatch done = new CountDownLatch(executions.size());
        WatchOptions options =
                WatchOptions.builder().pollInterval(Duration.ofSeconds(poll)).build();
        EventQueueSettings queueSettings =
                queueUrl == null ? null : EventQueueSettings.builder(queueUrl).build();
        try (ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.builder()
                        .describePerSecond(describeBudget)
                        .listPerSecond(listBudget)
                        .ioThreads(ioThreads)
                        .build());
                QueueClients queueClients = queueSettings == null ? null : queueSettings.openClients(connection, KEYS);
                StatusChangeQueue queue = queueSettings == null
                        ? null
                        : new StatusChangeQueue(queueClients.sqs(), queueSettings, watcher.statusChanges()).start()) {
            while (queue != null && !queue.stats().available()) {
                Thread.sleep(10);
            }
            for (int i = 0; i < executions.size(); i++) {
                long end = ends.get(i);
                watcher.watch(WatchRequest.of(executions.get(i), connection, null, options), KEYS, WatchListener.NONE)
                        .result()
                        .whenComplete((result, error) -> {
                            if (error == null && result.description().state() == ExecutionState.SUCCEEDED) {
                                detect.add(System.currentTimeMillis() - end);
                            }
                            done.countDown();
                        });
            }
            done.await();
        }
    }

    /** One platform thread per wait: sleep the poll interval, describe, repeat; as pipeline-aws and Airflow's poke do. */
    private void runBaseline(
            ConnectionSettings connection,
            List<ExecutionArn> executions,
            List<Long> ends,
            ConcurrentLinkedQueue<Long> detect)
            throws InterruptedException {
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(connection, KEYS)) {
            StepFunctionsOperations operations = new StepFunctionsOperations(lease.sfn());
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < executions.size(); i++) {
                ExecutionArn execution = executions.get(i);
                long end = ends.get(i);
                long firstSleep = (long) (random.nextDouble() * poll * 1000);
                Thread thread = new Thread(
                        () -> {
                            long sleep = firstSleep;
                            while (true) {
                                try {
                                    Thread.sleep(sleep);
                                    if (operations.describe(execution).state().isFinished()) {
                                        detect.add(System.currentTimeMillis() - end);
                                        return;
                                    }
                                } catch (InterruptedException e) {
                                    return;
                                } catch (RuntimeException transientError) {
                                    // a peer would fail the build; the baseline tries again at the next poll
                                }
                                sleep = poll * 1000L;
                            }
                        },
                        "baseline-wait-" + i);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
