package io.jenkins.plugins.awsstepfunctions.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.events.QueueStats;
import io.jenkins.plugins.awsstepfunctions.testing.Executions;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.EventCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** With an event queue configured, a Pipeline's wait ends with the execution's status-change event, not by polling. */
@WithJenkins
@ExtendWith(MotoExtension.class)
class EventDrivenWaitTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void aWaitOnEventsEndsWithTheStatusChangeEventAlone(JenkinsRule j, MotoServer moto) throws Exception {
        PluginTestSupport.useMoto(moto);
        try (SfnClient sfn = moto.sfnClient();
                MotoEventQueue queue = MotoEventQueue.create(moto)) {
            queue.routeStatusChanges();
            StepFunctionsGlobalConfiguration global = StepFunctionsGlobalConfiguration.get();
            // One check an hour while events flow: within this test, nothing but the event can end the wait.
            global.setEventSafetyInterval(60);
            global.setEventQueueUrl(queue.url());
            ControllerEngine engine = ControllerEngine.get();
            queue.sendNonEvent();
            await(
                    "the queue to be read",
                    () -> engine.eventQueueStats().map(QueueStats::available).orElse(false));
            String stateMachine = StateMachines.create(sfn, "wait-then-succeed");

            WorkflowJob job = j.createProject(WorkflowJob.class, "on-events");
            job.setDefinition(new CpsFlowDefinition(
                    "def arn = sfnStartExecution(stateMachineArn: '" + stateMachine + "', input: [seconds: 5],"
                            + " wait: true)\necho \"ended ${arn}\"",
                    true));
            WorkflowRun build = job.scheduleBuild2(0).waitForStart();
            j.waitForMessage("[AWS Step Functions] Waiting for the status-change event of", build);
            String execution = await("the execution to be listed", () -> {
                List<ExecutionListItem> started =
                        sfn.listExecutions(b -> b.stateMachineArn(stateMachine)).executions();
                return started.isEmpty() ? null : started.get(0).executionArn();
            });
            DescribeExecutionResponse ended = Executions.awaitEnd(sfn, execution, LIMIT);
            assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(build.isBuilding())
                    .as("still waiting after the execution ended: no check is due for an hour")
                    .isTrue();

            queue.publishStatusChange(ended);

            j.assertBuildStatusSuccess(j.waitForCompletion(build));
            j.assertLogContains(
                    "[AWS Step Functions] Waiting for the status-change event of " + execution
                            + " from the event queue (checked every 60 min in case the event is lost)",
                    build);
            j.assertLogContains("ended " + execution, build);
            EventCounts counts = engine.watcher().eventCounts();
            assertThat(counts.applied()).as("waits ended by their event alone").isEqualTo(1);
            assertThat(counts.confirmed())
                    .as("events confirmed by a DescribeExecution")
                    .isZero();
        }
    }

    /** Polls until the supplier answers (true, or anything but null and false); fails the test after a minute. */
    private static <T> T await(String what, Supplier<T> answer) throws InterruptedException {
        Instant deadline = Instant.now().plus(LIMIT);
        while (true) {
            T value = answer.get();
            if (value != null && !Boolean.FALSE.equals(value)) {
                return value;
            }
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
