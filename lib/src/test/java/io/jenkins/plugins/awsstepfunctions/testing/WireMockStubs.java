package io.jenkins.plugins.awsstepfunctions.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import java.util.Map;

/**
 * WireMock building blocks for what moto cannot do: a Step Functions API operation by name, a service error in the
 * JSON protocol, and a lowest-priority proxy that sends everything else to moto.
 */
public final class WireMockStubs {

    /** Priority of {@link #proxyTo(MotoServer)}: any specific stub (default priority 5) wins over it. */
    public static final int PROXY_PRIORITY = 100;

    private WireMockStubs() {}

    /** Matches one Step Functions operation, e.g. {@code "StartSyncExecution"}. */
    public static MappingBuilder operation(String name) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AWSStepFunctions." + name));
    }

    /** Sends every request no other stub answers to moto. */
    public static MappingBuilder proxyTo(MotoServer moto) {
        return any(anyUrl())
                .atPriority(PROXY_PRIORITY)
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString()));
    }

    /** A service error as Step Functions sends it: the error code in {@code __type} and in the header. */
    public static ResponseDefinitionBuilder serviceError(int httpStatus, String code, String message) {
        return aResponse()
                .withStatus(httpStatus)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withHeader("x-amzn-ErrorType", code)
                .withBody(Json.write(Map.of("__type", code, "message", message)));
    }

    /** A successful JSON-protocol answer with the given body. */
    public static ResponseDefinitionBuilder jsonResponse(Map<String, ?> body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody(Json.write(body));
    }
}
