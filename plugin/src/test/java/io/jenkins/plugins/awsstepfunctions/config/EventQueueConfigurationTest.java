package io.jenkins.plugins.awsstepfunctions.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.jenkins.plugins.awscredentials.AWSCredentialsImpl;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.awsstepfunctions.events.EventQueueSettings;
import io.jenkins.plugins.awsstepfunctions.events.QueueStats;
import io.jenkins.plugins.awsstepfunctions.steps.MotoEventQueue;
import io.jenkins.plugins.awsstepfunctions.steps.PluginTestSupport;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.WatcherSettings;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import net.sf.json.JSONObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The event queue settings of the global configuration: kept by the form, checked by "Test event queue" against a
 * queue and rule on moto, and applied to a running engine when they change, without a restart.
 */
@WithJenkins
@ExtendWith(MotoExtension.class)
class EventQueueConfigurationTest {

    /** Loopback (nothing listens on port 9): an engine left running by a test never calls AWS. */
    private static final String QUEUE_URL = "http://127.0.0.1:9/123456789012/sfn-status-changes";

    private JenkinsRule j;
    private MotoServer moto;

    @BeforeEach
    void setUp(JenkinsRule j, MotoServer moto) throws Exception {
        this.j = j;
        this.moto = moto;
        PluginTestSupport.useMoto(moto);
    }

