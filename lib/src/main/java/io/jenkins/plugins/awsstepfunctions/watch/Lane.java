package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

/**
 * The watches that share one API budget: one account, region and endpoint (Step Functions' quotas are per account
 * and region). Owned by the watcher's loop thread.
 */
final class Lane {

    record Key(String account, String region, String endpoint) {}

    final RateLimiter describe;
    final RateLimiter list;
    final RateLimiter history;
    final RateLimiter definitions;

    /** A DescribeExecution due at {@code at}; a watch has at most one, replaced when it is rescheduled. */
    record Due(WatchState watch, Instant at) {}

    /** DescribeExecution calls due, earliest first. */
    final TreeSet<Due> due = new TreeSet<>(Comparator.comparing(Due::at).thenComparingLong(d -> d.watch().sequence));
    /** With events available, when each watch that reads history reads it next (no DescribeExecution needed). */
    final TreeSet<Due> ticks = new TreeSet<>(Comparator.comparing(Due::at).thenComparingLong(d -> d.watch().sequence));
    /** Calls in flight for this lane: at most {@link WatcherSettings#ioThreads()}, so no lane holds another's. */
    int calls;
    /** Watches that ended and need history reads (final progress, failure report) before they complete. */
    final ArrayDeque<WatchState> finishing = new ArrayDeque<>();
    /** Running watches waiting for a progress read, least recently served first. */
    final ArrayDeque<WatchState> progress = new ArrayDeque<>();

    final Map<StateMachineArn, Group> groups = new HashMap<>();

    /** This lane's I/O threads ({@link WatcherSettings#ioThreads()}): its slow calls hold no other lane's. */
    final ExecutorService io;

    Lane(WatcherSettings settings, ExecutorService io) {
        this.io = io;
        this.describe = new RateLimiter(settings.describePerSecond());
        this.list = new RateLimiter(settings.listPerSecond());
        this.history = new RateLimiter(settings.historyPerSecond());
        this.definitions = new RateLimiter(settings.definitionsPerSecond());
    }

    /** The watches of one state machine; above the batch threshold, ListExecutions checks them together. */
    static final class Group {
        final StateMachineArn stateMachine;
        final Set<WatchState> members = new LinkedHashSet<>();
        Instant nextList = Instant.MAX;
        boolean listInFlight;
        /** ListExecutions was refused (no states:ListExecutions permission): describe each member instead. */
        boolean listDenied;

        String listToken;
        final Set<String> running = new HashSet<>();

        Group(StateMachineArn stateMachine) {
            this.stateMachine = stateMachine;
        }
    }
}
