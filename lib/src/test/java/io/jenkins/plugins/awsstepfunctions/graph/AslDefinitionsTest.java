package io.jenkins.plugins.awsstepfunctions.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a diagram reads from a definition: states, arrows and their labels, groups. */
class AslDefinitionsTest {

    @Test
    void choicesReadAsConditionsInTheirQueryLanguage() throws IOException {
        Scope jsonPath = AslDefinitions.parse(
                Files.readString(Path.of("src/test/resources/state-machines/diagrams/choice-loop.asl.json")));
        Scope jsonata = AslDefinitions.parse(
                Files.readString(Path.of("src/test/resources/state-machines/diagrams/jsonata.asl.json")));

        assertThat(jsonPath.state("Check").orElseThrow().transitions())
                .extracting(Transition::kind, Transition::target, Transition::label)
                .containsExactly(
                        tuple(Transition.Kind.CHOICE, "Finished", "$.job.status == \"DONE\""),
                        tuple(Transition.Kind.CHOICE, "WaitAWhile", "($.job.status == \"PENDING\" and $.tries < 3)"),
                        tuple(Transition.Kind.DEFAULT, "GiveUp", "Default"));
        assertThat(jsonata.state("Grade").orElseThrow().transitions())
                .extracting(Transition::label)
                .startsWith("$states.input.score > 10");
        assertThat(jsonPath.state("Submit").orElseThrow().retries()).isEqualTo(1);
        assertThat(jsonPath.state("Submit").orElseThrow().transitions())
                .extracting(Transition::kind, Transition::label)
                .containsExactly(
                        tuple(Transition.Kind.NEXT, ""), tuple(Transition.Kind.CATCH, "States.Timeout, Job.Lost"));
    }

    @Test
    void parallelBranchesAndMapProcessorsAreNestedScopes() throws IOException {
        Scope scope = AslDefinitions.parse(
                Files.readString(Path.of("src/test/resources/state-machines/diagrams/map-in-parallel.asl.json")));
        Scope distributed = AslDefinitions.parse(
                Files.readString(Path.of("src/test/resources/state-machines/diagrams/distributed-map.asl.json")));

        StateSpec fan = scope.state("Fan").orElseThrow();
        assertThat(fan.children()).extracting(Scope::startAt).containsExactly("Left", "Right");
        assertThat(fan.children()
                        .get(0)
                        .state("Left")
                        .orElseThrow()
                        .children()
                        .get(0)
                        .startAt())
                .isEqualTo("L1");
        assertThat(scope.allStates())
                .extracting(StateSpec::name)
                .containsExactly("Fan", "Left", "L1", "L2", "Right", "R1", "Recover", "After");
        assertThat(distributed.state("ProcessObjects").orElseThrow().distributed())
                .isTrue();
        assertThat(fan.distributed()).isFalse();
        StateSpec canary = AslDefinitions.parse(StateMachines.definition("parallel-fail")).allStates().stream()
                .filter(s -> s.name().equals("Canary"))
                .findFirst()
                .orElseThrow();
        assertThat(canary.error()).isEqualTo("Canary.Failed");
        assertThat(canary.cause()).isEqualTo("error rate 7% > 1%");
        assertThat(canary.end()).isTrue();
    }

    @Test
    void aDefinitionThatCannotBeDrawnSaysWhere() {
        assertThatThrownBy(() -> AslDefinitions.parse("{\"States\": {}}"))
                .isInstanceOf(DefinitionException.class)
                .hasMessage("the definition has no StartAt");
        assertThatThrownBy(() -> AslDefinitions.parse(
                        "{\"StartAt\": \"A\", \"States\": {\"B\": {\"Type\": \"Pass\", \"End\": true}}}"))
                .hasMessage("the definition starts at 'A', which is not one of its States");
        assertThatThrownBy(
                        () -> AslDefinitions.parse(
                                "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", \"Branches\": [{\"StartAt\": \"X\"}], \"End\": true}}}"))
                .hasMessage("branch 1 of 'P''s States is not a JSON object");
        assertThatThrownBy(() -> AslDefinitions.parse("not json"))
                .isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith("the state machine definition is not valid JSON");
    }
}
