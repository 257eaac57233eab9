package io.jenkins.plugins.awsstepfunctions.watch;

import hudson.init.Terminator;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.events.QueueStats;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.flow.FlowExecutionList;

/**
 * The controller-wide engine: one client cache, one execution watcher, the reading of the status-change event queue
 * (if the global configuration names one), and threads for the short calls steps make (start, describe, stop).
 * Created on first use with the global DescribeExecution budget and event safety interval (a changed value applies
 * after a restart); a changed event queue applies at once.
 *
 * <p>Stopped when Jenkins shuts down, after every Pipeline has been suspended and its program saved, so that what
 * the engine's stop does to pending work (watches end with {@link WatcherClosedException}, calls are interrupted)
 * never reaches a saved program: steps see {@link #isStopping()} and leave their outcome open, and resume after the
 * restart.
 */
public final class ControllerEngine {

    private static final Logger LOGGER = Logger.getLogger(ControllerEngine.class.getName());

    private static ControllerEngine instance;
    /** The Jenkins that stopped its engine: no new engine for it (a later Jenkins in the same JVM gets one). */
    private static WeakReference<Jenkins> stoppedWith = new WeakReference<>(null);

    private final StepFunctionsClients clients = new StepFunctionsClients();
    private final ExecutionWatcher watcher;
    private final Duration eventSafetyInterval;
    private final EventQueueReader events;
    private final ExecutorService calls;
    private volatile boolean stopping;

    private ControllerEngine(int describePerSecond, Duration eventSafetyInterval) {
        this.eventSafetyInterval = eventSafetyInterval;
        this.watcher = new ExecutionWatcher(
                WatcherSettings.builder()
                        .describePerSecond(describePerSecond)
                        .eventSafetyInterval(eventSafetyInterval)
                        .build(),
                clients);
        this.events = new EventQueueReader(watcher);
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
            instance = global == null
                    ? new ControllerEngine(
                            WatcherSettings.DEFAULT_DESCRIBE_PER_SECOND, WatcherSettings.DEFAULT_EVENT_SAFETY_INTERVAL)
                    : new ControllerEngine(global.getDescribePerSecond(), eventSafetyInterval(global));
            instance.events.changed();
        }
        return instance;
    }

    /** The engine if one runs; never starts one (for pages that only show what it does). */
    public static synchronized ControllerEngine running() {
        return instance;
    }

    /** The global configuration was saved: a running engine reads the event queue it now names, or stops reading. */
    public static void eventQueueChanged() {
        ControllerEngine engine = running();
        if (engine != null) {
            engine.events.changed();
        }
    }

    /** A value the form or Configuration as Code let through but the watcher refuses must not stop every step. */
    private static Duration eventSafetyInterval(StepFunctionsGlobalConfiguration global) {
        Duration configured = Duration.ofMinutes(global.getEventSafetyInterval());
        if (configured.compareTo(WatcherSettings.MIN_EVENT_SAFETY_INTERVAL) < 0
                || configured.compareTo(WatcherSettings.MAX_EVENT_SAFETY_INTERVAL) > 0) {
            LOGGER.log(
                    Level.WARNING,
                    "eventSafetyInterval: {0} minutes is not allowed (use {1} to {2}); using {3} minutes",
                    new Object[] {
                        global.getEventSafetyInterval(),
                        WatcherSettings.MIN_EVENT_SAFETY_INTERVAL.toMinutes(),
                        WatcherSettings.MAX_EVENT_SAFETY_INTERVAL.toMinutes(),
                        WatcherSettings.DEFAULT_EVENT_SAFETY_INTERVAL.toMinutes()
                    });
            return WatcherSettings.DEFAULT_EVENT_SAFETY_INTERVAL;
        }
        return configured;
    }

    public StepFunctionsClients clients() {
        return clients;
    }

    public ExecutionWatcher watcher() {
        return watcher;
    }

    /** While status-change events flow, how often each wait is still checked in case its event is lost. */
    public Duration eventSafetyInterval() {
        return eventSafetyInterval;
    }

    /** What the event queue reading and the waits are doing, one sentence a line (the global configuration's status). */
    public List<String> eventStatus() {
        return events.status();
    }

    /** What the event queue being read did so far; empty while none is read. */
    public Optional<QueueStats> eventQueueStats() {
        return events.stats();
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
            // After the watcher: a closing queue tells the waits to poll, which they must not log while Jenkins stops.
            engine.events.close();
            engine.calls.shutdownNow();
            engine.clients.close();
        }
    }
}
