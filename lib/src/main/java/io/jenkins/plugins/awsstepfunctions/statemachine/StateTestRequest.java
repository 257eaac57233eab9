package io.jenkins.plugins.awsstepfunctions.statemachine;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.SettingChecks;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One TestState call: a state (or a state of a whole definition, by {@code stateName}) run once on an input,
 * optionally with a mocked result or error instead of calling the task's service.
 */
public final class StateTestRequest implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String definition;
    private final String stateName;
    private final String inputJson;
    private final String roleArn;
    private final String inspectionLevel;
    private final String mockResultJson;
    private final String mockError;
    private final String mockCause;
    private final String mockValidationMode;
    private final String variablesJson;
    private final String contextJson;
    private final Integer retrierRetryCount;
    private final String errorCausedByState;
    private final Integer mapIterationFailureCount;
    private final String mapItemReaderDataJson;

    private StateTestRequest(Builder builder) {
        this.definition = builder.definitionLater && builder.definition == null
                ? null
                : Definitions.definition(builder.definition);
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
        this.mockValidationMode = validationMode(builder.mockValidationMode, mockResultJson != null);
        this.variablesJson = jsonObject("variables", builder.variablesJson);
        this.contextJson = jsonObject("context", builder.contextJson);
        this.retrierRetryCount = notNegative("retrierRetryCount", builder.retrierRetryCount);
        this.errorCausedByState = blankToNull(builder.errorCausedByState);
        this.mapIterationFailureCount = notNegative("mapIterationFailureCount", builder.mapIterationFailureCount);
        this.mapItemReaderDataJson = builder.mapItemReaderDataJson == null
                ? null
                : ExecutionInput.ofJson("mapItemReaderData", builder.mapItemReaderDataJson)
                        .json();
    }

    private StateTestRequest(StateTestRequest other, String definition) {
        this.definition = Definitions.definition(definition);
        this.stateName = other.stateName;
        this.inputJson = other.inputJson;
        this.roleArn = other.roleArn;
        this.inspectionLevel = other.inspectionLevel;
        this.mockResultJson = other.mockResultJson;
        this.mockError = other.mockError;
        this.mockCause = other.mockCause;
        this.mockValidationMode = other.mockValidationMode;
        this.variablesJson = other.variablesJson;
        this.contextJson = other.contextJson;
        this.retrierRetryCount = other.retrierRetryCount;
        this.errorCausedByState = other.errorCausedByState;
        this.mapIterationFailureCount = other.mapIterationFailureCount;
        this.mapItemReaderDataJson = other.mapItemReaderDataJson;
    }

    /**
     * This request with its definition, such as one read from a file once everything else was checked.
     *
     * @throws InvalidSettingException naming {@code definition}: blank or over 1 MiB
     */
    public StateTestRequest withDefinition(String definition) {
        return new StateTestRequest(this, definition);
    }

    /** How TestState checks a mocked result against the task's API response shape: STRICT (its default), PRESENT or NONE. */
    private static String validationMode(String mode, boolean mocked) {
        if (mode == null || mode.isBlank()) {
            return null;
        }
        String upper = mode.strip().toUpperCase(Locale.ROOT);
        if (!upper.equals("STRICT") && !upper.equals("PRESENT") && !upper.equals("NONE")) {
            throw new InvalidSettingException(
                    "mockValidationMode", "must be STRICT, PRESENT or NONE, not '" + mode.strip() + "'");
        }
        if (!mocked) {
            throw new InvalidSettingException(
                    "mockValidationMode", "needs mockResult: it says how the mocked result is checked");
        }
        return upper;
    }

    /**
     * A JSON object as text, at most 256 KiB; {@code null} when not given.
     *
     * @throws InvalidSettingException naming the parameter: not JSON, too large, or not an object
     */
    public static String jsonObject(String parameter, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String json = ExecutionInput.ofJson(parameter, text).json();
        if (!(Json.parse(parameter, json) instanceof Map<?, ?>)) {
            throw new InvalidSettingException(parameter, "must be a JSON object, such as {\"name\": \"value\"}");
        }
        return json;
    }

    /**
     * A count as a form gives it: a whole number, 0 or more.
     *
     * @throws InvalidSettingException naming the parameter
     */
    public static int count(String parameter, String text) {
        try {
            return notNegative(parameter, Integer.valueOf(text.strip()));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(
                    parameter, "must be a whole number, 0 or more, not '" + text.strip() + "'");
        }
    }

    private static Integer notNegative(String parameter, Integer value) {
        if (value != null && value < 0) {
            throw new InvalidSettingException(parameter, "must be 0 or more, not " + value);
        }
        return value;
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

    /** {@code null} only for a request built with {@link Builder#definitionLater()} and not yet given it. */
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

    public Optional<String> mockValidationMode() {
        return Optional.ofNullable(mockValidationMode);
    }

    public Optional<String> variablesJson() {
        return Optional.ofNullable(variablesJson);
    }

    public Optional<String> contextJson() {
        return Optional.ofNullable(contextJson);
    }

    public Optional<Integer> retrierRetryCount() {
        return Optional.ofNullable(retrierRetryCount);
    }

    public Optional<String> errorCausedByState() {
        return Optional.ofNullable(errorCausedByState);
    }

    public Optional<Integer> mapIterationFailureCount() {
        return Optional.ofNullable(mapIterationFailureCount);
    }

    public Optional<String> mapItemReaderDataJson() {
        return Optional.ofNullable(mapItemReaderDataJson);
    }

    /** Whether any of the state configuration TestState takes is given (retries, the state that caused an error, Map). */
    public boolean hasStateConfiguration() {
        return retrierRetryCount != null
                || errorCausedByState != null
                || mapIterationFailureCount != null
                || mapItemReaderDataJson != null;
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
        private String mockValidationMode;
        private String variablesJson;
        private String contextJson;
        private Integer retrierRetryCount;
        private String errorCausedByState;
        private Integer mapIterationFailureCount;
        private String mapItemReaderDataJson;
        private boolean definitionLater;

        private Builder() {}

        /** A state's definition, or a whole state machine's with {@link #stateName(String)}. */
        public Builder definition(String definition) {
            this.definition = definition;
            return this;
        }

        /**
         * The definition is given later, with {@link StateTestRequest#withDefinition}: everything else is checked now,
         * before a file is read.
         */
        public Builder definitionLater() {
            this.definitionLater = true;
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

        /** How TestState checks {@link #mockResultJson}: STRICT (the service's default), PRESENT or NONE. */
        public Builder mockValidationMode(String mockValidationMode) {
            this.mockValidationMode = mockValidationMode;
            return this;
        }

        /** The workflow variables the state sees (a JSON object), for states that read {@code $name}. */
        public Builder variablesJson(String variablesJson) {
            this.variablesJson = variablesJson;
            return this;
        }

        /** The context object the state sees ({@code $$}, a JSON object). */
        public Builder contextJson(String contextJson) {
            this.contextJson = contextJson;
            return this;
        }

        /** How many retries the state's Retrier has made already. */
        public Builder retrierRetryCount(Integer retrierRetryCount) {
            this.retrierRetryCount = retrierRetryCount;
            return this;
        }

        /** For a Parallel or Map state: the state inside it that the mocked error came from. */
        public Builder errorCausedByState(String errorCausedByState) {
            this.errorCausedByState = errorCausedByState;
            return this;
        }

        /** For a Map state: how many iterations failed, against its tolerated failure count or percentage. */
        public Builder mapIterationFailureCount(Integer mapIterationFailureCount) {
            this.mapIterationFailureCount = mapIterationFailureCount;
            return this;
        }

        /** For a Map state with an ItemReader: the items it reads (JSON), instead of reading them. */
        public Builder mapItemReaderDataJson(String mapItemReaderDataJson) {
            this.mapItemReaderDataJson = mapItemReaderDataJson;
            return this;
        }

        public StateTestRequest build() {
            return new StateTestRequest(this);
        }
    }
}
