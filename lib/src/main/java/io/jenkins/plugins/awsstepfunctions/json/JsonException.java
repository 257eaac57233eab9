package io.jenkins.plugins.awsstepfunctions.json;

/** Text that is not JSON, or a value that cannot be written as JSON. The message names where. */
public class JsonException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }

    public JsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
