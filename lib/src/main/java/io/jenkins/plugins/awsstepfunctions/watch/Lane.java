package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The watches that share one API budget: one account, region and endpoint (Step Functions' quotas are per account
 * and region). Owned by the watcher's loop thread.
 */
final class Lane {

    record Key(String account, String region, String endpoint) {
    }

    final RateLimiter describe;
    final RateLimiter list;
    final RateLimiter history;

    /** A DescribeExecution due at {@code at}; stale once the watch was rescheduled (its version moved on). */
    record Due(WatchState watch, Instant at, long version) {
    }

    /** DescribeExecution calls due, earliest first. */
    final PriorityQueue<Due> due = new PriorityQueue<>(Comparator.comparing(Due::at));
    /** Watches that ended and need history reads (final progress, failure report) before they complete. */
    final ArrayDeque<WatchState> finishing = new ArrayDeque<>();
    /** Running watches waiting for a progress read, least recently served first. */
    final ArrayDeque<WatchState> progress = new ArrayDeque<>();
    final Map<StateMachineArn, Group> groups = new HashMap<>();

    Lane(WatcherSettings settings) {
        this.describe = new RateLimiter(settings.describePerSecond());
        this.list = new RateLimiter(settings.listPerSecond());
        this.history = new RateLimiter(settings.historyPerSecond());
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
