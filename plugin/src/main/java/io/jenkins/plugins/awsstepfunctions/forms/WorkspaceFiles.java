package io.jenkins.plugins.awsstepfunctions.forms;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.FilePath;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.files.WorkspacePaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Files that a step parameter names in the workspace (such as {@code inputFile}): refused unread when they are larger
 * than Step Functions accepts, otherwise read as UTF-8. Called off the Pipeline's CPS thread: the workspace may be on
 * an agent.
 */
public final class WorkspaceFiles {

    private WorkspaceFiles() {}

    /**
     * An execution's input from a JSON file in the workspace: at most 256 KiB ({@link ExecutionInput#MAX_BYTES}).
     *
     * @param workspace the step's workspace (its current directory); {@code null} outside {@code node}
     * @throws InvalidSettingException naming {@code inputFile}: no workspace, no such file, a path outside the
     *     workspace, a file too large, text that is not JSON
     */
    public static ExecutionInput input(@CheckForNull FilePath workspace, String inputFile)
            throws IOException, InterruptedException {
        String text = read(
                workspace,
                "inputFile",
                inputFile,
                ExecutionInput.MAX_BYTES,
                "input",
                "Step Functions accepts at most 262,144 bytes (256 KiB) of input; pass a reference instead, such as an"
                        + " S3 URI of the data");
        return ExecutionInput.ofJson("inputFile", text);
    }

    /**
     * The text of a file in the workspace, read only once its size is known to be at most {@code maxBytes}.
     *
     * @param instead the parameter that gives the same value as text, for the message when there is no workspace
     * @param limit why {@code maxBytes}, for the message when the file is larger
     */
    static String read(
            @CheckForNull FilePath workspace, String parameter, String path, int maxBytes, String instead, String limit)
            throws IOException, InterruptedException {
        if (workspace == null) {
            throw new InvalidSettingException(
                    parameter,
                    "'" + path + "' is a path in the workspace, and this build has none here; run the step inside"
                            + " node { } (a Declarative stage with an agent), or give " + instead + " instead");
        }
        if (WorkspacePaths.isAbsolute(path)) {
            throw outsideTheWorkspace(parameter, path);
        }
        // node { } does not create its workspace: a path is then judged by its text, which is exact there.
        if (!workspace.exists()) {
            throw WorkspacePaths.climbsOut(path)
                    ? outsideTheWorkspace(parameter, path)
                    : noSuchFile(parameter, path, workspace);
        }
        // Whether a file outside the workspace exists is none of the build's business: refuse the path first.
        if (!workspace.isDescendant(path)) {
            throw outsideTheWorkspace(parameter, path);
        }
        FilePath file = workspace.child(path);
        if (!file.exists() || file.isDirectory()) {
            throw noSuchFile(parameter, path, workspace);
        }
        long size = file.length();
        if (size > maxBytes) {
            throw tooLarge(parameter, path, size, limit);
        }
        byte[] bytes;
        try (InputStream in = file.read()) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            // It grew after its size was read.
            throw tooLarge(parameter, path, bytes.length, limit);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static InvalidSettingException tooLarge(String parameter, String path, long size, String limit) {
        return new InvalidSettingException(
                parameter, String.format(Locale.ROOT, "'%s' is %,d bytes; %s", path, size, limit));
    }

    private static InvalidSettingException noSuchFile(String parameter, String path, FilePath workspace) {
        return new InvalidSettingException(
                parameter,
                "there is no file '" + path + "' in the workspace " + workspace.getRemote()
                        + "; check the path (relative to the workspace) and that the file was written or checked out");
    }

    private static InvalidSettingException outsideTheWorkspace(String parameter, String path) {
        return new InvalidSettingException(
                parameter, "'" + path + "' is not inside the workspace; give a path relative to it");
    }
}
