package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException.Kind;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionRedriveStatus;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;

/**
 * The Step Functions operations the steps use, on one client: start, start-or-redrive, synchronous Express start,
 * describe, output, failure report and stop. Every service error becomes a {@link StepFunctionsException} that
 * names the operation and the ARN; every bad argument an {@link InvalidSettingException}, before any call.
 */
public final class StepFunctionsOperations {

    /** How far the controller's clock may be ahead of Step Functions' when an earlier attempt is recognised. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final SfnClient sfn;
    private final ServiceCalls calls;

    /** Operations on a leased client: a session Step Functions calls expired is renewed once, if it is a role's. */
    public StepFunctionsOperations(ClientLease lease) {
        this(lease.sfn(), new ServiceCalls(lease));
    }

    /** Operations on a client the caller built: credentials are used as they are. */
    public StepFunctionsOperations(SfnClient sfn) {
        this(sfn, new ServiceCalls(sfn));
    }

    private StepFunctionsOperations(SfnClient sfn, ServiceCalls calls) {
        this.sfn = sfn;
        this.calls = calls;
    }

    /** StartExecution, first attempted now; see {@link #start(StartRequest, Instant)}. */
    public StartResult start(StartRequest request) {
        return start(request, Instant.now());
    }

    /**
     * StartExecution, exactly once for a named request however often it is repeated. Step Functions returns a running
     * execution of the same name and input as is; when that execution has already ended it refuses the start
     * (ExecutionAlreadyExists), and then an execution of that name and input started since {@code firstAttempt} (less
     * {@link #CLOCK_SKEW}) is taken as this request's own, started by an attempt whose answer was lost: an SDK retry,
     * or a start repeated after a controller restart.
     *
     * @param firstAttempt when this start was first attempted; a caller that retries across restarts keeps it
     */
    public StartResult start(StartRequest request, Instant firstAttempt) {
        StartExecutionResponse response;
        try {
            response = call(
                    "StartExecution",
                    request.stateMachine().toString(),
                    () -> sfn.startExecution(b -> {
                        b.stateMachineArn(request.stateMachine().toString())
                                .input(request.input().json());
                        request.name().ifPresent(b::name);
                        request.traceHeader().ifPresent(b::traceHeader);
                    }));
        } catch (StepFunctionsException e) {
            if (e.kind() == Kind.ALREADY_EXISTS && request.name().isPresent()) {
                StartResult earlier = startedSince(request, request.name().get(), firstAttempt);
                if (earlier != null) {
                    return earlier;
                }
            }
            throw e;
        }
        return new StartResult(
                ExecutionArn.parse("executionArn", response.executionArn()),
                response.startDate(),
                StartResult.Outcome.STARTED);
    }

    private StartResult startedSince(StartRequest request, String name, Instant firstAttempt) {
        ExecutionArn arn = request.stateMachine().execution(name);
        DescribeExecutionResponse existing;
        try {
            existing = sfn.describeExecution(b -> b.executionArn(arn.toString()));
        } catch (SdkException unreadable) {
            return null;
        }
        boolean sameInput = existing.input() != null
                && Json.parse("input", existing.input())
                        .equals(Json.parse("input", request.input().json()));
        boolean sinceFirstAttempt =
                existing.startDate() != null && !existing.startDate().isBefore(firstAttempt.minus(CLOCK_SKEW));
        return sameInput && sinceFirstAttempt
                ? new StartResult(arn, existing.startDate(), StartResult.Outcome.ALREADY_STARTED)
                : null;
    }

    /**
     * Starts the named execution unless it exists: a running or succeeded one is returned untouched, a failed,
     * timed-out or aborted one is redriven (from the state that failed) when Step Functions allows it.
     *
     * @throws InvalidSettingException when the request has no name
     * @throws StepFunctionsException of kind {@code NOT_REDRIVABLE} with the service's reason when it cannot be redriven
     */
    public StartResult startOrRedrive(StartRequest request) {
        String name = request.name()
                .orElseThrow(() -> new InvalidSettingException(
                        "name", "is required with" + " redrive: true: the execution to redrive is found by its name"));
        ExecutionArn arn = request.stateMachine().execution(name);
        ExecutionDescription existing;
        try {
            existing = describe(arn);
        } catch (StepFunctionsException e) {
            if (e.kind() == Kind.NOT_FOUND
                    && e.errorCode().filter("ExecutionDoesNotExist"::equals).isPresent()) {
                return start(request);
            }
            throw e;
        }
        return switch (existing.state()) {
            case RUNNING, PENDING_REDRIVE ->
                new StartResult(arn, existing.startDate(), StartResult.Outcome.ALREADY_RUNNING);
            case SUCCEEDED -> new StartResult(arn, existing.startDate(), StartResult.Outcome.ALREADY_SUCCEEDED);
            case FAILED, TIMED_OUT, ABORTED -> redrive(existing);
        };
    }

