package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.Util;
import hudson.model.Item;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.SettingChecks;
import io.jenkins.plugins.awsstepfunctions.credentials.CredentialLists;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.Names;
import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import jenkins.model.Jenkins;

/**
 * Form fill and check methods shared by the steps' descriptors. Every check uses the engine's own validator (never
 * a copy) and requires the permission to configure the item (or, outside any item, to administer Jenkins).
 */
final class StepForms {

    private StepForms() {
    }

    @FunctionalInterface
    private interface Check {
        void run();
    }

    private static void requireConfigure(Item item) {
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

    static ListBoxModel awsCredentials(Item item, String current) {
        return CredentialLists.awsCredentials(item, current);
    }

    static ListBoxModel fileCredentials(Item item, String current) {
        return CredentialLists.fileCredentials(item, current);
    }

    static FormValidation checkStateMachineArn(Item item, String value) {
        requireConfigure(item);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error("stateMachineArn is required");
        }
        return check(item, value, () -> StateMachineArn.parse("stateMachineArn", value.strip()));
    }

    static FormValidation checkExecutionArn(Item item, String value) {
        requireConfigure(item);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.error("executionArn is required");
        }
        return check(item, value, () -> ExecutionArn.parse("executionArn", value.strip()));
    }

    static FormValidation checkName(Item item, String value) {
        return check(item, value, () -> Names.executionName("name", value.strip()));
    }

    static FormValidation checkInput(Item item, String value) {
        return check(item, value, () -> ExecutionInput.ofJson("input", value));
    }

    static FormValidation checkRegion(Item item, String value) {
        return check(item, value, () -> SettingChecks.region("region", value.strip()));
    }

    static FormValidation checkEndpointUrl(Item item, String value) {
        return check(item, value, () -> SettingChecks.endpointUrl("endpointUrl", value.strip()));
    }

    static FormValidation checkRoleArn(Item item, String value) {
        return check(item, value, () -> SettingChecks.roleArn("roleArn", value.strip()));
    }

    static FormValidation checkPollInterval(Item item, int value) {
        return check(item, Integer.toString(value), () -> StepParameters.checkPollInterval(value));
    }

    static FormValidation checkTimeout(Item item, int value) {
        return check(item, Integer.toString(value), () -> StepParameters.checkTimeout(value));
    }
}
