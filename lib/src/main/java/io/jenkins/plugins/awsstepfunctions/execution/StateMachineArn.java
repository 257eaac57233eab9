package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.io.Serializable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A state machine ARN, plain ({@code ...:stateMachine:orders}), version-qualified ({@code ...:orders:3}) or
 * alias-qualified ({@code ...:orders:prod}).
 */
public final class StateMachineArn implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern ARN =
            Pattern.compile("arn:(aws[a-z-]*):states:([a-z0-9-]+):(\\d{12}):stateMachine:([^:]+)(?::([^:]+))?");
    private static final Pattern VERSION = Pattern.compile("[1-9]\\d*");

    private final String partition;
    private final String region;
    private final String account;
    private final String name;
    private final String qualifier;

    private StateMachineArn(String partition, String region, String account, String name, String qualifier) {
        this.partition = partition;
        this.region = region;
        this.account = account;
        this.name = name;
        this.qualifier = qualifier;
    }

    /** @throws InvalidSettingException naming the parameter, with an example of a valid ARN */
    public static StateMachineArn parse(String parameter, String arn) {
        if (arn == null || arn.isBlank()) {
            throw new InvalidSettingException(
                    parameter,
                    "is empty; give a state machine ARN such as"
                            + " arn:aws:states:us-east-1:123456789012:stateMachine:orders");
        }
        Matcher m = ARN.matcher(arn);
        if (!m.matches()) {
            String hint = arn.contains(":execution:") || arn.contains(":express:") ? " (this is an execution ARN)" : "";
            throw new InvalidSettingException(
                    parameter,
                    "'" + shorten(arn) + "' is not a state machine ARN" + hint
                            + "; expected arn:<partition>:states:<region>:<12-digit account>:stateMachine:<name>"
                            + "[:<version or alias>], such as arn:aws:states:us-east-1:123456789012:stateMachine:orders");
        }
        Names.executionName(parameter + " (state machine name)", m.group(4));
        return new StateMachineArn(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5));
    }

    public String partition() {
        return partition;
    }

    public String region() {
        return region;
    }

    public String account() {
        return account;
    }

    /** The state machine's name, without version or alias. */
    public String name() {
        return name;
    }

    /** The version number or alias name, if the ARN is qualified. */
    public Optional<String> qualifier() {
        return Optional.ofNullable(qualifier);
    }

    public boolean isVersion() {
        return qualifier != null && VERSION.matcher(qualifier).matches();
    }

    public boolean isAlias() {
        return qualifier != null && !isVersion();
    }

    /** The ARN of the state machine itself, without version or alias. */
    public StateMachineArn unqualified() {
        return qualifier == null ? this : new StateMachineArn(partition, region, account, name, null);
    }

    /**
     * The ARN of the STANDARD execution of this state machine with the given name. Executions of a version or an
     * alias are named after the state machine itself, so the qualifier is dropped.
     */
    public ExecutionArn execution(String executionName) {
        Names.executionName("name", executionName);
        return ExecutionArn.parse(
                "executionArn",
                "arn:" + partition + ":states:" + region + ":" + account + ":execution:" + name + ":" + executionName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StateMachineArn other && toString().equals(other.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    @Override
    public String toString() {
        return "arn:" + partition + ":states:" + region + ":" + account + ":stateMachine:" + name
                + (qualifier == null ? "" : ":" + qualifier);
    }

    static String shorten(String value) {
        return value.length() <= 300 ? value : value.substring(0, 297) + "...";
    }
}
