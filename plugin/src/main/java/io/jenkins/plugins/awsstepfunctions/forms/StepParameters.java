package io.jenkins.plugins.awsstepfunctions.forms;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;

/** Checks of step parameters that combine values; each names the parameter and what is allowed. */
public final class StepParameters {

    public static final int MAX_TIMEOUT_SECONDS = 366 * 24 * 3600;

    private StepParameters() {}

    public static void checkStart(boolean sync, boolean redrive, boolean wait) {
        if (sync && redrive) {
            throw new InvalidSettingException(
                    "redrive", "cannot be combined with sync: true; EXPRESS executions" + " cannot be redriven");
        }
        if (sync && wait) {
            throw new InvalidSettingException(
                    "wait",
                    "is not needed with sync: true, which already returns when"
                            + " the execution ends; remove one of the two");
        }
    }

    /** The input as a value or from a file: one of the two at most (neither means {@code {}}). */
    public static void checkInputSource(boolean input, String inputFile) {
        if (input && inputFile != null) {
            throw new InvalidSettingException(
                    "inputFile", "cannot be combined with input; give the input one way only");
        }
    }

    public static void checkWaiting(int pollInterval, int timeout) {
        checkPollInterval(pollInterval);
        checkTimeout(timeout);
    }

    public static void checkPollInterval(int pollInterval) {
        long min = WatchOptions.MIN_POLL_INTERVAL.toSeconds();
        long max = WatchOptions.MAX_POLL_INTERVAL.toSeconds();
        if (pollInterval < min || pollInterval > max) {
            throw new InvalidSettingException(
                    "pollInterval",
                    pollInterval + " is not allowed; use " + min + " to " + max
                            + " seconds (polls share the account's DescribeExecution quota, so prefer 10 or more)");
        }
    }

    public static void checkTimeout(int timeout) {
        if (timeout < 0 || timeout > MAX_TIMEOUT_SECONDS) {
            throw new InvalidSettingException(
                    "timeout",
                    timeout + " is not allowed; use 0 (no timeout) to " + MAX_TIMEOUT_SECONDS
                            + " seconds (a STANDARD execution runs for at most a year)");
        }
    }
}
