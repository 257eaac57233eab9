package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/** What to start: a state machine (plain, version or alias ARN), an optional name, the input and a trace header. */
public final class StartRequest implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_TRACE_HEADER = 256;

    private final StateMachineArn stateMachine;
    private final String name;
    private final ExecutionInput input;
    private final String traceHeader;

    private StartRequest(Builder builder) {
        if (builder.stateMachineArn == null) {
            throw new InvalidSettingException("stateMachineArn", "is required");
        }
        this.stateMachine = StateMachineArn.parse("stateMachineArn", builder.stateMachineArn);
        this.name = builder.name == null ? null : Names.executionName("name", builder.name);
        this.input = builder.input == null ? ExecutionInput.emptyObject() : builder.input;
        this.traceHeader = builder.traceHeader == null ? null : traceHeader(builder.traceHeader);
    }

    private static String traceHeader(String value) {
        if (value.isEmpty()
                || value.length() > MAX_TRACE_HEADER
                || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new InvalidSettingException(
                    "traceHeader",
                    "must be 1 to " + MAX_TRACE_HEADER + " printable ASCII"
                            + " characters, such as Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1");
        }
        return value;
    }

    public static Builder builder() {
        return new Builder();
    }

    public StateMachineArn stateMachine() {
        return stateMachine;
    }

    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    public ExecutionInput input() {
        return input;
    }

    public Optional<String> traceHeader() {
        return Optional.ofNullable(traceHeader);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StartRequest other
                && stateMachine.equals(other.stateMachine)
                && Objects.equals(name, other.name)
                && input.equals(other.input)
                && Objects.equals(traceHeader, other.traceHeader);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stateMachine, name, input, traceHeader);
    }

    @Override
    public String toString() {
        return "StartRequest{" + stateMachine + (name == null ? "" : ", name=" + name) + ", input=" + input + "}";
    }

    public static final class Builder {
        private String stateMachineArn;
        private String name;
        private ExecutionInput input;
        private String traceHeader;

        private Builder() {}

        public Builder stateMachineArn(String stateMachineArn) {
            this.stateMachineArn = stateMachineArn;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder input(ExecutionInput input) {
            this.input = input;
            return this;
        }

        public Builder traceHeader(String traceHeader) {
            this.traceHeader = traceHeader;
            return this;
        }

        /** @throws InvalidSettingException naming the first parameter whose value cannot work */
        public StartRequest build() {
            return new StartRequest(this);
        }
    }
}