    @Test
    void theFormKeepsTheEventSettings() throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new AWSCredentialsImpl(
                        CredentialsScope.GLOBAL,
                        "queue-reader",
                        "AKIAQUEUEREADER00001",
                        "secret",
                        "reads the event queue",
                        null,
                        null,
                        null));
        SystemCredentialsProvider.getInstance().save();
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
        global.setEventQueueUrl(QUEUE_URL);
        global.setEventQueueCredentialsId("queue-reader");
        global.setEventQueueRoleArn("arn:aws:iam::123456789012:role/queue-reader");
        global.setEventReceivers(4);
        global.setEventSafetyInterval(15);

        j.configRoundtrip();

        assertThat(global.getEventQueueUrl()).isEqualTo(QUEUE_URL);
        assertThat(global.getEventQueueCredentialsId()).isEqualTo("queue-reader");
        assertThat(global.getEventQueueRoleArn()).isEqualTo("arn:aws:iam::123456789012:role/queue-reader");
        assertThat(global.getEventReceivers()).isEqualTo(4);
        assertThat(global.getEventSafetyInterval()).isEqualTo(15);
    }

    @Test
    void aFormNumberThatIsEmptyOrOutOfRangeIsRefusedByNameAndChangesNothing() {
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();

        assertThatThrownBy(() ->
                        global.configure((StaplerRequest2) null, JSONObject.fromObject("{\"eventReceivers\": \"\"}")))
                .isInstanceOf(Descriptor.FormException.class)
                .hasMessageContaining("eventReceivers")
                .hasMessageContaining("1 to 10");
        assertThatThrownBy(() -> global.configure(
                        (StaplerRequest2) null, JSONObject.fromObject("{\"eventSafetyInterval\": \"0\"}")))
                .isInstanceOf(Descriptor.FormException.class)
                .hasMessageContaining("eventSafetyInterval")
                .hasMessageContaining("1 to 60");
        assertThatThrownBy(() -> global.configure(
                        (StaplerRequest2) null, JSONObject.fromObject("{\"describePerSecond\": \"0\"}")))
                .isInstanceOf(Descriptor.FormException.class)
                .hasMessageContaining("describePerSecond");
        assertThat(global.getEventReceivers()).isEqualTo(EventQueueSettings.DEFAULT_RECEIVERS);
        assertThat(global.getDescribePerSecond()).isEqualTo(WatcherSettings.DEFAULT_DESCRIBE_PER_SECOND);
    }

    @Test
    void configurationAsCodeValuesOutOfRangeAreRefusedByName() {
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();

        assertThatThrownBy(() -> global.setEventReceivers(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventReceivers");
        assertThatThrownBy(() -> global.setEventSafetyInterval(61))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eventSafetyInterval");
    }

    @Test
    void theStatusSaysWhenEventsAreOff() {
        StepFunctionsGlobalConfiguration.get().setEventQueueUrl("");

        assertThat(StepFunctionsGlobalConfiguration.get().getEventStatus())
                .containsExactly("Events are off: every wait polls.");
    }

    @Test
    void aQueueUrlIsCheckedAsTheEngineReadsIt() {
        StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();

        assertThat(global.doCheckEventQueueUrl("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(global.doCheckEventQueueUrl(QUEUE_URL).kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation noAccount =
                global.doCheckEventQueueUrl("https://sqs.eu-west-1.amazonaws.com/sfn-status-changes");
        assertThat(noAccount.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(noAccount.getMessage()).contains("12-digit account");
    }

    @Test
    void theTestButtonFindsTheRuleThatFeedsTheQueue() {
        try (MotoEventQueue queue = MotoEventQueue.create(moto)) {
            String rule = queue.routeStatusChanges();

            FormValidation result = testEventQueue(queue.url());

            assertThat(result.kind).as(result.renderHtml()).isEqualTo(FormValidation.Kind.OK);
            assertThat(result.renderHtml())
                    .contains("The queue " + queue.arn() + " can be read")
                    .contains("The EventBridge rule " + rule + " sends Step Functions status changes to the queue");
        }
    }

    @Test
    void theTestButtonNamesTheMissingRule() {
        try (MotoEventQueue queue = MotoEventQueue.create(moto)) {

            FormValidation result = testEventQueue(queue.url());

            assertThat(result.kind).isEqualTo(FormValidation.Kind.ERROR);
            assertThat(result.renderHtml())
                    .contains("The queue " + queue.arn() + " can be read")
                    .contains("No rule on the default event bus sends Step Functions status changes")
                    .contains("Create the rule");
        }
    }

    @Test
    void theTestButtonSaysWhenTheQueueDoesNotExist() {
        FormValidation result = testEventQueue(moto.endpoint()
                .resolve("/" + MotoServer.ACCOUNT_ID + "/no-such-queue")
                .toString());

        assertThat(result.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(result.renderHtml()).contains("GetQueueAttributes").contains("no-such-queue");
    }

    @Test
    void configurationAsCodeSwitchesTheQueueOfARunningEngineWithoutARestart(@TempDir Path dir) throws Exception {
        ControllerEngine engine = ControllerEngine.get();
        assertThat(engine.eventQueueStats()).as("no queue named yet").isEmpty();
        try (MotoEventQueue queue = MotoEventQueue.create(moto)) {
            Path yaml = dir.resolve("jenkins.yaml");
            Files.writeString(
                    yaml,
                    "unclassified:\n  awsStepFunctions:\n    eventQueueUrl: \"" + queue.url() + "\"\n",
                    StandardCharsets.UTF_8);
            queue.sendNonEvent();

            ConfigurationAsCode.get().configure(yaml.toString());

            Optional<QueueStats> stats = awaitQueueRead(engine);
            assertThat(stats).as("the queue is read").isPresent();
            assertThat(ControllerEngine.get())
                    .as("the same engine, never restarted")
                    .isSameAs(engine);
            assertThat(StepFunctionsGlobalConfiguration.get().getEventStatus())
                    .anySatisfy(line -> assertThat(line).startsWith("The queue " + queue.url() + " is read"));

            StepFunctionsGlobalConfiguration.get().setEventQueueUrl("");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (engine.eventQueueStats().isPresent() && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            assertThat(engine.eventQueueStats())
                    .as("no queue read once the URL is cleared")
                    .isEmpty();
        }
    }

    /** Until the first receive answered (the message sent before makes it answer at once). */
    private static Optional<QueueStats> awaitQueueRead(ControllerEngine engine) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            Optional<QueueStats> stats = engine.eventQueueStats();
            if (stats.isPresent() && stats.get().available()) {
                return stats;
            }
            Thread.sleep(50);
        }
        return Optional.empty();
    }

    /** The button, with nothing typed in the form but the URL: the saved connection settings (moto's) apply. */
    private static FormValidation testEventQueue(String queueUrl) {
        return StepFunctionsGlobalConfiguration.get()
                .doTestEventQueue(queueUrl, null, null, null, null, null, null, null, true, null, null);
    }
}
