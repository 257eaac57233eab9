package io.jenkins.plugins.awsstepfunctions.connection;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Type checks for the values of a client configuration map, as Groovy, JSON or YAML hand them over. */
final class ClientSettingValues {

    private ClientSettingValues() {}

    static BigDecimal number(String parameter, Object value, String allowed) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        throw new InvalidSettingException(parameter, "must be " + allowed + ", not " + describeType(value));
    }

    static int wholeNumber(String parameter, Object value, int min, int max) {
        String allowed = "a whole number from " + min + " to " + max;
        BigDecimal number = number(parameter, value, allowed);
        if (number.stripTrailingZeros().scale() > 0
                || number.compareTo(BigDecimal.valueOf(min)) < 0
                || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new InvalidSettingException(parameter, number.toPlainString() + " is not allowed; use " + allowed);
        }
        return number.intValueExact();
    }

    static Duration seconds(String parameter, Object value, long maxSeconds) {
        String allowed = "a number of seconds greater than 0 and at most " + maxSeconds;
        BigDecimal seconds = number(parameter, value, allowed);
        if (seconds.signum() <= 0 || seconds.compareTo(BigDecimal.valueOf(maxSeconds)) > 0) {
            throw new InvalidSettingException(parameter, seconds.toPlainString() + " is not allowed; use " + allowed);
        }
        long millis = seconds.movePointRight(3)
                .setScale(0, java.math.RoundingMode.CEILING)
                .longValueExact();
        return Duration.ofMillis(millis);
    }

    static boolean bool(String parameter, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new InvalidSettingException(parameter, "must be true or false, not " + describeType(value));
    }

    static String text(String parameter, Object value) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        throw new InvalidSettingException(parameter, "must be a string, not " + describeType(value));
    }

    /**
     * A map with text keys (Groovy's GStrings, as {@code ["${k}": v]} makes them, count as text), in its order; any
     * other key is refused by its type.
     */
    static Map<String, Object> map(String parameter, Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof CharSequence key)) {
                    throw new InvalidSettingException(
                            parameter, "keys must be strings, not " + describeType(entry.getKey()));
                }
                copy.put(key.toString(), entry.getValue());
            }
            return copy;
        }
        throw new InvalidSettingException(parameter, "must be a map, not " + describeType(value));
    }

    /** Says what kind of value was given without showing it (it could be a secret pasted in the wrong place). */
    static String describeType(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof CharSequence) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "the number " + value;
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List || value.getClass().isArray()) {
            return "a list";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
