package io.jenkins.plugins.awsstepfunctions.forms;

import hudson.model.Run;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.statemachine.DeployRequest;
import io.jenkins.plugins.awsstepfunctions.statemachine.StateTestResult;
import jenkins.model.Jenkins;

/**
 * What the forms and steps of {@code sfnDeployStateMachine} (and its build step) and {@code sfnTestState} need from
 * Jenkins: a version's default description (the build's name and address), and the values of the drop-down lists.
 * The parameters' checks are the library's ({@code statemachine.Routing}, {@code ExecutionRoleArn}, ...).
 */
public final class StateMachineParameters {

    private StateMachineParameters() {}

    /**
     * A published version's description when none is given: the build's name and address, such as
     * {@code Jenkins team » release #42 https://jenkins.example.com/job/team/job/release/42/} (the name alone when
     * Jenkins does not know its address or the whole is too long).
     */
    public static String defaultVersionDescription(Run<?, ?> run) {
        String root = Jenkins.get().getRootUrl();
        return DeployRequest.defaultVersionDescription(
                "Jenkins " + run.getFullDisplayName(), root == null ? null : root + run.getUrl());
    }

    public static ListBoxModel loggingLevelItems() {
        return items("OFF", "ALL", "ERROR", "FATAL");
    }

    public static ListBoxModel inspectionLevelItems() {
        return items("INFO", "DEBUG", "TRACE");
    }

    /** The service's default first, as an empty value: then nothing is sent. */
    public static ListBoxModel mockValidationModeItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("The service's default (STRICT)", "");
        for (String mode : new String[] {"STRICT", "PRESENT", "NONE"}) {
            items.add(mode, mode);
        }
        return items;
    }

    public static ListBoxModel expectStatusItems() {
        return items(StateTestResult.STATUSES.toArray(String[]::new));
    }

    private static ListBoxModel items(String... values) {
        ListBoxModel items = new ListBoxModel();
        for (String value : values) {
            items.add(value, value);
        }
        return items;
    }
}
