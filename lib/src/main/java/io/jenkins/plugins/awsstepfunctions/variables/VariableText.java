package io.jenkins.plugins.awsstepfunctions.variables;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A field value as a freestyle build expands it: literal text and references to build variables, {@code ${NAME}} or
 * {@code $NAME} (letters, digits and {@code _}; inside braces also {@code .}), with {@code $$} for a literal
 * {@code $}, as Jenkins' {@code Util.replaceMacro} reads them.
 */
public final class VariableText {

    /** One piece of the text: a literal, or a reference with the variable's name. */
    public record Segment(String text, String variable) {
        public boolean isReference() {
            return variable != null;
        }
    }

    private final List<Segment> segments;

    private VariableText(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /** @throws InvalidSettingException naming the parameter when a {@code ${} has no closing brace */
    public static VariableText parse(String parameter, String value) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c != '$' || i + 1 >= value.length()) {
                literal.append(c);
                i++;
                continue;
            }
            char next = value.charAt(i + 1);
            if (next == '$') {
                literal.append('$');
                i += 2;
            } else if (next == '{') {
                int close = value.indexOf('}', i + 2);
                String name = close < 0 ? null : value.substring(i + 2, close);
                if (name == null || name.isEmpty() || !name.chars().allMatch(ch -> isNameChar(ch) || ch == '.')) {
                    if (close < 0) {
                        throw new InvalidSettingException(
                                parameter,
                                "'${' at position " + (i + 1) + " has no"
                                        + " closing '}'; write ${NAME} to use the build variable NAME, or $$ for a '$'");
                    }
                    literal.append(c);
                    i++;
                    continue;
                }
                flush(literal, segments);
                segments.add(new Segment(value.substring(i, close + 1), name));
                i = close + 1;
            } else if (isNameChar(next)) {
                int end = i + 1;
                while (end < value.length() && isNameChar(value.charAt(end))) {
                    end++;
                }
                flush(literal, segments);
                segments.add(new Segment(value.substring(i, end), value.substring(i + 1, end)));
                i = end;
            } else {
                literal.append(c);
                i++;
            }
        }
        flush(literal, segments);
        return new VariableText(segments);
    }

    private static boolean isNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static void flush(StringBuilder literal, List<Segment> segments) {
        if (literal.length() > 0) {
            segments.add(new Segment(literal.toString(), null));
            literal.setLength(0);
        }
    }

    public List<Segment> segments() {
        return segments;
    }

    public boolean hasReferences() {
        return segments.stream().anyMatch(Segment::isReference);
    }

    /** The references as written, e.g. {@code ${SFN_EXECUTION_ARN}, $REGION}. */
    public String references() {
        return String.join(
                ", ",
                segments.stream()
                        .filter(Segment::isReference)
                        .map(Segment::text)
                        .toList());
    }

    /** The text with each reference replaced (literals as they will be once expanded, {@code $$} as {@code $}). */
    public String with(Function<String, String> valueOfVariable) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            out.append(segment.isReference() ? valueOfVariable.apply(segment.variable()) : segment.text());
        }
        return out.toString();
    }
}
