package io.jenkins.plugins.awsstepfunctions.forms;

import hudson.FilePath;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.statemachine.Definitions;
import io.jenkins.plugins.awsstepfunctions.statemachine.WarningPolicy;
import java.io.IOException;

/**
 * What the steps that take a state machine definition need from Jenkins: the text of a definition file in the
 * workspace, and the values of the type and warnings drop-down lists. Which source is given, and what a WARNING
 * does, are the library's ({@code Definitions.checkSource}, {@code WarningPolicy}).
 */
public final class DefinitionParameters {

    private DefinitionParameters() {}

    /**
     * The text of a definition file in the workspace, read as UTF-8 once its size is known to be within Step
     * Functions' limit; see {@link WorkspaceFiles}.
     *
     * @param workspace the build's workspace; {@code null} when the step runs outside {@code node}
     * @throws InvalidSettingException naming {@code definitionFile}: no workspace, no such file, a path outside the
     *     workspace (also through a symbolic link), a file too large
     */
    public static String read(FilePath workspace, String definitionFile) throws IOException, InterruptedException {
        return WorkspaceFiles.read(
                workspace,
                "definitionFile",
                definitionFile,
                Definitions.MAX_DEFINITION,
                "definition",
                "Step Functions accepts definitions of at most " + Definitions.MAX_DEFINITION + " bytes");
    }

    public static ListBoxModel typeItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("STANDARD", "STANDARD");
        items.add("EXPRESS", "EXPRESS");
        return items;
    }

    public static ListBoxModel warningsItems() {
        ListBoxModel items = new ListBoxModel();
        items.add("Mark the build UNSTABLE", WarningPolicy.UNSTABLE.name());
        items.add("Fail", WarningPolicy.FAIL.name());
        items.add("Ignore (still logged)", WarningPolicy.IGNORE.name());
        return items;
    }
}
