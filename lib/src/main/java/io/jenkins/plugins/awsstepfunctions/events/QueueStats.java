package io.jenkins.plugins.awsstepfunctions.events;

import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link StatusChangeQueue} has done since it started, for the global configuration page and the benchmark.
 *
 * @param messages messages received (a message received twice counts twice)
 * @param statusChanges messages that were Step Functions status changes
 * @param ignored messages that were something else (another event, an SNS subscription confirmation)
 * @param malformed messages that claimed to be a status change and could not be read (deleted)
 * @param deleted messages deleted after they were applied or set aside
 * @param receiveCalls ReceiveMessage calls, answered or not
 * @param deleteCalls DeleteMessageBatch calls
 * @param failedReceives ReceiveMessage calls that failed
 * @param lastReceive when a ReceiveMessage call last succeeded
 * @param lastProblem the latest failure or malformed message, as a sentence (never a message body)
 */
public record QueueStats(
        boolean available,
        long messages,
        long statusChanges,
        long ignored,
        long malformed,
        long deleted,
        long receiveCalls,
        long deleteCalls,
        long failedReceives,
        Optional<Instant> lastReceive,
        Optional<String> lastProblem) {}
