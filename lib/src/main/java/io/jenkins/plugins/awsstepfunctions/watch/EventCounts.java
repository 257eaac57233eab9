package io.jenkins.plugins.awsstepfunctions.watch;

/**
 * What the watcher did with status-change events, and which mode its waits are in.
 *
 * @param applied waits completed from an event alone
 * @param confirmed events checked with one DescribeExecution (output too large for the event, or an event older
 *     than the wait, e.g. after a restart)
 * @param unmatched events for executions no wait was waiting for
 * @param missed executions the slow check found ended without their event (a rule or queue problem)
 * @param onEvents waits now waiting for an event
 * @param polling waits now polling
 */
public record EventCounts(long applied, long confirmed, long unmatched, long missed, int onEvents, int polling) {}
