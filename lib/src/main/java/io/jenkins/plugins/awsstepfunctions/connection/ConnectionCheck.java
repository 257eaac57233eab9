package io.jenkins.plugins.awsstepfunctions.connection;

import io.jenkins.plugins.awsstepfunctions.execution.ServiceErrors;
import io.jenkins.plugins.awsstepfunctions.execution.StateMachineArn;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * "Test connection": who the credentials are (STS GetCallerIdentity, best effort) and whether Step Functions answers
 * them, with read-only calls only (DescribeStateMachine for a given ARN, else ListStateMachines with one result).
 */
public final class ConnectionCheck {

    private ConnectionCheck() {}

    /**
     * @param stateMachine a state machine to look at, or {@code null}
     * @return one line for the user, e.g. {@code Connected as arn:aws:iam::...:user/jenkins; state machine ... is ACTIVE}
     * @throws StepFunctionsException explained, when a call fails
     */
    public static String run(ClientLease lease, StateMachineArn stateMachine) {
        String who;
        try {
            GetCallerIdentityResponse identity = lease.sts().getCallerIdentity();
            who = "Connected as " + identity.arn() + " (account " + identity.account() + ")";
        } catch (SdkException e) {
            // Some endpoints (a VPC endpoint of Step Functions only) have no STS beside them: say so and go on.
            who = "Connected (the identity is unknown: STS GetCallerIdentity failed: "
                    + ServiceErrors.explain("GetCallerIdentity", "AWS STS", "STS", e)
                            .getMessage() + ")";
        }
        try {
            if (stateMachine != null) {
                String status = lease.sfn()
                        .describeStateMachine(b -> b.stateMachineArn(stateMachine.toString()))
                        .statusAsString();
                return who + "; state machine " + stateMachine + " is " + (status == null ? "visible" : status);
            }
            int visible = lease.sfn()
                    .listStateMachines(b -> b.maxResults(1))
                    .stateMachines()
                    .size();
            return who + "; Step Functions answers"
                    + (visible == 0
                            ? " (no state machine is visible in this region)"
                            : " and state machines are visible");
        } catch (SdkException e) {
            String endpoint = lease.sfn()
                    .serviceClientConfiguration()
                    .endpointOverride()
                    .map(Object::toString)
                    .orElse(String.valueOf(
                            lease.sfn().serviceClientConfiguration().region()));
            throw ServiceErrors.explain(
                    stateMachine == null ? "ListStateMachines" : "DescribeStateMachine",
                    stateMachine == null ? "the region" : stateMachine.toString(),
                    endpoint,
                    e);
        }
    }
}
