package io.jenkins.plugins.awsstepfunctions.json;

import java.io.IOException;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonLocation;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;

/**
 * JSON text to and from plain Java values: {@link LinkedHashMap}, {@link ArrayList}, {@link String}, {@link Long}
 * (whole numbers that fit), {@link BigDecimal} (every other number, exactly), {@link Boolean} and {@code null}. All of
 * them are {@code Serializable}, which is what a Jenkins Pipeline needs to keep them across a restart.
 */
public final class Json {

    private static final JsonFactory FACTORY = JsonNodeParser.DEFAULT_JSON_FACTORY;
    private static final JsonNodeParser PARSER = JsonNodeParser.create();
    /** Deeper maps and lists are refused: JSON libraries (and services) stop at about a thousand levels. */
    public static final int MAX_DEPTH = 500;

    private Json() {}

    /**
     * Parses one JSON document.
     *
     * @param what what the text is, for the message, e.g. {@code "input"} or {@code "the output of arn:..."}
     * @throws JsonException naming {@code what} and the position when the text is not exactly one JSON value
     */
    public static Object parse(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new JsonException(what + " is empty; JSON such as {} or {\"key\": \"value\"} is required");
        }
        requireSingleDocument(what, text);
        return toJava(PARSER.parse(text));
    }

    /**
     * Writes a value as compact JSON text. Maps need string keys (Groovy GStrings count as strings); lists,
     * arrays, strings, numbers, booleans and null are written as they are.
     *
     * @param what the value's name, for the message, e.g. {@code "input"}
     * @throws JsonException naming the path of the first value that JSON cannot express, e.g. {@code input.items[2]}
     */
    public static String write(String what, Object value) {
        try (JsonWriter writer = JsonWriter.create()) {
            write(writer, what, value, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
            return new String(writer.getBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void write(JsonWriter writer, String path, Object value, Set<Object> enclosing, int depth) {
        boolean container = value instanceof Map<?, ?>
                || value instanceof Iterable<?>
                || (value != null && value.getClass().isArray());
        if (container) {
            if (depth >= MAX_DEPTH) {
                throw new JsonException(path + " is nested more than " + MAX_DEPTH + " levels deep; JSON input may"
                        + " nest maps and lists at most " + MAX_DEPTH + " levels");
            }
            if (!enclosing.add(value)) {
                throw new JsonException(path + " contains itself (a map or list that refers back to one that"
                        + " encloses it), which JSON cannot express");
            }
        }
        try {
            writeValue(writer, path, value, enclosing, depth);
        } finally {
            if (container) {
                enclosing.remove(value);
            }
        }
    }

    private static void writeValue(JsonWriter writer, String path, Object value, Set<Object> enclosing, int depth) {
        if (value == null) {
            writer.writeNull();
        } else if (value instanceof CharSequence text) {
            writer.writeValue(text.toString());
        } else if (value instanceof Boolean b) {
            writer.writeValue(b);
        } else if (value instanceof Number number) {
            writeNumber(writer, path, number);
        } else if (value instanceof Map<?, ?> map) {
            writer.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof CharSequence)) {
                    throw new JsonException(path + " has a key that is not a string (" + describe(entry.getKey())
                            + "); JSON object keys must be strings");
                }
                String key = entry.getKey().toString();
                writer.writeFieldName(key);
                write(writer, path + "." + key, entry.getValue(), enclosing, depth + 1);
            }
            writer.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            writer.writeStartArray();
            int i = 0;
            for (Object item : items) {
                write(writer, path + "[" + i++ + "]", item, enclosing, depth + 1);
            }
            writer.writeEndArray();
        } else if (value.getClass().isArray()) {
            writer.writeStartArray();
            for (int i = 0; i < Array.getLength(value); i++) {
                write(writer, path + "[" + i + "]", Array.get(value, i), enclosing, depth + 1);
            }
            writer.writeEndArray();
        } else if (value instanceof Character c) {
            writer.writeValue(c.toString());
        } else {
            throw new JsonException(path + " is " + describe(value) + ", which JSON cannot express; use maps,"
                    + " lists, strings, numbers, booleans and null (or give the input as JSON text)");
        }
    }

    private static void writeNumber(JsonWriter writer, String path, Number number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            writer.writeValue(number.longValue());
        } else if (number instanceof BigInteger big) {
            writer.writeNumber(big.toString());
        } else if (number instanceof BigDecimal decimal) {
            // The SDK's writer would quote a BigDecimal, as AWS protocols do.
            writer.writeNumber(decimal.toString());
        } else if (number instanceof Double || number instanceof Float) {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                throw new JsonException(path + " is " + d + ", which JSON cannot express; use a finite number");
            }
            writer.writeNumber(BigDecimal.valueOf(d).toString());
        } else {
            writer.writeNumber(new BigDecimal(number.toString()).toString());
        }
    }

    private static Object toJava(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.asString();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return number(node.asNumber());
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.asArray().forEach(item -> list.add(toJava(item)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        node.asObject().forEach((key, item) -> map.put(key, toJava(item)));
        return map;
    }

    private static Object number(String text) {
        BigDecimal decimal = new BigDecimal(text);
        boolean whole = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (whole) {
            try {
                return decimal.longValueExact();
            } catch (ArithmeticException tooBig) {
                return decimal;
            }
        }
        return decimal;
    }

    /** Reads every token once: syntax errors get a position, and nothing may follow the first value. */
    private static void requireSingleDocument(String what, String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            // Step Functions refuses comments: so does this check, before any call.
            parser.disable(JsonParser.Feature.ALLOW_COMMENTS);
            parser.disable(JsonParser.Feature.ALLOW_YAML_COMMENTS);
            int depth = 0;
            do {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    break;
                }
                if (token.isStructStart() && ++depth > MAX_DEPTH) {
                    throw new JsonException(what + " nests objects and arrays more than " + MAX_DEPTH
                            + " levels deep at " + position(parser.currentTokenLocation()) + "; at most " + MAX_DEPTH
                            + " are accepted");
                }
                if (token.isStructEnd()) {
                    depth--;
                }
            } while (depth > 0);
            if (parser.nextToken() != null) {
                throw new JsonException(what + " is not valid JSON: '" + parser.getText() + "' follows the first"
                        + " value at " + position(parser.currentTokenLocation()) + "; give exactly one JSON value");
            }
        } catch (JsonProcessingException e) {
            throw new JsonException(
                    what + " is not valid JSON: " + e.getOriginalMessage()
                            + (e.getLocation() == null ? "" : " at " + position(e.getLocation())),
                    e);
        } catch (IOException e) {
            throw new JsonException(what + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static String position(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}
