package io.jenkins.plugins.awsstepfunctions.statemachine;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.SettingChecks;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import java.util.Locale;
import java.util.Optional;

/**
 * One TestState call: a state (or a state of a whole definition, by {@code stateName}) run once on an input,
 * optionally with a mocked result or error instead of calling the task's service.
 */
public final class StateTestRequest {

    private final String definition;
    private final String stateName;
    private final String inputJson;
    private final String roleArn;
    private final String inspectionLevel;
    private final String mockResultJson;
    private final String mockError;
    private final String mockCause;

    private StateTestRequest(Builder builder) {
        this.definition = Definitions.definition(builder.definition);
        this.stateName = blankToNull(builder.stateName);
        this.inputJson = ExecutionInput.ofJson("input", builder.inputJson == null ? "{}" : builder.inputJson)
                .json();
        this.roleArn = builder.roleArn == null ? null : SettingChecks.roleArn("roleArn", builder.roleArn);
        this.inspectionLevel = level(builder.inspectionLevel);
        this.mockResultJson = builder.mockResultJson == null
                ? null
                : ExecutionInput.ofJson("mockResult", builder.mockResultJson).json();
        this.mockError = blankToNull(builder.mockError);
        this.mockCause = blankToNull(builder.mockCause);
        if (mockResultJson != null && (mockError != null || mockCause != null)) {
            throw new InvalidSettingException(
                    "mockResult", "and mockError cannot both be given: a mocked task either returns or fails");
        }
        if (mockError == null && mockCause != null) {
            throw new InvalidSettingException("mockCause", "needs mockError: the error a Catch or Retry matches");
        }
    }

    private static String level(String level) {
        if (level == null || level.isBlank()) {
            return "INFO";
        }
        String upper = level.strip().toUpperCase(Locale.ROOT);
        if (!upper.equals("INFO") && !upper.equals("DEBUG") && !upper.equals("TRACE")) {
            throw new InvalidSettingException("inspectionLevel", "must be INFO, DEBUG or TRACE");
        }
        return upper;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String definition() {
        return definition;
    }

    public Optional<String> stateName() {
        return Optional.ofNullable(stateName);
    }

    public String inputJson() {
        return inputJson;
    }

    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    public String inspectionLevel() {
        return inspectionLevel;
    }

    public Optional<String> mockResultJson() {
        return Optional.ofNullable(mockResultJson);
    }

    public Optional<String> mockError() {
        return Optional.ofNullable(mockError);
    }

    public Optional<String> mockCause() {
        return Optional.ofNullable(mockCause);
    }

    public static final class Builder {
        private String definition;
        private String stateName;
        private String inputJson;
        private String roleArn;
        private String inspectionLevel;
        private String mockResultJson;
        private String mockError;
        private String mockCause;

        private Builder() {}

        /** A state's definition, or a whole state machine's with {@link #stateName(String)}. */
        public Builder definition(String definition) {
            this.definition = definition;
            return this;
        }

        public Builder stateName(String stateName) {
            this.stateName = stateName;
            return this;
        }

        public Builder inputJson(String inputJson) {
            this.inputJson = inputJson;
            return this;
        }

        public Builder roleArn(String roleArn) {
            this.roleArn = roleArn;
            return this;
        }

        /** INFO (the default), DEBUG or TRACE (TRACE shows the HTTP request and response of an HTTP Task). */
        public Builder inspectionLevel(String inspectionLevel) {
            this.inspectionLevel = inspectionLevel;
            return this;
        }

        /** What the task returns instead of calling its service (JSON). */
        public Builder mockResultJson(String mockResultJson) {
            this.mockResultJson = mockResultJson;
            return this;
        }

        /** The error the task fails with instead of calling its service. */
        public Builder mockError(String mockError, String mockCause) {
            this.mockError = mockError;
            this.mockCause = mockCause;
            return this;
        }

        public StateTestRequest build() {
            return new StateTestRequest(this);
        }
    }
}
