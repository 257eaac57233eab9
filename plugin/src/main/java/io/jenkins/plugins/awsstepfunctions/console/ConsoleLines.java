package io.jenkins.plugins.awsstepfunctions.console;

import hudson.console.HyperlinkNote;
import io.jenkins.plugins.awsstepfunctions.execution.ConsoleLinks;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;

/**
 * How the plugin writes to a build log: every line starts with {@link #PREFIX}, and an execution's ARN is printed
 * once, in plain text (so that {@code consoleText} and scripts find it), followed by a short link to the AWS console
 * rather than the console's 200-character address.
 */
public final class ConsoleLines {

    public static final String PREFIX = "[AWS Step Functions] ";
    static final String LINK_TEXT = "open in the AWS console";

    private ConsoleLines() {}

    /** {@code " (open in the AWS console)"} as a hyperlink, or nothing where the partition has no public console. */
    public static String consoleLink(ExecutionArn execution) {
        return ConsoleLinks.execution(execution)
                .map(url -> " (" + HyperlinkNote.encodeTo(url, LINK_TEXT) + ")")
                .orElse("");
    }
}
