package io.jenkins.plugins.awsstepfunctions.demo;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.execution.ConsoleLinks;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionInput;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.StartRequest;
import io.jenkins.plugins.awsstepfunctions.execution.StartResult;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import io.jenkins.plugins.awsstepfunctions.watch.ExecutionWatcher;
import io.jenkins.plugins.awsstepfunctions.watch.ProgressEvent;
import io.jenkins.plugins.awsstepfunctions.watch.WatchListener;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;
import io.jenkins.plugins.awsstepfunctions.watch.WatchRequest;
import io.jenkins.plugins.awsstepfunctions.watch.WatchResult;
import io.jenkins.plugins.awsstepfunctions.watch.WatcherSettings;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * "Try it without Jenkins": starts the local emulator, creates a small state machine (Pass, Wait, a Map with a
 * Choice and a Fail inside), and runs it through the engine exactly as the Pipeline steps do — start, watch with the
 * progress lines a build log would show, then the output or the failure report.
 *
 * <p>{@code mvn -B -f lib/pom.xml -Pdemo verify}; add {@code -Ddemo.fail=true} to see a failure explained.
 */
public final class Demo {

    private static final String PREFIX = "[AWS Step Functions] ";

    private Demo() {}

    public static void main(String[] args) throws Exception {
        boolean fail = Boolean.getBoolean("demo.fail");
        try (MotoServer moto = MotoServer.start(System.getProperty("moto.python", "python3"))) {
            System.out.println("Started the Step Functions emulator (moto) on " + moto.endpoint());
            ExecutionState end = run(moto, fail, System.out);
            System.exit(end == ExecutionState.SUCCEEDED || fail ? 0 : 1);
        }
    }

    /** Where the demo writes the diagram the build page would show. */
    static Path graphFile(boolean fail) {
        return Path.of("target", fail ? "demo-graph-failed.svg" : "demo-graph.svg");
    }

    /** Runs the demo against a running emulator, printing what a build log would show; returns the final status. */
    static ExecutionState run(MotoServer moto, boolean fail, PrintStream out) throws Exception {
        List<String> regions = fail
                ? List.of("eu-west-1", "mars-north-1", "us-east-1")
                : List.of("eu-west-1", "us-east-1", "ap-southeast-2");
        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease lease = clients.lease(moto.settings(), MotoServer.credentials());
                ExecutionWatcher watcher = new ExecutionWatcher(WatcherSettings.defaults(), clients)) {
            String stateMachine = StateMachines.create(lease.sfn(), "demo");
            out.println("Created the state machine " + stateMachine);
            StartResult started = new StepFunctionsOperations(lease.sfn())
                    .start(StartRequest.builder()
                            .stateMachineArn(stateMachine)
                            .name("demo-release-42")
                            .input(ExecutionInput.of("input", Map.of("release", "42", "regions", regions)))
                            .build());
            out.println(PREFIX + "Started " + started.executionArn()
                    + ConsoleLinks.execution(started.executionArn())
                            .map(link -> " " + link)
                            .orElse(""));
            WatchOptions options = WatchOptions.builder()
                    .pollInterval(Duration.ofSeconds(1))
                    .progress(true)
                    .graph(true)
                    .build();
            AtomicReference<ExecutionGraph> graph = new AtomicReference<>();
            WatchResult result = watcher.watch(
                            WatchRequest.of(started.executionArn(), moto.settings(), null, options),
                            MotoServer.credentials(),
                            new WatchListener() {
                                @Override
                                public void onProgress(ProgressEvent event) {
                                    out.println(PREFIX + event.describe());
                                }

                                @Override
                                public void onGraph(ExecutionGraph drawn) {
                                    graph.set(drawn);
                                }
                            })
                    .result()
                    .get(2, TimeUnit.MINUTES);
            ExecutionState state = result.description().state();
            if (graph.get() != null) {
                Path file = graphFile(fail);
                Files.createDirectories(file.getParent());
                Files.writeString(file, graph.get().svg());
                out.println("The build page's diagram of this execution: " + file.toAbsolutePath());
            }
            if (state == ExecutionState.SUCCEEDED) {
                out.println(PREFIX + started.executionArn() + " SUCCEEDED with output "
                        + Json.write("output", result.description().output()));
            } else {
                out.println(PREFIX + result.failureMessage());
            }
            return state;
        }
    }
}
