package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An execution ARN: a STANDARD execution ({@code ...:execution:<state machine>:<name>}, where the state machine part
 * may carry a Map Run label after a slash) or an EXPRESS one ({@code ...:express:<state machine>:<name>:<id>}).
 */
public final class ExecutionArn implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final Pattern ARN = Pattern.compile(
            "arn:(aws[a-z-]*):states:([a-z0-9-]+):(\\d{12}):(execution|express):([^:/]+)(/[^:]+)?:([^:]+)(?::([^:]+))?");

    private final String arn;
    private final String partition;
    private final String region;
    private final String account;
    private final boolean express;
    private final String stateMachineName;
    private final String name;

    private ExecutionArn(String arn, Matcher m) {
        this.arn = arn;
        this.partition = m.group(1);
        this.region = m.group(2);
        this.account = m.group(3);
        this.express = m.group(4).equals("express");
        this.stateMachineName = m.group(5);
        this.name = m.group(7);
    }

    /** @throws InvalidSettingException naming the parameter, with an example of a valid ARN */
    public static ExecutionArn parse(String parameter, String arn) {
        if (arn == null || arn.isBlank()) {
            throw new InvalidSettingException(
                    parameter,
                    "is empty; give an execution ARN such as"
                            + " arn:aws:states:us-east-1:123456789012:execution:orders:build-42");
        }
        Matcher m = ARN.matcher(arn);
        boolean expressWithoutId = m.matches() && m.group(4).equals("express") && m.group(8) == null;
        boolean standardWithId = m.matches() && m.group(4).equals("execution") && m.group(8) != null;
        if (!m.matches() || expressWithoutId || standardWithId) {
            String hint = arn.contains(":stateMachine:") ? " (this is a state machine ARN)" : "";
            throw new InvalidSettingException(
                    parameter,
                    "'" + StateMachineArn.shorten(arn)
                            + "' is not an execution ARN" + hint + "; expected"
                            + " arn:<partition>:states:<region>:<12-digit account>:execution:<state machine>:<name>, such as"
                            + " arn:aws:states:us-east-1:123456789012:execution:orders:build-42");
        }
        return new ExecutionArn(arn, m);
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

    /** An EXPRESS execution: Step Functions keeps no history of it and DescribeExecution does not know it. */
    public boolean isExpress() {
        return express;
    }

    public String stateMachineName() {
        return stateMachineName;
    }

    public String name() {
        return name;
    }

    /**
     * This ARN, if it is a STANDARD execution.
     *
     * @throws InvalidSettingException for an EXPRESS execution, which cannot be described, stopped or waited for
     */
    public ExecutionArn requireStandard(String parameter) {
        if (express) {
            throw new InvalidSettingException(
                    parameter,
                    "'" + arn + "' is an EXPRESS execution; Step Functions"
                            + " cannot describe, stop or wait for those. Start EXPRESS state machines with sync: true to get"
                            + " their result.");
        }
        return this;
    }

    /** The (unqualified) state machine this execution belongs to. */
    public StateMachineArn stateMachine() {
        return StateMachineArn.parse(
                "stateMachineArn",
                "arn:" + partition + ":states:" + region + ":" + account + ":stateMachine:" + stateMachineName);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionArn other && arn.equals(other.arn);
    }

    @Override
    public int hashCode() {
        return arn.hashCode();
    }

    @Override
    public String toString() {
        return arn;
    }
}
