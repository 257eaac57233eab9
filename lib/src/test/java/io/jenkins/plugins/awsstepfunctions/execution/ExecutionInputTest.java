package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionInputTest {

    @Test
    void mapsAreWrittenAsJson() {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("build", 42);
        input.put("tags", List.of("a", "b"));

        assertThat(ExecutionInput.of("input", input).json()).isEqualTo("{\"build\":42,\"tags\":[\"a\",\"b\"]}");
    }

    @Test
    void textIsTakenAsJsonUnchanged() {
        assertThat(ExecutionInput.of("input", "{ \"build\" : 42 }").json()).isEqualTo("{ \"build\" : 42 }");
        assertThat(ExecutionInput.of("input", "\"just a string\"").json()).isEqualTo("\"just a string\"");
    }

    @Test
    void textThatIsNotJsonIsRefusedWithAHint() {
        assertThatThrownBy(() -> ExecutionInput.of("input", "hello"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("input: the text is not valid JSON: Unrecognized token 'hello'")
                .hasMessageEndingWith("(to pass a plain string, write it as a JSON string in double quotes)");
    }

    @Test
    void inputOverTheLimitIsRefusedBeforeAnyCall() {
        String big = "\"" + "x".repeat(ExecutionInput.MAX_BYTES) + "\"";

        assertThatThrownBy(() -> ExecutionInput.of("input", big))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("input: is 262,146 bytes of JSON; Step Functions accepts at most 262,144 bytes (256 KiB)."
                        + " Pass a reference instead, such as an S3 URI of the data");
    }

    @Test
    void multiByteCharactersCountAsTheirUtf8Bytes() {
        String justFits = "\"" + "é".repeat((ExecutionInput.MAX_BYTES - 2) / 2) + "\"";
        String tooBig = "\"" + "é".repeat((ExecutionInput.MAX_BYTES - 2) / 2 + 1) + "\"";

        assertThat(ExecutionInput.of("input", justFits).json()).isEqualTo(justFits);
        assertThatThrownBy(() -> ExecutionInput.of("input", tooBig)).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void valuesJsonCannotExpressAreRefused() {
        assertThatThrownBy(() -> ExecutionInput.of("input", Map.of("when", new Object())))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("input: input.when is a java.lang.Object, which JSON cannot express");
    }
}
