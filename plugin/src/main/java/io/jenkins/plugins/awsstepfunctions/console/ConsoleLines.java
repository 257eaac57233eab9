package io.jenkins.plugins.awsstepfunctions.console;

import hudson.console.HyperlinkNote;
import io.jenkins.plugins.awsstepfunctions.execution.ConsoleLinks;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.watch.WaitMode;
import java.time.Duration;

/**
 * How the plugin writes to a build log: every line starts with {@link #PREFIX}, and an execution's ARN is printed
 * once, in plain text (so that {@code consoleText} and scripts find it), followed by a short link to the AWS console
 * rather than the console's 200-character address.
 */
public final class ConsoleLines {

    public static final String PREFIX = "[AWS Step Functions] ";
    static final String LINK_TEXT = "open in the AWS console";

    private ConsoleLines() {}

    /**
     * How a wait learns that its execution ended, when it starts and whenever that changes (without {@link #PREFIX}):
     * from the status-change event, with the slow check as the safety net, or by polling, and why.
     */
    public static String waitMode(
            ExecutionArn execution, WaitMode mode, String why, Duration pollInterval, Duration safetyInterval) {
        return mode == WaitMode.EVENTS
                ? "Waiting for the status-change event of " + execution + " from the event queue (checked every "
                        + interval(safetyInterval) + " in case the event is lost)"
                : "Polling " + execution + " every " + interval(pollInterval) + ": " + why;
    }

    private static String interval(Duration interval) {
        long seconds = interval.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }

    /** {@code " (open in the AWS console)"} as a hyperlink, or nothing where the partition has no public console. */
    public static String consoleLink(ExecutionArn execution) {
        return ConsoleLinks.execution(execution)
                .map(url -> " (" + HyperlinkNote.encodeTo(url, LINK_TEXT) + ")")
                .orElse("");
    }
}
