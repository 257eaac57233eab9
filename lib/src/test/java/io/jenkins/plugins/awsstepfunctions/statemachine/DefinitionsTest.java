package io.jenkins.plugins.awsstepfunctions.statemachine;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.testing.EndpointLease;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ValidateStateMachineDefinition (moto does not implement it), with answers shaped as the API reference documents
 * them: result OK or FAIL, diagnostics with severity, code, message and location, truncated.
 */
class DefinitionsTest {

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private EndpointLease endpoint;
    private Definitions definitions;

    @BeforeEach
    void connect() {
        endpoint = EndpointLease.at(service.baseUrl());
        definitions = new Definitions(endpoint.lease());
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void errorsAndWarningsComeBackWithCodeAndLocation() {
        service.stubFor(operation("ValidateStateMachineDefinition")
                .willReturn(jsonResponse(Map.of(
                        "result",
                        "FAIL",
                        "diagnostics",
                        List.of(
                                Map.of(
                                        "severity", "ERROR",
                                        "code", "SCHEMA_VALIDATION_FAILED",
                                        "message", "The field \"Next\" should be non-empty",
                                        "location", "/States/Wait/Next"),
                                Map.of(
                                        "severity", "WARNING",
                                        "code", "STATE_UNREACHABLE",
                                        "message", "State Orphan is not reachable",
                                        "location", "/States/Orphan")),
                        "truncated",
                        false))));

        Validation validation = definitions.validate(StateMachines.definition("wait-then-succeed"), "standard");

        assertThat(validation.passed()).isFalse();
        assertThat(validation.errors())
                .singleElement()
                .extracting(Diagnostic::describe)
                .isEqualTo(
                        "ERROR SCHEMA_VALIDATION_FAILED at /States/Wait/Next: The field \"Next\" should be non-empty");
        assertThat(validation.warnings()).extracting(Diagnostic::code).containsExactly("STATE_UNREACHABLE");
        assertThat(validation.toMaps().get(1))
                .containsEntry("severity", "WARNING")
                .containsEntry("location", "/States/Orphan");
        assertThat(validation.summary()).isEqualTo("The definition is not valid: 1 errors, 1 warnings");
        service.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.type", equalTo("STANDARD")))
                .withRequestBody(matchingJsonPath("$.severity", equalTo("WARNING")))
                .withRequestBody(matchingJsonPath("$.maxResults", equalTo("100"))));
    }

    @Test
    void aValidDefinitionPasses() {
        service.stubFor(operation("ValidateStateMachineDefinition")
                .willReturn(jsonResponse(Map.of("result", "OK", "diagnostics", List.of(), "truncated", false))));

        Validation validation = definitions.validate(StateMachines.definition("pass"), "EXPRESS");

        assertThat(validation.passed()).isTrue();
        assertThat(validation.diagnostics()).isEmpty();
        service.verify(
                postRequestedFor(urlEqualTo("/")).withRequestBody(matchingJsonPath("$.type", equalTo("EXPRESS"))));
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> definitions.validate(" ", null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("definition");
        assertThatThrownBy(() -> definitions.validate("{}", "BATCH"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("type")
                .hasMessageContaining("STANDARD or EXPRESS");
        assertThatThrownBy(() -> definitions.validate("x".repeat(Definitions.MAX_DEFINITION + 1), null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("at most 1048576");
        assertThat(service.getAllServeEvents()).isEmpty();
    }
}
