package io.jenkins.plugins.awsstepfunctions.statemachine;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.execution.ServiceCalls;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineAliasResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ListStateMachinesResponse;
import software.amazon.awssdk.services.sfn.model.LoggingConfiguration;
import software.amazon.awssdk.services.sfn.model.RoutingConfigurationListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.TracingConfiguration;

/**
 * Deploys a state machine as code, idempotently: validates the definition (errors refuse the deploy before any
 * change), creates the state machine or updates it only when its definition or configuration differ, publishes a
 * version only for a new revision (PublishStateMachineVersion returns the existing version of an unchanged one), and
 * creates or moves an alias only when its routing differs.
 */
public final class Deployments {

    private final SfnClient sfn;
    private final ServiceCalls calls;
    private final Definitions definitions;

    public Deployments(ClientLease lease) {
        this.sfn = lease.sfn();
        this.calls = new ServiceCalls(lease);
        this.definitions = new Definitions(lease);
    }

    /**
     * @throws InvalidSettingException when validation finds errors (each is named), or the state machine exists with
     *     the other type
     */
    public DeployResult deploy(DeployRequest request) {
        Validation validation = definitions.validate(request.definition(), request.type());
        if (!validation.passed() || !validation.errors().isEmpty()) {
            throw new InvalidSettingException(
                    "definition",
                    validation.summary() + ": "
                            + validation.errors().stream()
                                    .map(Diagnostic::describe)
                                    .collect(Collectors.joining("; "))
                            + ". Nothing was deployed.");
        }
        String existing = find(request.name());
        String stateMachineArn;
        DeployResult.Outcome outcome;
        String versionArn = null;
        if (existing == null) {
            var created = calls.call(
                    "CreateStateMachine",
                    request.name(),
                    () -> sfn.createStateMachine(b -> {
                        b.name(request.name())
                                .definition(request.definition())
                                .roleArn(request.roleArn())
                                .type(request.type())
                                .loggingConfiguration(logging(request))
                                .tracingConfiguration(t -> t.enabled(request.tracing()))
                                .publish(request.publish());
                        request.versionDescription()
                                .filter(d -> request.publish())
                                .ifPresent(b::versionDescription);
                    }));
            stateMachineArn = created.stateMachineArn();
            outcome = DeployResult.Outcome.CREATED;
            versionArn = created.stateMachineVersionArn();
        } else {
            stateMachineArn = existing;
            DescribeStateMachineResponse current = calls.call(
                    "DescribeStateMachine", existing, () -> sfn.describeStateMachine(b -> b.stateMachineArn(existing)));
            if (!request.type().equals(current.typeAsString())) {
                throw new InvalidSettingException(
                        "type",
                        "is " + request.type() + " but " + existing + " is " + current.typeAsString()
                                + "; a state machine's type cannot change (create one under another name)");
            }
            if (same(request, current)) {
                outcome = DeployResult.Outcome.UNCHANGED;
                if (request.publish()) {
                    versionArn = calls.call(
                                    "PublishStateMachineVersion",
                                    existing,
                                    () -> sfn.publishStateMachineVersion(b -> {
                                        b.stateMachineArn(existing);
                                        if (current.revisionId() != null) {
                                            b.revisionId(current.revisionId());
                                        }
                                        request.versionDescription().ifPresent(b::description);
                                    }))
                            .stateMachineVersionArn();
                }
            } else {
                var updated = calls.call(
                        "UpdateStateMachine",
                        existing,
                        () -> sfn.updateStateMachine(b -> {
                            b.stateMachineArn(existing)
                                    .definition(request.definition())
                                    .roleArn(request.roleArn())
                                    .loggingConfiguration(logging(request))
                                    .tracingConfiguration(t -> t.enabled(request.tracing()))
                                    .publish(request.publish());
                            request.versionDescription()
                                    .filter(d -> request.publish())
                                    .ifPresent(b::versionDescription);
                        }));
                outcome = DeployResult.Outcome.UPDATED;
                versionArn = updated.stateMachineVersionArn();
            }
        }
        String aliasArn = null;
        DeployResult.Outcome aliasOutcome = null;
        if (request.alias().isPresent()) {
            aliasArn = stateMachineArn + ":" + request.alias().get();
            aliasOutcome = alias(request, stateMachineArn, aliasArn, versionArn);
        }
        return new DeployResult(stateMachineArn, outcome, versionArn, aliasArn, aliasOutcome, validation.warnings());
    }

    /** The ARN of the state machine of that name in this account and region, or null (ListStateMachines, paged). */
    private String find(String name) {
        String token = null;
        do {
            String page = token;
            ListStateMachinesResponse answer = calls.call(
                    "ListStateMachines", "state machine " + name, () -> sfn.listStateMachines(b -> b.nextToken(page)));
            for (StateMachineListItem item : answer.stateMachines()) {
                if (item.name().equals(name)) {
                    return item.stateMachineArn();
                }
            }
            token = answer.nextToken();
        } while (token != null);
        return null;
    }

