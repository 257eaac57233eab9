package io.jenkins.plugins.awsstepfunctions.variables;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.execution.Names;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.json.JsonException;
import java.util.function.Consumer;

/**
 * Checks a form value that a freestyle build expands before using it. Without variable references it is checked
 * whole, as the build will; with them, what can be known before the build is checked (the literal parts, and the
 * shape where the kind of value allows), and the verdict says the rest is checked when the build expands it.
 */
public final class DeferredCheck {

    /** What the form shows: nothing or a note ({@code OK}), a {@code WARNING}, or an {@code ERROR}. */
    public record Verdict(Level level, String message) {
        public enum Level {
            OK,
            WARNING,
            ERROR
        }

        static Verdict ok(String message) {
            return new Verdict(Level.OK, message);
        }
    }

    /** The kinds of value, each with what its literal parts must satisfy. */
    public enum Kind {
        /** An ARN: no white space or control characters, and it starts with {@code arn:} or a variable. */
        ARN,
        /** An execution name: its literal parts follow the name rules and leave room within 80 characters. */
        NAME,
        /** JSON: with every variable standing for a JSON value it must parse; otherwise it is a warning. */
        JSON,
        /** Anything else (a region, an endpoint URL): no white space or control characters in the literal parts. */
        TEXT
    }

    private DeferredCheck() {}

    /**
     * @param whole the check a value without variables must pass; it throws {@link InvalidSettingException} (or
     *     {@link JsonException}) with the message to show
     */
    public static Verdict check(String parameter, String value, Kind kind, Consumer<String> whole) {
        VariableText text;
        try {
            text = VariableText.parse(parameter, value);
        } catch (InvalidSettingException e) {
            return new Verdict(kind == Kind.JSON ? Verdict.Level.WARNING : Verdict.Level.ERROR, e.getMessage());
        }
        if (!text.hasReferences()) {
            try {
                whole.accept(text.with(variable -> ""));
                return Verdict.ok(null);
            } catch (InvalidSettingException | JsonException e) {
                return new Verdict(Verdict.Level.ERROR, e.getMessage());
            }
        }
        String deferred = "Uses " + text.references() + ": the build expands "
                + (text.references().contains(",") ? "them" : "it") + ", then checks the value";
        try {
            switch (kind) {
                case ARN -> checkArn(parameter, text);
                case NAME -> checkName(parameter, text);
                case JSON -> {
                    if (!parsesWithValues(text)) {
                        return new Verdict(
                                Verdict.Level.WARNING,
                                parameter + ": is not JSON as long as "
                                        + text.references() + " stand for JSON values; check that it is once the build"
                                        + " expands them");
                    }
                }
                case TEXT -> literalsWithoutSpace(parameter, text);
            }
        } catch (InvalidSettingException e) {
            return new Verdict(Verdict.Level.ERROR, e.getMessage());
        }
        return Verdict.ok(deferred);
    }

    private static void checkArn(String parameter, VariableText text) {
        literalsWithoutSpace(parameter, text);
        VariableText.Segment first = text.segments().get(0);
        if (!first.isReference() && !first.text().startsWith("arn:") && !"arn:".startsWith(first.text())) {
            throw new InvalidSettingException(
                    parameter,
                    "'" + first.text() + "' cannot begin an ARN; an ARN"
                            + " starts with arn: (or with a variable that holds it all, such as ${SFN_EXECUTION_ARN})");
        }
    }

    private static void checkName(String parameter, VariableText text) {
        int literalLength = 0;
        for (VariableText.Segment segment : text.segments()) {
            if (!segment.isReference()) {
                Names.executionName(parameter, segment.text());
                literalLength += segment.text().codePointCount(0, segment.text().length());
            }
        }
        if (literalLength > Names.MAX_LENGTH) {
            throw new InvalidSettingException(
                    parameter,
                    "has " + literalLength + " characters besides its variables;" + " at most " + Names.MAX_LENGTH
                            + " are allowed in all");
        }
    }

    private static void literalsWithoutSpace(String parameter, VariableText text) {
        for (VariableText.Segment segment : text.segments()) {
            if (!segment.isReference()) {
                segment.text()
                        .codePoints()
                        .filter(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                        .findFirst()
                        .ifPresent(c -> {
                            throw new InvalidSettingException(
                                    parameter,
                                    "contains "
                                            + (Character.isWhitespace(c) ? "white space" : "a control character")
                                            + " outside its variables; remove it");
                        });
            }
        }
    }

    /** Whether some JSON value for every variable (a number, or text inside a string) makes it JSON. */
    private static boolean parsesWithValues(VariableText text) {
        try {
            Json.parse("input", text.with(variable -> "0"));
            return true;
        } catch (JsonException e) {
            return false;
        }
    }
}
