package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name a start gets when the user gives none: derived from the build, so that the SDK's retry of a
 * StartExecution whose answer was lost, and a start repeated after a controller restart, reach the same execution
 * instead of starting a second one (Step Functions only deduplicates named starts).
 *
 * <p>{@code <job>-<build number>-<hash>}: the job's full name reduced to the characters CloudWatch Logs accepts in
 * execution names ({@code A-Z a-z 0-9 - _}), the build number, and 12 hex digits of SHA-256 over the job's full name,
 * the build number, the build's start time and the step's position in the build. The start time keeps a job that was
 * deleted and created again (its build numbers start over) from ever meeting an execution of its predecessor; the
 * position keeps two starts of one build apart. At most 80 characters.
 */
public final class DefaultExecutionName {

    static final int HASH_DIGITS = 12;

    private DefaultExecutionName() {}

    /**
     * @param jobFullName the job's full name, folders included (e.g. {@code team/release})
     * @param buildNumber the build's number
     * @param buildStartMillis when the build started, in epoch milliseconds
     * @param position what tells this start from the build's other starts (e.g. the Pipeline step's node id)
     */
    public static String of(String jobFullName, long buildNumber, long buildStartMillis, String position) {
        if (jobFullName == null || jobFullName.isBlank()) {
            throw new InvalidSettingException("jobFullName", "is empty; a default execution name needs the job");
        }
        if (position == null || position.isEmpty()) {
            throw new InvalidSettingException(
                    "position", "is empty; a default execution name needs the step's" + " position in the build");
        }
        String hash = hash(jobFullName + '\n' + buildNumber + '\n' + buildStartMillis + '\n' + position);
        String suffix = "-" + buildNumber + "-" + hash;
        String job = readable(jobFullName);
        int room = Names.MAX_LENGTH - suffix.length();
        if (job.length() > room) {
            // The end of a full name is the job itself; its folders are the part to lose.
            job = trimDashes(job.substring(job.length() - room));
        }
        return Names.executionName("name", (job.isEmpty() ? "build" : job) + suffix);
    }

    private static String readable(String jobFullName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < jobFullName.length(); i++) {
            char c = jobFullName.charAt(i);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (kept) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != '-') {
                out.append('-');
            }
        }
        return trimDashes(out.toString());
    }

    private static String trimDashes(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && text.charAt(start) == '-') {
            start++;
        }
        while (end > start && text.charAt(end - 1) == '-') {
            end--;
        }
        return text.substring(start, end);
    }

    private static String hash(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
