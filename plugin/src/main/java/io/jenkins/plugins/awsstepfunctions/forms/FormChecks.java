package io.jenkins.plugins.awsstepfunctions.forms;

import hudson.AbortException;
import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionCheck;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.QueueClients;
import io.jenkins.plugins.awsstepfunctions.connection.SettingChecks;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.credentials.CredentialLists;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueCheck;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueSettings;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.Names;
import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.json.JsonException;
import io.jenkins.plugins.awsstepfunctions.statemachine.Routing;
import io.jenkins.plugins.awsstepfunctions.statemachine.StateTestRequest;
import io.jenkins.plugins.awsstepfunctions.variables.DeferredCheck;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.EngineStoppedException;
import java.util.Locale;
import java.util.function.Consumer;
import jenkins.model.Jenkins;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Form fill and check methods shared by the Pipeline steps' and the freestyle build steps' descriptors. Every check
 * uses the engine's own validator (never a copy) and requires the permission to configure the item (or, outside any
 * item, to administer Jenkins).
 */
public final class FormChecks {

    private FormChecks() {}

    /** Whether a field is used as written (Pipeline steps, global configuration) or expanded by a freestyle build. */
    public enum Values {
        AS_WRITTEN,
        /** ${NAME} and $NAME refer to build variables: literal parts are checked, the rest when the build runs. */
        EXPANDED_BY_THE_BUILD
    }

    public static void requireConfigure(Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    private static FormValidation check(
            Item item, String parameter, String value, Values values, DeferredCheck.Kind kind, Consumer<String> whole) {
        requireConfigure(item);
        String stripped = Util.fixEmptyAndTrim(value);
        if (stripped == null) {
            return FormValidation.ok();
        }
        if (values == Values.AS_WRITTEN) {
            try {
                whole.accept(stripped);
                return FormValidation.ok();
            } catch (InvalidSettingException | JsonException e) {
                return FormValidation.error(e.getMessage());
            }
        }
        DeferredCheck.Verdict verdict = DeferredCheck.check(parameter, stripped, kind, whole);
        return switch (verdict.level()) {
            case OK -> verdict.message() == null ? FormValidation.ok() : FormValidation.ok(verdict.message());
            case WARNING -> FormValidation.warning(verdict.message());
            case ERROR -> FormValidation.error(verdict.message());
        };
    }

    public static ListBoxModel awsCredentials(Item item, String current) {
        return CredentialLists.awsCredentials(item, current);
    }

    public static ListBoxModel fileCredentials(Item item, String current) {
        return CredentialLists.fileCredentials(item, current);
    }

    public static ListBoxModel usernamePasswordCredentials(Item item, String current) {
        return CredentialLists.usernamePasswordCredentials(item, current);
    }

    public static ListBoxModel stringCredentials(Item item, String current) {
        return CredentialLists.stringCredentials(item, current);
    }

    public static FormValidation checkStateMachineArn(Item item, String value, Values values) {
        requireConfigure(item);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error("stateMachineArn is required");
        }
        return check(
                item,
                "stateMachineArn",
                value,
                values,
                DeferredCheck.Kind.ARN,
                v -> StateMachineArn.parse("stateMachineArn", v));
    }

