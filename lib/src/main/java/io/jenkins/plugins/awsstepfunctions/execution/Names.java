package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;

/** Step Functions' rules for execution and state machine names. */
public final class Names {

    public static final int MAX_LENGTH = 80;
    private static final String FORBIDDEN = "<>{}[]?*\"#%\\^|~`$&,;:/";

    private Names() {}

    /**
     * Checks an execution name: 1 to 80 characters, no white space, no control characters, none of
     * {@code < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /}.
     *
     * @throws InvalidSettingException naming the parameter and the first character that is not allowed
     */
    public static String executionName(String parameter, String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidSettingException(
                    parameter,
                    "is empty; give 1 to " + MAX_LENGTH
                            + " characters, or leave it out for a name derived from the build");
        }
        int length = name.codePointCount(0, name.length());
        if (length > MAX_LENGTH) {
            throw new InvalidSettingException(
                    parameter, "has " + length + " characters; at most " + MAX_LENGTH + " are allowed");
        }
        for (int i = 0; i < name.length(); i = name.offsetByCodePoints(i, 1)) {
            int c = name.codePointAt(i);
            String problem = null;
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                problem = "white space";
            } else if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) {
                problem = "a control character";
            } else if (c <= 0xFFFF && Character.isSurrogate((char) c)) {
                problem = "half of a character (an unpaired UTF-16 surrogate)";
            } else if (FORBIDDEN.indexOf(c) >= 0) {
                problem = "'" + Character.toString(c) + "'";
            }
            if (problem != null) {
                throw new InvalidSettingException(
                        parameter,
                        "'" + printable(name) + "' contains " + problem
                                + " at position " + (name.codePointCount(0, i) + 1)
                                + "; names may not contain white space,"
                                + " control characters or any of < > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /");
            }
        }
        return name;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder();
        name.codePoints()
                .forEach(c -> out.append(
                        c < 0x20 || (c >= 0x7f && c <= 0x9f) ? String.format("\\u%04x", c) : Character.toString(c)));
        return out.toString();
    }
}
