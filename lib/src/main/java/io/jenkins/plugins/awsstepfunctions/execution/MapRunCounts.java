package io.jenkins.plugins.awsstepfunctions.execution;

import java.io.Serializable;
import java.util.Locale;
import software.amazon.awssdk.services.sfn.model.DescribeMapRunResponse;
import software.amazon.awssdk.services.sfn.model.MapRunItemCounts;

/**
 * A Distributed Map run's item counters, as DescribeMapRun gives them.
 *
 * @param mapRunArn the Map Run
 * @param status RUNNING, SUCCEEDED, FAILED or ABORTED
 */
public record MapRunCounts(
        String mapRunArn,
        String status,
        long total,
        long pending,
        long running,
        long succeeded,
        long failed,
        long timedOut,
        long aborted)
        implements Serializable {

    public static MapRunCounts of(DescribeMapRunResponse response) {
        MapRunItemCounts items = response.itemCounts();
        return new MapRunCounts(
                response.mapRunArn(),
                response.statusAsString(),
                count(items == null ? null : items.total()),
                count(items == null ? null : items.pending()),
                count(items == null ? null : items.running()),
                count(items == null ? null : items.succeeded()),
                count(items == null ? null : items.failed()),
                count(items == null ? null : items.timedOut()),
                count(items == null ? null : items.aborted()));
    }

    private static long count(Long value) {
        return value == null ? 0 : value;
    }

    /** {@code 9,988 of 10,000 items succeeded, 12 failed, 0 running, 0 pending}; timed out and aborted when any. */
    public String describe() {
        StringBuilder text = new StringBuilder()
                .append(number(succeeded))
                .append(" of ")
                .append(number(total))
                .append(total == 1 ? " item" : " items")
                .append(" succeeded, ")
                .append(number(failed))
                .append(" failed");
        if (timedOut > 0) {
            text.append(", ").append(number(timedOut)).append(" timed out");
        }
        if (aborted > 0) {
            text.append(", ").append(number(aborted)).append(" aborted");
        }
        return text.append(", ")
                .append(number(running))
                .append(" running, ")
                .append(number(pending))
                .append(" pending")
                .toString();
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
