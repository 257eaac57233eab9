package io.jenkins.plugins.awsstepfunctions.action;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The build record is written safely while many waits record executions, and keeps every one of them. */
@WithJenkins
class StepFunctionsRunActionTest {

    private static final int RECORDERS = 8;
    private static final int EXECUTIONS_EACH = 60;

    private static String arn(int recorder, int n) {
        return "arn:aws:states:us-east-1:123456789012:execution:orders:r" + recorder + "-" + n;
    }

    @Test
    void recordingFromManyThreadsWhileTheBuildIsSavedLosesNothing(JenkinsRule j) throws Exception {
        FreeStyleProject job = j.createFreeStyleProject("concurrent");
        FreeStyleBuild build = j.buildAndAssertSuccess(job);
        StepFunctionsRunAction action = StepFunctionsRunAction.of(build);
        List<Throwable> saveFailures = new CopyOnWriteArrayList<>();
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(StepFunctionsRunAction.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        ExecutorService threads = Executors.newFixedThreadPool(RECORDERS + 1);
        try {
            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean recording = new AtomicBoolean(true);
            Future<?> saver = threads.submit(() -> {
                go.await();
                while (recording.get()) {
                    try {
                        build.save();
                    } catch (Throwable t) {
                        saveFailures.add(t);
                    }
                }
                return null;
            });
            List<Future<?>> recorders = new ArrayList<>();
            for (int r = 0; r < RECORDERS; r++) {
                int recorder = r;
                recorders.add(threads.submit(() -> {
                    go.await();
                    for (int n = 0; n < EXECUTIONS_EACH; n++) {
                        action.record(
                                arn(recorder, n),
                                "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
                                "RUNNING",
                                Instant.ofEpochSecond(1_700_000_000L + n),
                                null,
                                null);
                        action.record(
                                arn(recorder, n),
                                "arn:aws:states:us-east-1:123456789012:stateMachine:orders",
                                "SUCCEEDED",
                                null,
                                Instant.ofEpochSecond(1_700_000_010L + n),
                                null);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> recorder : recorders) {
                recorder.get(2, TimeUnit.MINUTES);
            }
            recording.set(false);
            saver.get(2, TimeUnit.MINUTES);
        } finally {
            threads.shutdownNow();
            logger.removeHandler(handler);
        }

        assertThat(saveFailures).as("failures of saves while recording").isEmpty();
        assertThat(warnings)
                .extracting(LogRecord::getMessage)
                .as("warnings of the action's own saves")
                .isEmpty();

        build.reload();
        StepFunctionsRunAction reloaded = build.getAction(StepFunctionsRunAction.class);
        assertThat(reloaded.getExecutions()).hasSize(RECORDERS * EXECUTIONS_EACH);
        assertThat(reloaded.getExecutions()).allSatisfy(record -> {
            assertThat(record.getStatus()).isEqualTo("SUCCEEDED");
            assertThat(record.getDuration()).isEqualTo("10.0 s");
        });
        assertThat(reloaded.find(arn(RECORDERS - 1, EXECUTIONS_EACH - 1))).isPresent();
    }
}
