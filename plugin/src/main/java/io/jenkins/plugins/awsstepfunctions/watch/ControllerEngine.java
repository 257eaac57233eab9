package io.jenkins.plugins.awsstepfunctions.watch;

import hudson.init.Terminator;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The controller-wide engine: one client cache, one execution watcher, and a few threads for the short calls steps
 * make (start, describe, stop). Created on first use with the global DescribeExecution budget (a changed budget
 * applies after a restart); closed when Jenkins shuts down, after which waiting steps resume on the next start.
 */
public final class ControllerEngine {

    private static final int CALL_THREADS = 4;

    private static ControllerEngine instance;

    private final StepFunctionsClients clients = new StepFunctionsClients();
    private final ExecutionWatcher watcher;
    private final ExecutorService calls;

    private ControllerEngine(int describePerSecond) {
        this.watcher = new ExecutionWatcher(WatcherSettings.builder().describePerSecond(describePerSecond).build(),
                clients);
        AtomicInteger count = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(CALL_THREADS, runnable -> {
            Thread thread = new Thread(runnable, "sfn-step-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public static synchronized ControllerEngine get() {
        if (instance == null) {
            StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
            instance = new ControllerEngine(global == null ? WatcherSettings.DEFAULT_DESCRIBE_PER_SECOND
                    : global.getDescribePerSecond());
        }
        return instance;
    }

    public StepFunctionsClients clients() {
        return clients;
    }

    public ExecutionWatcher watcher() {
        return watcher;
    }

    /** For calls that take a moment (never for waiting): they must not run on the Pipeline's CPS thread. */
    public ExecutorService calls() {
        return calls;
    }

    @Terminator
    public static synchronized void shutdown() {
        if (instance != null) {
            instance.watcher.close();
            instance.calls.shutdownNow();
            instance.clients.close();
            instance = null;
        }
    }
}
