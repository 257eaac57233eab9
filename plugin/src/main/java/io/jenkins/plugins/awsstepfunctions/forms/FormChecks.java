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
import io.jenkins.plugins.awsstepfunctions.connection.SettingChecks;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.credentials.CredentialLists;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.Names;
import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import jenkins.model.Jenkins;

/**
 * Form fill and check methods shared by the Pipeline steps' and the freestyle build steps' descriptors. Every check uses the engine's own validator (never
 * a copy) and requires the permission to configure the item (or, outside any item, to administer Jenkins).
 */
public final class FormChecks {

    private FormChecks() {
    }

    @FunctionalInterface
    private interface Check {
        void run();
    }

    public static void requireConfigure(Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }

    private static FormValidation check(Item item, String value, Check check) {
        requireConfigure(item);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok();
        }
        try {
            check.run();
            return FormValidation.ok();
        } catch (InvalidSettingException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    public static ListBoxModel awsCredentials(Item item, String current) {
        return CredentialLists.awsCredentials(item, current);
    }

    public static ListBoxModel fileCredentials(Item item, String current) {
        return CredentialLists.fileCredentials(item, current);
    }

    public static FormValidation checkStateMachineArn(Item item, String value) {
        requireConfigure(item);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error("stateMachineArn is required");
        }
        return check(item, value, () -> StateMachineArn.parse("stateMachineArn", value.strip()));
    }

    public static FormValidation checkExecutionArn(Item item, String value) {
        requireConfigure(item);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error("executionArn is required");
        }
        return check(item, value, () -> ExecutionArn.parse("executionArn", value.strip()));
    }

    public static FormValidation checkName(Item item, String value) {
        return check(item, value, () -> Names.executionName("name", value.strip()));
    }

    public static FormValidation checkInput(Item item, String value) {
        return check(item, value, () -> ExecutionInput.ofJson("input", value));
    }

    public static FormValidation checkClientConfig(Item item, String value) {
        return check(item, value, () -> ClientSettings.parseJson("clientConfig", value));
    }

    public static FormValidation checkRegion(Item item, String value) {
        return check(item, value, () -> SettingChecks.region("region", value.strip()));
    }

    public static FormValidation checkEndpointUrl(Item item, String value) {
        return check(item, value, () -> SettingChecks.endpointUrl("endpointUrl", value.strip()));
    }

    public static FormValidation checkRoleArn(Item item, String value) {
        return check(item, value, () -> SettingChecks.roleArn("roleArn", value.strip()));
    }

    /**
     * "Test connection": who the credentials are and whether Step Functions answers, with read-only calls, as the
     * item's configuration (or, without an item, Jenkins) sees the credentials. POST and permission-checked by the
     * callers' annotations and by {@link #requireConfigure(Item)}.
     */
    public static FormValidation testConnection(Item item, ConnectionParameters parameters, String stateMachineArn) {
        requireConfigure(item);
        try {
            StateMachineArn stateMachine = Util.fixEmptyAndTrim(stateMachineArn) == null ? null
                    : StateMachineArn.parse("stateMachineArn", stateMachineArn.strip());
            ConnectionResolver.Resolved connection = ConnectionResolver.resolve(ConnectionResolver.forItem(item),
                    parameters);
            try (ClientLease lease = ControllerEngine.get().clients().lease(connection.settings(),
                    connection.credentials())) {
                return FormValidation.ok(ConnectionCheck.run(lease, stateMachine));
            }
        } catch (InvalidSettingException | StepFunctionsException | AbortException e) {
            return FormValidation.error(e.getMessage());
        }
    }



    public static FormValidation checkPollInterval(Item item, int value) {
        return check(item, Integer.toString(value), () -> StepParameters.checkPollInterval(value));
    }

    public static FormValidation checkTimeout(Item item, int value) {
        return check(item, Integer.toString(value), () -> StepParameters.checkTimeout(value));
    }
}
