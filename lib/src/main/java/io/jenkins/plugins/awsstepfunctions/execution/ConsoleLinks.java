package io.jenkins.plugins.awsstepfunctions.execution;

import java.util.Optional;

/** Links to the AWS console for the partition and region an ARN names (aws, aws-cn, aws-us-gov). */
public final class ConsoleLinks {

    private ConsoleLinks() {}

    public static Optional<String> execution(ExecutionArn execution) {
        if (execution.isExpress()) {
            return stateMachine(execution.stateMachine());
        }
        return home(execution.partition(), execution.region())
                .map(home -> home + "#/v2/executions/details/" + execution);
    }

    public static Optional<String> stateMachine(StateMachineArn stateMachine) {
        return home(stateMachine.partition(), stateMachine.region())
                .map(home -> home + "#/statemachines/view/" + stateMachine);
    }

    /** Isolated partitions (aws-iso*) have no public console address: no link rather than a wrong one. */
    private static Optional<String> home(String partition, String region) {
        String host =
                switch (partition) {
                    case "aws" -> region + ".console.aws.amazon.com";
                    case "aws-cn" -> region + ".console.amazonaws.cn";
                    case "aws-us-gov" -> "console.amazonaws-us-gov.com";
                    default -> null;
                };
        return Optional.ofNullable(host).map(h -> "https://" + h + "/states/home?region=" + region);
    }
}
