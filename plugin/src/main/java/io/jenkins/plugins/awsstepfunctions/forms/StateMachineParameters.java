package io.jenkins.plugins.awsstepfunctions.forms;

import hudson.Util;
import hudson.model.Run;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.SettingChecks;
import io.jenkins.plugins.awsstepfunctions.statemachine.DeployRequest;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.Jenkins;

/**
 * The parameters of {@code sfnDeployStateMachine} (and its build step) and {@code sfnTestState} that the library does
 * not take as they are written: the state machine's execution role (called {@code executionRoleArn}, because
 * {@code roleArn} is the role the connection assumes), an alias's routing as a Groovy map or as text, a version's
 * default description, and the values of the drop-down lists.
 */
public final class StateMachineParameters {

    /** TestState's statuses, what {@code expectStatus} may be. */
    public static final List<String> TEST_STATUSES = List.of("SUCCEEDED", "FAILED", "RETRIABLE", "CAUGHT_ERROR");

    /** Step Functions' limit for a version's description. */
    static final int MAX_VERSION_DESCRIPTION = 256;

    private static final String ROUTING_EXAMPLE = "new=10,3=90 (this deploy's version 10 %, version 3 90 %)";

    private StateMachineParameters() {}

    /**
     * The IAM role the state machine's executions (or the tested state) use, checked under its own name.
     *
     * @throws InvalidSettingException naming {@code executionRoleArn}
     */
    public static String executionRoleArn(String value, boolean required) {
        String arn = Util.fixEmptyAndTrim(value);
        if (arn == null) {
            if (required) {
                throw new InvalidSettingException(
                        "executionRoleArn",
                        "is required: the IAM role the state machine's executions use (roleArn is the role the"
                                + " connection assumes)");
            }
            return null;
        }
        return SettingChecks.roleArn("executionRoleArn", arn);
    }

    /**
     * An alias's routing as a Pipeline gives it: a map such as {@code ['new': 10, '3': 90]}, or the text the build step
     * takes ({@link #routing(String)}); {@code null} when not given.
     */
    public static Map<String, Integer> routing(Object routing) {
        if (routing == null) {
            return null;
        }
        if (routing instanceof CharSequence text) {
            return routing(text.toString());
        }
        if (routing instanceof Map<?, ?> map) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String version = String.valueOf(entry.getKey()).strip();
                weights.put(version, weight(version, entry.getValue()));
            }
            return weights;
        }
        throw new InvalidSettingException(
                "routing",
                "must be a map such as ['new': 10, '3': 90] or text such as new=10,3=90, not "
                        + routing.getClass().getSimpleName());
    }

    /** Routing as text: version=weight pairs separated by commas, such as {@code new=10,3=90}. */
    public static Map<String, Integer> routing(String text) {
        String given = Util.fixEmptyAndTrim(text);
        if (given == null) {
            return null;
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String pair : given.split(",", -1)) {
            int equals = pair.indexOf('=');
            String version = equals < 0 ? "" : pair.substring(0, equals).strip();
            if (version.isEmpty()) {
                throw new InvalidSettingException(
                        "routing", "'" + pair.strip() + "' is not version=weight; write " + ROUTING_EXAMPLE);
            }
            if (weights.containsKey(version)) {
                throw new InvalidSettingException("routing", "names the version '" + version + "' twice");
            }
            weights.put(version, weight(version, pair.substring(equals + 1).strip()));
        }
        return weights;
    }

    private static Integer weight(String version, Object value) {
        try {
            BigDecimal number =
                    value instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal((String) value);
            return number.intValueExact();
        } catch (ArithmeticException | ClassCastException | NumberFormatException | NullPointerException e) {
            throw new InvalidSettingException(
                    "routing",
                    "the weight of '" + version + "' must be a whole number from 0 to 100, not '" + value + "'");
        }
    }

    /**
     * Routing text, checked by the library's own rules (one or two versions, each 'new', a number or a version ARN,
     * weights adding up to 100) on a request that is otherwise a placeholder: the form knows no more.
     */
    public static void checkRouting(String text) {
        Map<String, Integer> weights = routing(text);
        if (weights != null) {
            DeployRequest.builder()
                    .name("routing-check")
                    .definition("{}")
                    .roleArn("arn:aws:iam::123456789012:role/routing-check")
                    .publish(true, null)
                    .alias("routing-check", weights)
                    .build();
        }
    }

    /**
     * A published version's description when none is given: the build's name and address, such as
     * {@code Jenkins team » release #42 https://jenkins.example.com/job/team/job/release/42/} (the name alone when
     * Jenkins does not know its address or the whole is too long).
     */
    public static String defaultVersionDescription(Run<?, ?> run) {
        String name = "Jenkins " + run.getFullDisplayName();
        String root = Jenkins.get().getRootUrl();
        String withUrl = root == null ? name : name + " " + root + run.getUrl();
        if (withUrl.length() <= MAX_VERSION_DESCRIPTION) {
            return withUrl;
        }
        return name.length() <= MAX_VERSION_DESCRIPTION ? name : name.substring(0, MAX_VERSION_DESCRIPTION);
    }

    /**
     * The status {@code sfnTestState} expects, in any case.
     *
     * @throws InvalidSettingException naming {@code expectStatus}
     */
    public static String expectStatus(String value) {
        String given = Util.fixEmptyAndTrim(value);
        String status = given == null ? "SUCCEEDED" : given.toUpperCase(Locale.ROOT);
        if (!TEST_STATUSES.contains(status)) {
            throw new InvalidSettingException("expectStatus", "must be one of " + String.join(", ", TEST_STATUSES));
        }
        return status;
    }

    public static ListBoxModel loggingLevelItems() {
        return items("OFF", "ALL", "ERROR", "FATAL");
    }

    public static ListBoxModel inspectionLevelItems() {
        return items("INFO", "DEBUG", "TRACE");
    }

    public static ListBoxModel expectStatusItems() {
        return items(TEST_STATUSES.toArray(String[]::new));
    }

    private static ListBoxModel items(String... values) {
        ListBoxModel items = new ListBoxModel();
        for (String value : values) {
            items.add(value, value);
        }
        return items;
    }
}
