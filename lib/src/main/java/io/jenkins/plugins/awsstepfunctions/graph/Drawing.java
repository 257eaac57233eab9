package io.jenkins.plugins.awsstepfunctions.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A definition read and laid out once: executions of the same state machine revision share it. The last
 * {@value #CACHED} definitions drawn are kept, by their text's SHA-256.
 *
 * @param definition the definition's text
 * @param scope the definition's states
 * @param diagram their layout
 */
public record Drawing(String definition, Scope scope, Diagram diagram) {

    static final int CACHED = 64;

    private static final Map<String, Drawing> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Drawing> eldest) {
            return size() > CACHED;
        }
    };

    /**
     * @throws DefinitionException when the definition cannot be drawn
     */
    public static Drawing of(String definition) {
        String key = sha256(definition);
        synchronized (CACHE) {
            Drawing cached = CACHE.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Scope scope = AslDefinitions.parse(definition);
        Drawing drawing = new Drawing(definition, scope, GraphLayout.layout(scope));
        synchronized (CACHE) {
            CACHE.put(key, drawing);
        }
        return drawing;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