    private static LoggingConfiguration logging(DeployRequest request) {
        LoggingConfiguration.Builder logging = LoggingConfiguration.builder()
                .level(request.loggingLevel())
                .includeExecutionData(request.includeExecutionData());
        request.logGroupArn()
                .ifPresent(arn -> logging.destinations(d -> d.cloudWatchLogsLogGroup(g -> g.logGroupArn(arn))));
        return logging.build();
    }

    /** The definition (as JSON, whatever its layout) and the configuration are those already deployed. */
    static boolean same(DeployRequest request, DescribeStateMachineResponse current) {
        return sameDefinition(request.definition(), current.definition())
                && request.roleArn().equals(current.roleArn())
                && request.loggingLevel().equals(level(current.loggingConfiguration()))
                && request.includeExecutionData() == includesData(current.loggingConfiguration())
                && Objects.equals(request.logGroupArn().orElse(null), logGroup(current.loggingConfiguration()))
                && request.tracing() == tracing(current.tracingConfiguration());
    }

    private static boolean sameDefinition(String wanted, String deployed) {
        if (deployed == null) {
            return false;
        }
        try {
            return Objects.equals(Json.parse("definition", wanted), Json.parse("deployed definition", deployed));
        } catch (RuntimeException notJson) {
            return wanted.equals(deployed);
        }
    }

    private static String level(LoggingConfiguration logging) {
        return logging == null || logging.levelAsString() == null ? "OFF" : logging.levelAsString();
    }

    private static boolean includesData(LoggingConfiguration logging) {
        return logging != null && Boolean.TRUE.equals(logging.includeExecutionData());
    }

    private static String logGroup(LoggingConfiguration logging) {
        if (logging == null
                || !logging.hasDestinations()
                || logging.destinations().isEmpty()) {
            return null;
        }
        var group = logging.destinations().get(0).cloudWatchLogsLogGroup();
        return group == null ? null : group.logGroupArn();
    }

    private static boolean tracing(TracingConfiguration tracing) {
        return tracing != null && Boolean.TRUE.equals(tracing.enabled());
    }

    private DeployResult.Outcome alias(
            DeployRequest request, String stateMachineArn, String aliasArn, String newVersion) {
        List<RoutingConfigurationListItem> routing = new ArrayList<>();
        request.routing()
                .forEach((version, weight) -> routing.add(RoutingConfigurationListItem.builder()
                        .stateMachineVersionArn(versionArn(stateMachineArn, version, newVersion))
                        .weight(weight)
                        .build()));
        DescribeStateMachineAliasResponse current;
        try {
            current = calls.call(
                    "DescribeStateMachineAlias",
                    aliasArn,
                    () -> sfn.describeStateMachineAlias(b -> b.stateMachineAliasArn(aliasArn)));
        } catch (StepFunctionsException e) {
            if (e.errorCode().filter("ResourceNotFound"::equals).isEmpty()) {
                throw e;
            }
            calls.call(
                    "CreateStateMachineAlias",
                    aliasArn,
                    () -> sfn.createStateMachineAlias(
                            b -> b.name(request.alias().get()).routingConfiguration(routing)));
            return DeployResult.Outcome.CREATED;
        }
        if (weights(current.routingConfiguration()).equals(weights(routing))) {
            return DeployResult.Outcome.UNCHANGED;
        }
        calls.call(
                "UpdateStateMachineAlias",
                aliasArn,
                () -> sfn.updateStateMachineAlias(
                        b -> b.stateMachineAliasArn(aliasArn).routingConfiguration(routing)));
        return DeployResult.Outcome.UPDATED;
    }

    private static String versionArn(String stateMachineArn, String version, String newVersion) {
        if (version.equals(DeployRequest.NEW_VERSION)) {
            if (newVersion == null) {
                throw new InvalidSettingException(
                        "routing", "names 'new' but Step Functions returned no version for this deploy");
            }
            return newVersion;
        }
        if (version.startsWith("arn:")) {
            if (!version.startsWith(stateMachineArn + ":")) {
                throw new InvalidSettingException(
                        "routing", "'" + version + "' is a version of another state machine than " + stateMachineArn);
            }
            return version;
        }
        return stateMachineArn + ":" + version;
    }

    private static Map<String, Integer> weights(List<RoutingConfigurationListItem> routing) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        routing.stream()
                .sorted(java.util.Comparator.comparing(RoutingConfigurationListItem::stateMachineVersionArn))
                .forEach(item -> weights.put(item.stateMachineVersionArn(), item.weight()));
        return weights;
    }
}