    public static FormValidation checkExecutionArn(Item item, String value, Values values) {
        requireConfigure(item);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error("executionArn is required");
        }
        return check(
                item,
                "executionArn",
                value,
                values,
                DeferredCheck.Kind.ARN,
                v -> ExecutionArn.parse("executionArn", v));
    }

    public static FormValidation checkName(Item item, String value, Values values) {
        return check(item, "name", value, values, DeferredCheck.Kind.NAME, v -> Names.executionName("name", v));
    }

    public static FormValidation checkInput(Item item, String value, Values values) {
        return checkJson(item, "input", value, values);
    }

    /** JSON text of at most 256 KiB, like an execution's input, checked under the given parameter's name. */
    public static FormValidation checkJson(Item item, String parameter, String value, Values values) {
        return check(item, parameter, value, values, DeferredCheck.Kind.JSON, v -> ExecutionInput.ofJson(parameter, v));
    }

    /** A JSON object, such as TestState's variables or context object, checked under the parameter's name. */
    public static FormValidation checkJsonObject(Item item, String parameter, String value) {
        return check(
                item,
                parameter,
                value,
                Values.AS_WRITTEN,
                DeferredCheck.Kind.JSON,
                v -> StateTestRequest.jsonObject(parameter, v));
    }

    /** A count a form gives as text: a whole number, 0 or more. */
    public static FormValidation checkCount(Item item, String parameter, String value) {
        return check(
                item,
                parameter,
                value,
                Values.AS_WRITTEN,
                DeferredCheck.Kind.TEXT,
                v -> StateTestRequest.count(parameter, v));
    }

    /** A task's output for SendTaskSuccess: JSON text, at most 256 KiB, like an execution's input. */
    public static FormValidation checkOutput(Item item, String value, Values values) {
        return checkJson(item, "output", value, values);
    }

    /** A mocked task result for TestState: JSON text, at most 256 KiB. */
    public static FormValidation checkMockResult(Item item, String value, Values values) {
        return checkJson(item, "mockResult", value, values);
    }

    /** An alias's routing as text, {@code new=10,3=90}: version=weight pairs, weights adding up to 100. */
    public static FormValidation checkRouting(Item item, String value, Values values) {
        // Spaces around ',' and '=' are allowed (the build strips them); the literal parts are checked without them.
        String compact = value == null ? null : value.replaceAll("\\s*([,=])\\s*", "$1");
        return check(item, "routing", compact, values, DeferredCheck.Kind.TEXT, Routing::checkText);
    }

    public static FormValidation checkClientConfig(Item item, String value, Values values) {
        return check(
                item,
                "clientConfig",
                value,
                values,
                DeferredCheck.Kind.JSON,
                v -> ClientSettings.parseJson("clientConfig", v));
    }

    public static FormValidation checkRegion(Item item, String value, Values values) {
        return check(item, "region", value, values, DeferredCheck.Kind.TEXT, v -> SettingChecks.region("region", v));
    }

    public static FormValidation checkEndpointUrl(Item item, String value, Values values) {
        return check(
                item,
                "endpointUrl",
                value,
                values,
                DeferredCheck.Kind.TEXT,
                v -> SettingChecks.endpointUrl("endpointUrl", v));
    }

    public static FormValidation checkRoleArn(Item item, String value, Values values) {
        return checkRoleArn(item, "roleArn", value, values);
    }

    /** A role ARN field of another name, e.g. the event queue's {@code eventQueueRoleArn}. */
    public static FormValidation checkRoleArn(Item item, String parameter, String value, Values values) {
        return check(item, parameter, value, values, DeferredCheck.Kind.ARN, v -> SettingChecks.roleArn(parameter, v));
    }

    /**
     * "Test connection": who the credentials are and whether Step Functions answers, with read-only calls, as the
     * item's configuration (or, without an item, Jenkins) sees the credentials. POST and permission-checked by the
     * callers' annotations and by {@link #requireConfigure(Item)}.
     */
    public static FormValidation testConnection(Item item, ConnectionParameters parameters, String stateMachineArn) {
        requireConfigure(item);
        try {
            StateMachineArn stateMachine = Util.fixEmptyAndTrim(stateMachineArn) == null
                    ? null
                    : StateMachineArn.parse("stateMachineArn", stateMachineArn.strip());
            ConnectionResolver.Resolved resolved =
                    ConnectionResolver.resolve(ConnectionResolver.forItem(item), parameters);
            ConnectionResolver.Resolved connection = stateMachine == null
                    ? resolved
                    : resolved.forArn("stateMachineArn", stateMachine.toString(), stateMachine.region());
            try (ClientLease lease =
                    ControllerEngine.get().clients().lease(connection.settings(), connection.credentials())) {
                return FormValidation.ok(ConnectionCheck.run(lease, stateMachine));
            }
        } catch (InvalidSettingException | StepFunctionsException | AbortException | EngineStoppedException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** The event queue's URL, as the engine will read it; empty is fine (events are off). */
    public static FormValidation checkEventQueueUrl(String value) {
        return check(
                null,
                "eventQueueUrl",
                value,
                Values.AS_WRITTEN,
                DeferredCheck.Kind.TEXT,
                v -> EventQueueSettings.builder(v).build());
    }

    /**
     * "Test event queue": can the queue be read, may EventBridge send to it, and does an enabled rule send Step
     * Functions status changes to it; read-only calls, with the credentials Jenkins itself sees (global scope). One
     * line per finding, each marked as its level; the worst level is the answer's.
     */
    public static FormValidation testEventQueue(String queueUrl, ConnectionParameters parameters) {
        requireConfigure(null);
        try {
            EventQueueSettings queue =
                    EventQueueSettings.builder(Util.fixEmptyAndTrim(queueUrl)).build();
            ConnectionResolver.Resolved connection =
                    ConnectionResolver.resolve(ConnectionResolver.forItem(null), parameters);
            EventQueueCheck.Result result;
            try (QueueClients clients = queue.openClients(connection.settings(), connection.credentials())) {
                result = EventQueueCheck.run(clients, queue);
            }
            return findings(result);
        } catch (InvalidSettingException | AbortException | SdkException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    private static FormValidation findings(EventQueueCheck.Result result) {
        StringBuilder html = new StringBuilder();
        FormValidation.Kind worst = FormValidation.Kind.OK;
        for (EventQueueCheck.Finding finding : result.findings()) {
            FormValidation.Kind kind =
                    switch (finding.level()) {
                        case OK -> FormValidation.Kind.OK;
                        case WARNING -> FormValidation.Kind.WARNING;
                        case ERROR -> FormValidation.Kind.ERROR;
                    };
            if (kind.ordinal() > worst.ordinal()) {
                worst = kind;
            }
            html.append("<div class=\"")
                    .append(kind.name().toLowerCase(Locale.ENGLISH))
                    .append("\">")
                    .append(Util.escape(finding.text()))
                    .append("</div>");
        }
        return FormValidation.respond(worst, html.toString());
    }

    public static FormValidation checkPollInterval(Item item, int value) {
        return check(
                item,
                "pollInterval",
                Integer.toString(value),
                Values.AS_WRITTEN,
                DeferredCheck.Kind.TEXT,
                v -> StepParameters.checkPollInterval(value));
    }

    public static FormValidation checkTimeout(Item item, int value) {
        return check(
                item,
                "timeout",
                Integer.toString(value),
                Values.AS_WRITTEN,
                DeferredCheck.Kind.TEXT,
                v -> StepParameters.checkTimeout(value));
    }
}
