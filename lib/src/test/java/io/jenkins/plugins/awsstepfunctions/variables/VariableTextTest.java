package io.jenkins.plugins.awsstepfunctions.variables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** References read as Jenkins' Util.replaceMacro reads them. */
class VariableTextTest {

    private static final Map<String, String> VARIABLES = Map.of("A", "1", "B_2", "two", "x.y", "dotted");

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "${A}|1",
                "$A-$B_2|1-two",
                "pre${x.y}post|predottedpost",
                "$$A|$A",
                "a$|a$",
                "$-x|$-x",
                "${}|${}",
                "${a b}|${a b}",
                "plain|plain",
            })
    void referencesAreExpandedLikeABuildExpandsThem(String value, String expanded) {
        assertThat(VariableText.parse("p", value).with(VARIABLES::get)).isEqualTo(expanded);
    }

    @Test
    void referencesAreListedAsWritten() {
        VariableText text = VariableText.parse("p", "arn:${PARTITION}:states:$REGION:x");

        assertThat(text.hasReferences()).isTrue();
        assertThat(text.references()).isEqualTo("${PARTITION}, $REGION");
        assertThat(text.segments())
                .extracting(VariableText.Segment::text)
                .containsExactly("arn:", "${PARTITION}", ":states:", "$REGION", ":x");
    }

    @Test
    void textWithoutReferencesHasNone() {
        assertThat(VariableText.parse("p", "arn:aws:states:us-east-1:1:x$$").hasReferences())
                .isFalse();
    }
}
