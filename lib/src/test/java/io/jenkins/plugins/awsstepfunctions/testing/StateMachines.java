package io.jenkins.plugins.awsstepfunctions.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import software.amazon.awssdk.services.sfn.SfnClient;

/** Creates state machines from the definitions kept under {@code src/test/resources/state-machines/}. */
public final class StateMachines {

    private StateMachines() {
    }

    /** The text of {@code state-machines/<name>.asl.json}. */
    public static String definition(String name) {
        String resource = "/state-machines/" + name + ".asl.json";
        try (InputStream in = StateMachines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No state machine definition " + resource + " on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Creates a STANDARD state machine from {@code state-machines/<name>.asl.json} under a unique name; returns its ARN. */
    public static String create(SfnClient sfn, String name) {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 8);
        return sfn.createStateMachine(b -> b.name(unique).roleArn(MotoServer.EXECUTION_ROLE_ARN)
                .definition(definition(name))).stateMachineArn();
    }
}
