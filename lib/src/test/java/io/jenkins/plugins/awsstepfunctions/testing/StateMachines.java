package io.jenkins.plugins.awsstepfunctions.testing;

import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Creates state machines from the definitions kept under {@code src/test/resources/state-machines/}. */
public final class StateMachines {

    private StateMachines() {}

    /** The text of {@code state-machines/<name>.asl.json}. */
    public static String definition(String name) {
        return TestResources.text("/state-machines/" + name + ".asl.json");
    }

    /** Creates a STANDARD state machine from {@code state-machines/<name>.asl.json} under a unique name; returns its ARN. */
    public static String create(SfnClient sfn, String name) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return sfn.createStateMachine(b ->
                        b.name(unique).roleArn(MotoServer.EXECUTION_ROLE_ARN).definition(definition(name)))
                .stateMachineArn();
    }
}
