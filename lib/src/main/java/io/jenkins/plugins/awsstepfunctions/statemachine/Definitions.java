package io.jenkins.plugins.awsstepfunctions.statemachine;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.execution.ServiceCalls;
import io.jenkins.plugins.awsstepfunctions.execution.SynchronousRuns;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.TestStateResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionDiagnostic;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;

/**
 * Checks state machine definitions with Step Functions itself: ValidateStateMachineDefinition for a whole definition,
 * TestState for one state on one input.
 */
public final class Definitions {

    /** Step Functions' limit for a definition. */
    public static final int MAX_DEFINITION = 1_048_576;

    private static final int MAX_DIAGNOSTICS = 100;

    private final SfnClient sfn;
    private final ServiceCalls calls;

    /**
     * The settings of the client {@link #test} needs: TestState runs the state's task (unless mocked) and answers when
     * it ends, up to 5 minutes later, and a task must not be run twice because a read timed out. So the client waits
     * as long as a synchronous Express run's does, and makes one attempt.
     */
    public static ConnectionSettings testStateConnection(ConnectionSettings connection) {
        return SynchronousRuns.settings(connection);
    }

    /**
     * Exactly one of a definition's text and the path of its file.
     *
     * @throws InvalidSettingException naming {@code definition} (neither) or {@code definitionFile} (both)
     */
    public static void checkSource(String definition, String definitionFile) {
        if (definition == null && definitionFile == null) {
            throw new InvalidSettingException(
                    "definition",
                    "or definitionFile is required: the definition's Amazon States Language as text, or the path of"
                            + " its file in the workspace");
        }
        if (definition != null && definitionFile != null) {
            throw new InvalidSettingException(
                    "definitionFile", "cannot be combined with definition; give the definition one way only");
        }
    }

    public Definitions(ClientLease lease) {
        this.sfn = lease.sfn();
        this.calls = new ServiceCalls(lease);
    }

    /** Errors and warnings (up to 100) of a definition for a state machine of the given type. */
    public Validation validate(String definition, String type) {
        String text = definition(definition);
        String checkedType = type(type);
        ValidateStateMachineDefinitionResponse answer = calls.call(
                "ValidateStateMachineDefinition",
                "the definition",
                () -> sfn.validateStateMachineDefinition(b ->
                        b.definition(text).type(checkedType).severity("WARNING").maxResults(MAX_DIAGNOSTICS)));
        return new Validation(
                "OK".equals(answer.resultAsString()),
                answer.diagnostics().stream().map(Definitions::diagnostic).toList(),
                Boolean.TRUE.equals(answer.truncated()));
    }

    /** TestState: the state run once; its status, output, next state, error and inspection data. */
    public StateTestResult test(StateTestRequest request) {
        Definitions.definition(request.definition());
        TestStateResponse answer = calls.call(
                "TestState",
                request.stateName().map(name -> "state " + name).orElse("the state"),
                () -> sfn.testState(b -> {
                    b.definition(request.definition())
                            .input(request.inputJson())
                            .inspectionLevel(request.inspectionLevel());
                    request.stateName().ifPresent(b::stateName);
                    request.roleArn().ifPresent(b::roleArn);
                    request.variablesJson().ifPresent(b::variables);
                    request.contextJson().ifPresent(b::context);
                    if (request.hasStateConfiguration()) {
                        b.stateConfiguration(c -> c.retrierRetryCount(
                                        request.retrierRetryCount().orElse(null))
                                .errorCausedByState(request.errorCausedByState().orElse(null))
                                .mapIterationFailureCount(
                                        request.mapIterationFailureCount().orElse(null))
                                .mapItemReaderData(
                                        request.mapItemReaderDataJson().orElse(null)));
                    }
                    if (request.mockResultJson().isPresent()) {
                        b.mock(m -> m.result(request.mockResultJson().get())
                                .fieldValidationMode(
                                        request.mockValidationMode().orElse(null)));
                    } else if (request.mockError().isPresent()) {
                        b.mock(m ->
                                m.errorOutput(e -> e.error(request.mockError().get())
                                        .cause(request.mockCause().orElse(null))));
                    }
                }));
        Object inspection = answer.inspectionData() == null ? null : SdkValues.plain(answer.inspectionData());
        return new StateTestResult(
                answer.statusAsString(),
                answer.output(),
                answer.nextState(),
                answer.error(),
                answer.cause(),
                inspection instanceof Map<?, ?> map ? stringKeys(map) : Map.of());
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), v));
        return out;
    }

    private static Diagnostic diagnostic(ValidateStateMachineDefinitionDiagnostic d) {
        return new Diagnostic(
                d.severityAsString(),
                d.code() == null ? "" : d.code(),
                d.message() == null ? "" : d.message(),
                d.location() == null ? "" : d.location());
    }

    /** A definition as a parameter: required, at most 1 MiB of characters. */
    static String definition(String definition) {
        if (definition == null || definition.isBlank()) {
            throw new InvalidSettingException(
                    "definition", "is required: the state machine's Amazon States Language, as text or a file");
        }
        if (definition.length() > MAX_DEFINITION) {
            throw new InvalidSettingException(
                    "definition",
                    "is " + definition.length() + " characters long; Step Functions accepts at most " + MAX_DEFINITION);
        }
        return definition;
    }

    /** STANDARD (the default) or EXPRESS. */
    static String type(String type) {
        if (type == null || type.isBlank()) {
            return "STANDARD";
        }
        String upper = type.strip().toUpperCase(Locale.ROOT);
        if (!upper.equals("STANDARD") && !upper.equals("EXPRESS")) {
            throw new InvalidSettingException("type", "must be STANDARD or EXPRESS");
        }
        return upper;
    }
}
