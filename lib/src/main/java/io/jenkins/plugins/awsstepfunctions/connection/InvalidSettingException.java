package io.jenkins.plugins.awsstepfunctions.connection;

/**
 * A connection parameter has a value that cannot work. The message names the parameter, says what is wrong with the
 * value and what is allowed; it never contains a secret.
 */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidSettingException(String parameter, String problem) {
        super(parameter + ": " + problem);
        this.parameter = parameter;
    }

    public InvalidSettingException(String parameter, String problem, Throwable cause) {
        super(parameter + ": " + problem, cause);
        this.parameter = parameter;
    }

    /** The parameter's name as the user wrote it, e.g. {@code region} or {@code clientConfig.retries.mode}. */
    public String parameter() {
        return parameter;
    }
}
