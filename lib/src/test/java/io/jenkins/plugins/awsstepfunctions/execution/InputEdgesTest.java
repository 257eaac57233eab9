package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs that used to pass the local checks and then fail at the service or in the SDK: refused before any call. */
class InputEdgesTest {

    /** Stands for a Groovy GString: a CharSequence that is not a java.lang.String. */
    private record GString(String text) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"a\": 1 /* a comment */}",
                "// a comment\n{\"a\": 1}",
                "{\"a\": 1} // trailing",
                "# yaml comment\n{}"
            })
    void jsonWithCommentsIsRefusedAsInput(String text) {
        assertThatThrownBy(() -> ExecutionInput.ofJson("input", text))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("input: ");
    }

    @Test
    void aMapThatContainsItselfIsRefusedWithItsPath() {
        Map<String, Object> inner = new HashMap<>();
        Map<String, Object> outer = new LinkedHashMap<>(Map.of("release", 1));
        outer.put("inner", inner);
        inner.put("back", outer);

        assertThatThrownBy(() -> ExecutionInput.of("input", outer))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("input.inner.back contains itself");
    }

    @Test
    void aListThatContainsItselfIsRefused() {
        List<Object> list = new ArrayList<>();
        list.add(list);

        assertThatThrownBy(() -> ExecutionInput.of("input", Map.of("items", list)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("input.items[0] contains itself");
    }

    @Test
    void theSameMapTwiceSideBySideIsNoCycle() {
        Map<String, Object> shared = Map.of("k", "v");

        assertThat(ExecutionInput.of("input", Map.of("a", shared, "b", List.of(shared, shared)))
                        .json())
                .contains("\"a\":{\"k\":\"v\"}");
    }

    @Test
    void valuesNestedTooDeepAreRefusedBeforeAnyCall() {
        Object deep = "leaf";
        for (int i = 0; i < 1_001; i++) {
            deep = i % 2 == 0 ? Map.of("k", deep) : List.of(deep);
        }
        Object value = deep;

        assertThatThrownBy(() -> ExecutionInput.of("input", value))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("is nested more than " + Json.MAX_DEPTH + " levels deep");
    }

    @Test
    void jsonTextNestedTooDeepIsRefusedBeforeAnyCall() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);

        assertThatThrownBy(() -> ExecutionInput.ofJson("input", deep))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("input: ");
    }

    @Test
    void jsonTextAtTheDepthLimitIsAccepted() {
        String atLimit = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);

        assertThat(ExecutionInput.ofJson("input", atLimit).json()).isEqualTo(atLimit);
    }

    @Test
    void clientConfigKeysMayBeAnyTextSuchAsGroovyGStrings() {
        Map<Object, Object> config = new LinkedHashMap<>();
        config.put(new GString("retries"), Map.of(new GString("total_max_attempts"), 3));
        config.put(new GString("read_timeout"), 20);

        ClientSettings settings = ClientSettings.fromMap("clientConfig", config);

        assertThat(settings.totalMaxAttempts()).contains(3);
        assertThat(settings.readTimeout()).contains(java.time.Duration.ofSeconds(20));
    }

    @Test
    void clientConfigKeysThatAreNotTextAreRefusedByTheirType() {
        assertThatThrownBy(() -> ClientSettings.fromMap("clientConfig", Map.of(5, "x")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("clientConfig: keys must be strings, not the number 5");
        assertThatThrownBy(() -> ClientSettings.fromMap("clientConfig", Map.of("retries", Map.of(true, 1))))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("clientConfig.retries: keys must be strings, not ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"build-\uD800", "\uDC00-build", "a\uDBFFb"})
    void namesWithHalfACharacterAreRefused(String name) {
        assertThatThrownBy(() -> Names.executionName("name", name))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("half of a character (an unpaired UTF-16 surrogate)");
    }

    @Test
    void namesWithWholeCharactersBeyondTheBasicPlaneAreAccepted() {
        assertThat(Names.executionName("name", "deploy-\uD83D\uDE80")).isEqualTo("deploy-\uD83D\uDE80");
    }
}
