package io.jenkins.plugins.awsstepfunctions.testing;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.StartRequest;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import java.util.Map;

/** A client of moto with the engine's operations, for tests that create state machines and start executions. */
public final class MotoSession implements AutoCloseable {

    private final StepFunctionsClients clients = new StepFunctionsClients();
    private final ClientLease lease;
    private final StepFunctionsOperations operations;

    public MotoSession(MotoServer moto) {
        this.lease = clients.lease(moto.settings(), MotoServer.credentials());
        this.operations = new StepFunctionsOperations(lease);
    }

    public ClientLease lease() {
        return lease;
    }

    public StepFunctionsOperations operations() {
        return operations;
    }

    /** A new state machine from a definition under {@code src/test/resources/state-machines}. */
    public String stateMachine(String definition) {
        return StateMachines.create(lease.sfn(), definition);
    }

    public ExecutionArn start(String stateMachine, String name, Map<String, ?> input) {
        return operations
                .start(StartRequest.builder()
                        .stateMachineArn(stateMachine)
                        .name(name)
                        .input(ExecutionInput.of("input", input))
                        .build())
                .executionArn();
    }

    /** Stops an execution a test left running. */
    public void stop(ExecutionArn execution) {
        operations.stop(execution, "Test.Cleanup", "done");
    }

    @Override
    public void close() {
        lease.close();
        clients.close();
    }
}
