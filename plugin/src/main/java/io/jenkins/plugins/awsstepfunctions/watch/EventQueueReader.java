package io.jenkins.plugins.awsstepfunctions.watch;

import hudson.AbortException;
import hudson.Util;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.QueueClients;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueSettings;
import io.jenkins.plugins.awsstepfunctions.events.QueueStats;
import io.jenkins.plugins.awsstepfunctions.events.StatusChangeQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the status-change queue the global configuration names into the engine's watcher, and replaces that reading
 * (never the watcher) when the configuration changes. The queue is read with the global connection settings, its own
 * credential and role where given. A queue that cannot be opened is logged and shown on the configuration page; waits
 * then poll, as they do without a queue.
 *
 * <p>Changes are applied one at a time on a thread of this reader's, so that a form's or Configuration as Code's
 * saves never wait for a queue to close; settings equal to those being read change nothing.
 */
final class EventQueueReader implements AutoCloseable {

    private static final Logger LOGGER = Logger.getLogger(EventQueueReader.class.getName());

    private final ExecutionWatcher watcher;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sfn-events-configuration");
        thread.setDaemon(true);
        return thread;
    });
    /** A change is queued and has not read the configuration yet: later saves need not queue another. */
    private final AtomicBoolean pending = new AtomicBoolean();

    // Guarded by this.
    private Wanted reading;
    private QueueClients clients;
    private StatusChangeQueue queue;
    /** Why the queue the configuration names is not read, or {@code null}. */
    private String problem;

    private boolean closed;

    /** The queue and the connection it is read with: equal values are read on, anything else starts anew. */
    private record Wanted(EventQueueSettings settings, ConnectionResolver.Resolved connection) {}

    EventQueueReader(ExecutionWatcher watcher) {
        this.watcher = watcher;
    }

    /** The global configuration changed (or the engine started): read what it now names, soon, off this thread. */
    void changed() {
        if (pending.compareAndSet(false, true)) {
            try {
                changes.execute(this::apply);
            } catch (RejectedExecutionException closing) {
                // closed with the engine
            }
        }
    }

    private void apply() {
        pending.set(false);
        String url;
        int receivers;
        ConnectionParameters connection;
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        // Descriptor.save() is synchronized: reading under the same lock sees every setter's write.
        synchronized (global) {
            url = Util.fixEmptyAndTrim(global.getEventQueueUrl());
            receivers = global.getEventReceivers();
            connection = global.eventQueueConnection();
        }
        if (url == null) {
            replace(null, null);
            return;
        }
        EventQueueSettings settings;
        try {
            settings = EventQueueSettings.builder(url).receivers(receivers).build();
        } catch (InvalidSettingException e) {
            // The configured text is not echoed: a refused URL may hold a login.
            replace(null, sentence("The configured event queue URL cannot be used: " + e.getMessage()));
            return;
        }
        try {
            replace(
                    new Wanted(settings, ConnectionResolver.resolve(ConnectionResolver.forItem(null), connection)),
                    null);
        } catch (AbortException | RuntimeException e) {
            replace(null, sentence("The event queue " + settings + " cannot be read: " + e.getMessage()));
        }
    }

    /**
     * Only the single changes thread calls this, so replacements keep their order; the lock is held only to swap what
     * is read, never while a queue closes (up to its receivers' join) or clients open (maybe a region lookup).
     */
    private void replace(Wanted wanted, String refused) {
        StatusChangeQueue oldQueue;
        QueueClients oldClients;
        synchronized (this) {
            if (closed || refused == null && problem == null && Objects.equals(wanted, reading)) {
                return;
            }
            oldQueue = queue;
            oldClients = clients;
            queue = null;
            clients = null;
            reading = wanted;
            problem = refused;
        }
        stop(oldQueue, oldClients);
        if (wanted == null && refused == null && oldQueue == null) {
            // Off after a queue that could not be read: no queue to close says so, this does.
            watcher.eventsOff("Events are off; waits poll.");
        }
        String failed = refused;
        if (wanted != null) {
            QueueClients newClients = null;
            StatusChangeQueue newQueue = null;
            try {
                newClients = wanted.settings()
                        .openClients(
                                wanted.connection().settings(),
                                wanted.connection().credentials());
                newQueue = new StatusChangeQueue(newClients.sqs(), wanted.settings(), watcher.statusChanges()).start();
                LOGGER.log(Level.INFO, "Reading AWS Step Functions status-change events from {0}", wanted.settings());
            } catch (RuntimeException e) {
                stop(newQueue, newClients);
                newQueue = null;
                newClients = null;
                failed = sentence("The event queue " + wanted.settings() + " cannot be read: " + e.getMessage());
            }
            synchronized (this) {
                if (closed || reading != wanted) {
                    stop(newQueue, newClients);
                    return;
                }
                queue = newQueue;
                clients = newClients;
                problem = failed;
            }
        }
        if (failed != null) {
            LOGGER.log(Level.WARNING, "{0} Waits poll.", failed);
            watcher.statusChanges().available(false, failed + " Waits poll.");
        }
    }

    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /** Stops reading (bounded: the queue interrupts its receivers); the queue tells the watcher that waits poll. */
    private static void stop(StatusChangeQueue queue, QueueClients clients) {
        if (queue != null) {
            queue.close();
        }
        if (clients != null) {
            clients.close();
        }
    }

    /**
     * What the queue reading is doing and what the waits did with its events, one sentence a line, for the global
     * configuration page. Never a message body, never a secret.
     */
    List<String> status() {
        List<String> lines = new ArrayList<>();
        synchronized (this) {
            if (problem != null) {
                lines.add(problem + " Waits poll.");
            } else if (queue == null) {
                lines.add("The event queue is not read yet (the configuration was just saved).");
            } else {
                lines.add(describe(reading.settings(), queue.stats()));
            }
        }
        EventCounts counts = watcher.eventCounts();
        lines.add("Waits now: " + counts.onEvents() + " waiting for their event, " + counts.polling() + " polling.");
        lines.add("Since Jenkins started: " + counts.applied() + " waits ended by their event alone, "
                + counts.confirmed() + " by an event confirmed with one DescribeExecution call, " + counts.missed()
                + " by the safety check although their event never came (a rule or queue problem); "
                + counts.unmatched() + " events were for executions no wait was waiting for.");
        return lines;
    }

    private static String describe(EventQueueSettings settings, QueueStats stats) {
        String counts = stats.messages() + " messages received, " + stats.statusChanges() + " status changes, "
                + stats.ignored() + " other messages, " + stats.malformed() + " malformed.";
        String lastProblem = stats.lastProblem().map(p -> " Last problem: " + p).orElse("");
        if (stats.available()) {
            return "The queue " + settings + " is read: last receive "
                    + stats.lastReceive().map(EventQueueReader::ago).orElse("unknown") + "; " + counts + lastProblem;
        }
        if (stats.lastProblem().isEmpty()) {
            return "The queue " + settings + " is being opened: its first receive has not answered yet (it waits up"
                    + " to " + settings.waitTime().toSeconds() + " s for a message).";
        }
        return "The queue " + settings + " is failing, so waits poll: "
                + stats.lastProblem().get() + " (" + counts + ")";
    }

    private static String ago(Instant when) {
        return Util.getTimeSpanString(
                        Math.max(0, Duration.between(when, Instant.now()).toMillis())) + " ago";
    }

    /** What the queue being read did so far; empty while none is read. */
    synchronized Optional<QueueStats> stats() {
        return queue == null ? Optional.empty() : Optional.of(queue.stats());
    }

    /** Stops reading for good; with the engine, after the watcher closed (so no wait logs that it polls again). */
    @Override
    public void close() {
        StatusChangeQueue oldQueue;
        QueueClients oldClients;
        synchronized (this) {
            closed = true;
            oldQueue = queue;
            oldClients = clients;
            queue = null;
            clients = null;
        }
        changes.shutdownNow();
        stop(oldQueue, oldClients);
    }
}
