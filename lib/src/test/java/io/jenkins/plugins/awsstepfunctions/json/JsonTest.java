package io.jenkins.plugins.awsstepfunctions.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void objectsBecomeOrderedMapsOfPlainValues() {
        Object value = Json.parse("output", "{\"b\":1,\"a\":[true,null,\"x\",2.50,1e3],\"c\":{\"d\":-7}}");

        assertThat(value).isInstanceOf(LinkedHashMap.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(new ArrayList<Object>(map.keySet())).containsExactly("b", "a", "c");
        assertThat(map.get("b")).isEqualTo(1L);
        assertThat(map.get("a"))
                .isInstanceOf(ArrayList.class)
                .isEqualTo(Arrays.asList(true, null, "x", new BigDecimal("2.50"), new BigDecimal("1e3")));
        assertThat(map.get("c")).isEqualTo(Map.of("d", -7L));
    }

    @Test
    void everyJsonTypeAtTheTopLevel() {
        assertThat(Json.parse("output", "[1,2]")).isEqualTo(List.of(1L, 2L));
        assertThat(Json.parse("output", "\"done\"")).isEqualTo("done");
        assertThat(Json.parse("output", "42")).isEqualTo(42L);
        assertThat(Json.parse("output", "0.5")).isEqualTo(new BigDecimal("0.5"));
        assertThat(Json.parse("output", "true")).isEqualTo(true);
        assertThat(Json.parse("output", "null")).isNull();
    }

    @Test
    void wholeNumbersTooBigForALongStayExact() {
        assertThat(Json.parse("output", "123456789012345678901234567890"))
                .isEqualTo(new BigDecimal("123456789012345678901234567890"));
    }

    @Test
    void syntaxErrorsNameTheValueAndThePosition() {
        assertThatThrownBy(() -> Json.parse("input", "{\"a\": 1,}"))
                .isInstanceOf(JsonException.class)
                .hasMessageStartingWith("input is not valid JSON: Unexpected character ('}'")
                .hasMessageEndingWith("at line 1, column 9");
        assertThatThrownBy(() -> Json.parse("input", "{'a': 1}"))
                .hasMessageStartingWith("input is not valid JSON: Unexpected character (''' (code 39))");
    }

    @Test
    void textAfterTheValueIsRefused() {
        assertThatThrownBy(() -> Json.parse("input", "{\"a\":1} {\"b\":2}"))
                .isInstanceOf(JsonException.class)
                .hasMessage("input is not valid JSON: '{' follows the first value at line 1, column 9; give exactly"
                        + " one JSON value");
    }

    @Test
    void emptyTextIsRefused() {
        assertThatThrownBy(() -> Json.parse("input", "  "))
                .hasMessage("input is empty; JSON such as {} or {\"key\": \"value\"} is required");
    }

    @Test
    void plainValuesAreWrittenCompactlyInOrder() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "deploy \"v2\"\n");
        value.put("count", 3);
        value.put("ratio", 0.25);
        value.put("big", new BigInteger("123456789012345678901234567890"));
        value.put("exact", new BigDecimal("1.10"));
        value.put("flags", new boolean[] {true, false});
        value.put("items", Arrays.asList("a", null));
        value.put("nested", Map.of("ok", true));

        assertThat(Json.write("input", value))
                .isEqualTo("{\"name\":\"deploy \\\"v2\\\"\\n\",\"count\":3,"
                        + "\"ratio\":0.25,\"big\":123456789012345678901234567890,\"exact\":1.10,\"flags\":[true,false],"
                        + "\"items\":[\"a\",null],\"nested\":{\"ok\":true}}");
    }

    @Test
    void writtenValuesParseBackToTheSameValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("list", List.of(1L, "two", new BigDecimal("3.5")));
        value.put("none", null);

        assertThat(Json.parse("again", Json.write("input", value))).isEqualTo(value);
    }

    @Test
    void valuesJsonCannotExpressAreRefusedWithTheirPath() {
        Map<String, Object> value = Map.of("items", List.of(1, 2, new Date(0)));
        assertThatThrownBy(() -> Json.write("input", value))
                .isInstanceOf(JsonException.class)
                .hasMessage("input.items[2] is a java.util.Date, which JSON cannot express; use maps, lists, strings,"
                        + " numbers, booleans and null (or give the input as JSON text)");
        assertThatThrownBy(() -> Json.write("input", Map.of(1, "x")))
                .hasMessage("input has a key that is not a string (a java.lang.Integer); JSON object keys must be"
                        + " strings");
        assertThatThrownBy(() -> Json.write("input", List.of(Double.NaN)))
                .hasMessage("input[0] is NaN, which JSON cannot express; use a finite number");
    }
}
