package io.jenkins.plugins.awsstepfunctions.steps;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.PasswordParameterDefinition;
import hudson.model.PasswordParameterValue;
import hudson.model.Result;
import hudson.util.Secret;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;

/** Points the plugin at moto and loads the documentation's example Pipelines. */
public final class PluginTestSupport {

    static final String CREDENTIALS_ID = "moto-keys";

    private PluginTestSupport() {}

    /** Global defaults for moto, and an AWS credential with moto's keys in the system store. */
    public static void useMoto(MotoServer moto) throws IOException {
        useMotoThrough(moto.endpoint().toString());
    }

    /** As {@link #useMoto(MotoServer)}, through another endpoint in front of moto (WireMock, for faults). */
    static void useMotoThrough(String endpoint) throws IOException {
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        global.setRegion(MotoServer.REGION);
        global.setEndpointUrl(endpoint);
        global.setCredentialsId(CREDENTIALS_ID);
        global.setPollInterval(1);
        SystemCredentialsProvider.getInstance().getCredentials().add(awsCredential(CREDENTIALS_ID));
        SystemCredentialsProvider.getInstance().save();
    }

    static AWSCredentialsImpl awsCredential(String id) {
        return new AWSCredentialsImpl(
                CredentialsScope.GLOBAL,
                id,
                MotoServer.ACCESS_KEY_ID,
                MotoServer.SECRET_ACCESS_KEY,
                "moto test keys",
                null,
                null,
                null);
    }

    /** An example Pipeline from docs/examples, as it is. */
    static String example(String name) throws IOException {
        return Files.readString(Path.of("..", "docs", "examples", name + ".groovy"), StandardCharsets.UTF_8);
    }

    /**
     * Runs a Pipeline as a state machine's task would start it: with its task token as the Password parameter
     * TASK_TOKEN.
     */
    static WorkflowRun runWithTaskToken(JenkinsRule j, String name, String script, String token, Result expected)
            throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, name);
        job.addProperty(new ParametersDefinitionProperty(
                new PasswordParameterDefinition("TASK_TOKEN", (Secret) null, "the task token")));
        job.setDefinition(new CpsFlowDefinition(script, true));
        return j.assertBuildStatus(
                expected, job.scheduleBuild2(0, new ParametersAction(new PasswordParameterValue("TASK_TOKEN", token))));
    }

    /** The files of a build's record (its log, build.xml, the Pipeline's flow nodes) that contain the text. */
    static List<Path> filesContaining(WorkflowRun build, String text) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(build.getRootDir().toPath())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text)) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    /** An example Pipeline from docs/examples, with every state machine ARN in it replaced by the given one. */
    static String example(String name, String stateMachineArn) throws IOException {
        return example(name)
                .replaceAll("arn:aws:states:[a-z0-9-]+:\\d{12}:stateMachine:[A-Za-z0-9_-]+", stateMachineArn);
    }
}
