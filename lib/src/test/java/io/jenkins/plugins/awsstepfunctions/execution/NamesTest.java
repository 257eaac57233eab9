package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"build-42", "release_2026.11.25", "x", "déploiement-été", "a(b)c'd!@+=."})
    void namesWithinTheRulesAreAccepted(String name) {
        assertThat(Names.executionName("name", name)).isEqualTo(name);
    }

    @Test
    void eightyCharactersAreAcceptedAndEightyOneAreNot() {
        assertThat(Names.executionName("name", "n".repeat(80))).hasSize(80);
        assertThatThrownBy(() -> Names.executionName("name", "n".repeat(81)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("name: has 81 characters; at most 80 are allowed");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "build 42|white space at position 6",
                "build#42|'#' at position 6",
                "feature/x|'/' at position 8",
                "a:b|':' at position 2",
                "<b>|'<' at position 1",
                "$HOME|'$' at position 1",
            })
    void forbiddenCharactersAreNamedWithTheirPosition(String name, String problem) {
        assertThatThrownBy(() -> Names.executionName("name", name))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("name: '" + name + "' contains " + problem + "; names may not contain white space,"
                        + " control characters or any of < > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /");
    }

    @Test
    void controlCharactersAreShownEscaped() {
        assertThatThrownBy(() -> Names.executionName("name", "a\u0007b"))
                .hasMessageStartingWith("name: 'a\\u0007b' contains a control character at position 2");
    }

    @Test
    void emptyNameIsRejected() {
        assertThatThrownBy(() -> Names.executionName("name", ""))
                .hasMessage("name: is empty; give 1 to 80 characters, or leave it out for a name derived from the"
                        + " build");
    }
}
