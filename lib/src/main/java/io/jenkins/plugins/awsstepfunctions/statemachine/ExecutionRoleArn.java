package io.jenkins.plugins.awsstepfunctions.statemachine;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.SettingChecks;

/**
 * The IAM role a state machine's executions (or a tested state) use, given as {@code executionRoleArn}: a step's
 * {@code roleArn} is already the role its connection assumes.
 */
public final class ExecutionRoleArn {

    private ExecutionRoleArn() {}

    /**
     * @return the ARN, stripped; {@code null} when not given and not required
     * @throws InvalidSettingException naming {@code executionRoleArn}: required and missing, or not a role ARN
     */
    public static String check(String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw new InvalidSettingException(
                        "executionRoleArn",
                        "is required: the IAM role the state machine's executions use (roleArn is the role the"
                                + " connection assumes)");
            }
            return null;
        }
        return SettingChecks.roleArn("executionRoleArn", value.strip());
    }
}