    private StartResult redrive(ExecutionDescription execution) {
        String status = execution.redriveStatus().orElse(null);
        if (status != null && !ExecutionRedriveStatus.REDRIVABLE.toString().equals(status)) {
            throw new StepFunctionsException(
                    Kind.NOT_REDRIVABLE,
                    "RedriveExecution",
                    null,
                    "RedriveExecution on "
                            + execution.executionArn() + " was not attempted: the execution " + execution.state()
                            + " and Step Functions says it is " + status
                            + execution
                                    .redriveStatusReason()
                                    .map(reason -> " (" + reason + ")")
                                    .orElse("")
                            + ". Start a new execution under another name instead.",
                    null);
        }
        String arn = execution.executionArn().toString();
        Instant redriven = call(
                        "RedriveExecution",
                        arn,
                        () -> sfn.redriveExecution(
                                b -> b.executionArn(arn).clientToken(redriveToken(arn, execution.redriveCount()))))
                .redriveDate();
        return new StartResult(
                execution.executionArn(),
                redriven == null ? execution.startDate() : redriven,
                StartResult.Outcome.REDRIVEN);
    }

    /**
     * The same execution and redrive count give the same token, so a redrive repeated after a restart does not run
     * the execution twice.
     */
    static String redriveToken(String executionArn, int redriveCount) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((executionArn + "#" + redriveCount).getBytes(StandardCharsets.UTF_8));
            return "jenkins-" + HexFormat.of().formatHex(digest).substring(0, 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** StartSyncExecution, for EXPRESS state machines: returns when the execution ends (at most 5 minutes). */
    public SyncExecutionResult startSync(StartRequest request) {
        return SyncExecutionResult.of(call(
                "StartSyncExecution",
                request.stateMachine().toString(),
                () -> sfn.startSyncExecution(b -> {
                    b.stateMachineArn(request.stateMachine().toString())
                            .input(request.input().json());
                    request.name().ifPresent(b::name);
                    request.traceHeader().ifPresent(b::traceHeader);
                })));
    }

    public ExecutionDescription describe(ExecutionArn execution) {
        execution.requireStandard("executionArn");
        return ExecutionDescription.of(call(
                "DescribeExecution",
                execution.toString(),
                () -> sfn.describeExecution(b -> b.executionArn(execution.toString()))));
    }

    /**
     * The output of a SUCCEEDED execution as plain Java values.
     *
     * @throws ExecutionNotSucceededException with the failure report when it failed, timed out or was aborted, and
     *     without one while it still runs
     */
    public Object output(ExecutionArn execution) {
        ExecutionDescription description = describe(execution);
        if (description.state() == ExecutionState.SUCCEEDED) {
            return description.output();
        }
        if (!description.state().isFinished()) {
            throw new ExecutionNotSucceededException(
                    description.state(),
                    null,
                    "Execution " + execution + " is " + description.state()
                            + " and has no output yet; wait for it to end first.");
        }
        FailureReport report = failureReport(description);
        throw new ExecutionNotSucceededException(description.state(), report, report.message());
    }

    /**
     * Why a FAILED, TIMED_OUT or ABORTED execution ended, from its history (every page) and its definition. When the
     * history cannot be read, the report says so and keeps the error and cause DescribeExecution gave.
     */
    public FailureReport failureReport(ExecutionDescription execution) {
        return failureReport(execution, null);
    }

    /**
     * The same, with the execution's definition when the caller has already read it (one
     * DescribeStateMachineForExecution fewer; that API's quota refills at one call a second).
     */
    public FailureReport failureReport(ExecutionDescription execution, String knownDefinition) {
        return failureReport(execution, knownDefinition, true);
    }

    private FailureReport failureReport(ExecutionDescription execution, String knownDefinition, boolean mapRunItems) {
        if (!execution.state().isFailure()) {
            throw new IllegalArgumentException(execution.executionArn() + " is " + execution.state()
                    + "; only FAILED, TIMED_OUT and ABORTED executions have a failure report");
        }
        String arn = execution.executionArn().toString();
        List<HistoryEvent> events;
        try {
            events = call(
                    "GetExecutionHistory",
                    arn,
                    () -> sfn
                            .getExecutionHistoryPaginator(b -> b.executionArn(arn)
                                    .includeExecutionData(false)
                                    .maxResults(1000))
                            .events()
                            .stream()
                            .toList());
        } catch (StepFunctionsException e) {
            return FailureReports.from(execution, List.of(), null)
                    .withNote("(The failing state is unknown: " + e.getMessage() + ")");
        }
        String definition = knownDefinition;
        try {
            definition = definition != null
                    ? definition
                    : call(
                                    "DescribeStateMachineForExecution",
                                    arn,
                                    () -> sfn.describeStateMachineForExecution(b -> b.executionArn(arn)))
                            .definition();
        } catch (StepFunctionsException e) {
            definition = null;
        }
        FailureReport report = FailureReports.from(execution, events, definition);
        return mapRunItems ? withMapRun(report, events) : report;
    }

    /** DescribeMapRun: a Distributed Map run's item counters. */
    public MapRunCounts describeMapRun(String mapRunArn) {
        return MapRunCounts.of(
                call("DescribeMapRun", mapRunArn, () -> sfn.describeMapRun(b -> b.mapRunArn(mapRunArn))));
    }

    static final int MAX_CHILD_REPORTS = 3;

    /**
     * For an execution that failed in a Distributed Map: the run's counters and the failure reports of up to
     * {@value #MAX_CHILD_REPORTS} of its failed child executions (one DescribeMapRun, one ListExecutions, and a
     * DescribeExecution, a history and a definition read per child). Each read that fails is said so, not thrown.
     */
    private FailureReport withMapRun(FailureReport report, List<HistoryEvent> events) {
        String mapRunArn = null;
        for (HistoryEvent event : events) {
            if (event.type() == HistoryEventType.MAP_RUN_STARTED && event.mapRunStartedEventDetails() != null) {
                mapRunArn = event.mapRunStartedEventDetails().mapRunArn();
            }
        }
        boolean mapRunFailed = events.stream().anyMatch(e -> e.type() == HistoryEventType.MAP_RUN_FAILED);
        if (mapRunArn == null || !mapRunFailed) {
            return report;
        }
        String run = mapRunArn;
        StringBuilder text = new StringBuilder("Map Run ").append(run).append(": ");
        try {
            text.append(describeMapRun(run).describe()).append('.');
        } catch (StepFunctionsException e) {
            text.append("its counters could not be read (")
                    .append(e.getMessage())
                    .append(").");
        }
        try {
            List<String> failed = call(
                            "ListExecutions",
                            run,
                            () -> sfn.listExecutions(b -> b.mapRunArn(run)
                                    .statusFilter(ExecutionStatus.FAILED)
                                    .maxResults(MAX_CHILD_REPORTS)))
                    .executions()
                    .stream()
                    .map(ExecutionListItem::executionArn)
                    .toList();
            for (String child : failed) {
                text.append(" Failed item: ");
                try {
                    ExecutionDescription description = describe(ExecutionArn.parse("executionArn", child));
                    text.append(
                            description.state().isFailure()
                                    ? failureReport(description, null, false).message()
                                    : child + " is " + description.state() + ".");
                } catch (StepFunctionsException | InvalidSettingException e) {
                    text.append(child).append(" (").append(e.getMessage()).append(").");
                }
            }
        } catch (StepFunctionsException e) {
            text.append(" Its failed items could not be listed (")
                    .append(e.getMessage())
                    .append(").");
        }
        return report.withMapRun(text.toString());
    }

    /**
     * Stops an execution unless it already ended: DescribeExecution, then StopExecution only while it runs. Stopping
     * twice, or stopping an execution that ended on its own, is not an error; the result says which happened. (Reads
     * are eventually consistent: right after a stop, a second one may still see RUNNING and stop it again, harmlessly.)
     */
    public StopResult stopIfRunning(ExecutionArn execution, String error, String cause) {
        ExecutionDescription before = describe(execution);
        if (before.state().isFinished()) {
            return new StopResult(execution, false, before.state());
        }
        stop(execution, error, cause);
        return new StopResult(execution, true, before.state());
    }

    /** StopExecution: the execution ends ABORTED with this error and cause. */
    public void stop(ExecutionArn execution, String error, String cause) {
        execution.requireStandard("executionArn");
        call(
                "StopExecution",
                execution.toString(),
                () -> sfn.stopExecution(
                        b -> b.executionArn(execution.toString()).error(error).cause(cause)));
    }

    private <T> T call(String operation, String target, Supplier<T> call) {
        return calls.call(operation, target, call);
    }
}
