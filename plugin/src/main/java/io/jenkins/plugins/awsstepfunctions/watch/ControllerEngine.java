package io.jenkins.plugins.awsstepfunctions.watch;

import hudson.init.Terminator;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import java.lang.ref.WeakReference;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionList;

/**
 * The controller-wide engine: one client cache, one execution watcher, and threads for the short calls steps make
 * (start, describe, stop). Created on first use with the global DescribeExecution budget (a changed budget
 * applies after a restart).
 *
 * <p>Stopped when Jenkins shuts down, after every Pipeline has been suspended and its program saved, so that what
 * the engine's stop does to pending work (watches end with {@link WatcherClosedException}, calls are interrupted)
 * never reaches a saved program: steps see {@link #isStopping()} and leave their outcome open, and resume after the
 * restart.
 */
public final class ControllerEngine {

    private static ControllerEngine instance;
    /** The Jenkins that stopped its engine: no new engine for it (a later Jenkins in the same JVM gets one). */
    private static WeakReference<Jenkins> stoppedWith = new WeakReference<>(null);

    private final StepFunctionsClients clients = new StepFunctionsClients();
    private final ExecutionWatcher watcher;
    private final ExecutorService calls;
    private volatile boolean stopping;

    private ControllerEngine(int describePerSecond) {
        this.watcher = new ExecutionWatcher(
                WatcherSettings.builder().describePerSecond(describePerSecond).build(), clients);
        AtomicInteger count = new AtomicInteger();
        // Threads on demand (idle ones end after a minute): a slow endpoint's calls, each with a deadline, hold
        // threads of their own and never the calls of steps on other endpoints.
        this.calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "sfn-step-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @throws EngineStoppedException once Jenkins is shutting down and the engine has stopped */
    public static synchronized ControllerEngine get() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        if (jenkins != null && stoppedWith.get() == jenkins) {
            throw new EngineStoppedException();
        }
        if (instance == null) {
            StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
            instance = new ControllerEngine(
                    global == null ? WatcherSettings.DEFAULT_DESCRIBE_PER_SECOND : global.getDescribePerSecond());
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

    /**
     * Whether this engine is stopping with Jenkins: a failure now (a closed watch, an interrupted call) is the
     * shutdown's doing, not the step's outcome.
     */
    public boolean isStopping() {
        return stopping;
    }

    @Terminator(requires = FlowExecutionList.EXECUTIONS_SUSPENDED)
    public static void shutdown() {
        ControllerEngine engine;
        synchronized (ControllerEngine.class) {
            stoppedWith = new WeakReference<>(Jenkins.getInstanceOrNull());
            engine = instance;
            instance = null;
        }
        if (engine != null) {
            engine.stopping = true;
            engine.watcher.close();
            engine.calls.shutdownNow();
            engine.clients.close();
        }
    }
}
