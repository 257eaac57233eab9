package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.json.JsonException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The JSON input of an execution, validated and checked against Step Functions' 256 KiB limit. */
public final class ExecutionInput implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Step Functions' limit for input and output: 256 KiB of UTF-8. */
    public static final int MAX_BYTES = 256 * 1024;

    private static final ExecutionInput EMPTY_OBJECT = new ExecutionInput("{}");

    private final String json;

    private ExecutionInput(String json) {
        this.json = json;
    }

    /** {@code {}}, what Step Functions uses when no input is given. */
    public static ExecutionInput emptyObject() {
        return EMPTY_OBJECT;
    }

    /**
     * Input from a value: text is taken as JSON (as Airflow's {@code state_machine_input} does); maps, lists, numbers,
     * booleans and null are written as JSON.
     *
     * @throws InvalidSettingException naming the parameter, when the text is not JSON, a value cannot be written as
     *     JSON, or the result exceeds 256 KiB
     */
    public static ExecutionInput of(String parameter, Object value) {
        if (value instanceof CharSequence text) {
            return ofJson(parameter, text.toString());
        }
        try {
            return checked(parameter, Json.write(parameter, value));
        } catch (JsonException e) {
            throw new InvalidSettingException(parameter, e.getMessage(), e);
        }
    }

    public static ExecutionInput ofJson(String parameter, String text) {
        try {
            Json.parse("the text", text);
        } catch (JsonException e) {
            throw new InvalidSettingException(
                    parameter,
                    e.getMessage() + " (to pass a plain string, write it as a" + " JSON string in double quotes)",
                    e);
        }
        return checked(parameter, text);
    }

    private static ExecutionInput checked(String parameter, String json) {
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new InvalidSettingException(
                    parameter,
                    String.format(
                            Locale.ROOT,
                            "is %,d bytes of JSON;"
                                    + " Step Functions accepts at most %,d bytes (256 KiB). Pass a reference instead, such as an S3"
                                    + " URI of the data",
                            bytes,
                            MAX_BYTES));
        }
        return new ExecutionInput(json);
    }

    public String json() {
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExecutionInput other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    @Override
    public String toString() {
        return json.length() <= 200 ? json : json.substring(0, 197) + "...";
    }
}
