package io.jenkins.plugins.awsstepfunctions.statemachine;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alias's routing as a step is given it: a map of version to weight (a Pipeline's {@code ['new': 10, '3': 90]}),
 * or text (a build step's {@code new=10,3=90}). What the versions and weights must be is {@link DeployRequest}'s to
 * check; this reads the two forms.
 */
public final class Routing {

    private static final String EXAMPLE = "new=10,3=90 (this deploy's version 10 %, version 3 90 %)";

    private Routing() {}

    /**
     * @return version to weight in the order given; {@code null} when not given (or blank text)
     * @throws InvalidSettingException naming {@code routing}: neither a map nor text, a pair that is not
     *     version=weight, a version named twice, a weight that is not a whole number
     */
    public static Map<String, Integer> parse(Object routing) {
        if (routing == null) {
            return null;
        }
        if (routing instanceof CharSequence text) {
            return parseText(text.toString());
        }
        if (routing instanceof Map<?, ?> map) {
            Map<String, Integer> weights = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String version = String.valueOf(entry.getKey()).strip();
                if (weights.containsKey(version)) {
                    throw new InvalidSettingException("routing", "names the version '" + version + "' twice");
                }
                weights.put(version, weight(version, entry.getValue()));
            }
            return weights;
        }
        throw new InvalidSettingException(
                "routing",
                "must be a map such as ['new': 10, '3': 90] or text such as new=10,3=90, not " + kind(routing));
    }

    /** Version=weight pairs separated by commas, spaces allowed around both; {@code null} when blank. */
    public static Map<String, Integer> parseText(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String pair : text.strip().split(",", -1)) {
            int equals = pair.indexOf('=');
            String version = equals < 0 ? "" : pair.substring(0, equals).strip();
            if (version.isEmpty()) {
                throw new InvalidSettingException(
                        "routing", "'" + pair.strip() + "' is not version=weight; write " + EXAMPLE);
            }
            if (weights.containsKey(version)) {
                throw new InvalidSettingException("routing", "names the version '" + version + "' twice");
            }
            weights.put(version, weight(version, pair.substring(equals + 1).strip()));
        }
        return weights;
    }

    /**
     * Routing text checked as a deploy would check it (one or two versions, each {@code new}, a number or a version
     * ARN, weights adding up to 100), for a form that knows nothing else of the deploy.
     */
    public static void checkText(String text) {
        Map<String, Integer> weights = parseText(text);
        if (weights != null) {
            DeployRequest.builder()
                    .name("routing-check")
                    .definition("{}")
                    .roleArn("arn:aws:iam::123456789012:role/routing-check")
                    .publish(true, null)
                    .alias("routing-check", weights)
                    .build();
        }
    }

    private static String kind(Object value) {
        if (value instanceof java.util.Collection<?>) {
            return "a list";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "true or false";
        }
        return "a " + value.getClass().getSimpleName();
    }

    private static Integer weight(String version, Object value) {
        try {
            // A Groovy map keeps its values as written: a weight may be a GString, or text with spaces.
            BigDecimal number = value instanceof Number n
                    ? new BigDecimal(n.toString())
                    : new BigDecimal(((CharSequence) value).toString().strip());
            return number.intValueExact();
        } catch (ArithmeticException | ClassCastException | NumberFormatException | NullPointerException e) {
            throw new InvalidSettingException(
                    "routing",
                    "the weight of '" + version + "' must be a whole number from 0 to 100, not '" + value + "'");
        }
    }
}
