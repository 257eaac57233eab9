package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DefaultExecutionNameTest {

    private static final long STARTED = 1_796_058_894_405L;

    @Test
    void theSameBuildAndStepAlwaysGiveTheSameName() {
        assertThat(DefaultExecutionName.of("team/release", 42, STARTED, "7"))
                .isEqualTo(DefaultExecutionName.of("team/release", 42, STARTED, "7"))
                .matches("team-release-42-[0-9a-f]{12}");
    }

    @Test
    void anotherStepOfTheSameBuildGetsAnotherName() {
        assertThat(DefaultExecutionName.of("release", 42, STARTED, "7"))
                .isNotEqualTo(DefaultExecutionName.of("release", 42, STARTED, "12"));
    }

    @Test
    void aRecreatedJobWhoseBuildNumbersStartAgainNeverMeetsItsPredecessor() {
        assertThat(DefaultExecutionName.of("release", 1, STARTED, "3"))
                .isNotEqualTo(DefaultExecutionName.of("release", 1, STARTED + 86_400_000L, "3"));
    }

    @Test
    void jobsWhoseNamesReduceToTheSameTextStillGetDifferentNames() {
        assertThat(DefaultExecutionName.of("a b", 1, STARTED, "3"))
                .isNotEqualTo(DefaultExecutionName.of("a/b", 1, STARTED, "3"));
    }

    static Stream<String> jobNames() {
        return Stream.of(
                "déploiement été",
                "folder/sub folder/job #1",
                "a:b;c,d&e$f",
                "日本語",
                "---",
                "x".repeat(200),
                "folder/" + "y".repeat(120) + "/deploy");
    }

    @ParameterizedTest
    @MethodSource("jobNames")
    void everyJobNameGivesAValidNameOfAtMost80CharactersThatCloudWatchLogsAccepts(String job) {
        String name = DefaultExecutionName.of(job, Long.MAX_VALUE, STARTED, "123");

        assertThat(name).hasSizeLessThanOrEqualTo(80).matches("[A-Za-z0-9_-]+");
        assertThat(Names.executionName("name", name)).isEqualTo(name);
    }

    @Test
    void aLongFullNameKeepsTheJobAndLosesTheFolders() {
        String name = DefaultExecutionName.of("folder/" + "f".repeat(100) + "/deploy-prod", 7, STARTED, "5");

        assertThat(name).hasSize(80).contains("-deploy-prod-7-").doesNotContain("folder");
    }

    @Test
    void manyBuildsAndStepsNeverShareAName() {
        Set<String> names = new HashSet<>();
        for (int build = 1; build <= 200; build++) {
            for (int step = 1; step <= 50; step++) {
                names.add(DefaultExecutionName.of("release", build, STARTED + build, Integer.toString(step)));
            }
        }
        assertThat(names).hasSize(200 * 50);
    }

    @Test
    void aMissingJobOrPositionIsNamed() {
        assertThatThrownBy(() -> DefaultExecutionName.of(" ", 1, STARTED, "1"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("jobFullName: is empty");
        assertThatThrownBy(() -> DefaultExecutionName.of("job", 1, STARTED, ""))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("position: is empty");
    }
}
