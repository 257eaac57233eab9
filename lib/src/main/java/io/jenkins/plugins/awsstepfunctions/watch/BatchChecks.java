package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.ServiceErrors;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.ListExecutionsResponse;

/**
 * Batching: from the batch threshold on, one ListExecutions (status RUNNING, paged) checks every watch of a state
 * machine, and only those that left RUNNING are described. Refused or failing lists fall back to describing each
 * member for that round. Runs on the watcher's loop thread, except the calls' bodies.
 */
final class BatchChecks {

    private static final int LIST_PAGE = 1000;

    private final ExecutionWatcher watcher;

    BatchChecks(ExecutionWatcher watcher) {
        this.watcher = watcher;
    }

    void listPage(Lane lane, Lane.Group group) {
        group.listInFlight = true;
        if (group.listToken == null) {
            group.running.clear();
        }
        String token = group.listToken;
        SfnClient sfn = group.members.iterator().next().lease.sfn();
        String arn = group.stateMachine.toString();
        watcher.call(lane, () -> {
            ListExecutionsResponse page = null;
            RuntimeException error = null;
            try {
                page = sfn.listExecutions(b -> b.stateMachineArn(arn)
                        .statusFilter(ExecutionStatus.RUNNING)
                        .maxResults(LIST_PAGE)
                        .nextToken(token));
            } catch (SdkException e) {
                error = ServiceErrors.explain("ListExecutions", arn, "the watched state machine's endpoint", e);
            } catch (Throwable t) {
                error = t instanceof RuntimeException e ? e : new IllegalStateException(t);
            }
            ListExecutionsResponse answer = page;
            RuntimeException problem = error;
            Instant done = watcher.clock.instant();
            watcher.onLoop(() -> {
                try {
                    listed(lane, group, done, answer, problem);
                } catch (Throwable t) {
                    group.members.forEach(w -> watcher.fail(
                            w, new WatchFailedException(w.request.execution().toString(), "the watcher", t)));
                }
            });
        });
    }

    private void listed(
            Lane lane, Lane.Group group, Instant done, ListExecutionsResponse page, RuntimeException error) {
        lane.calls--;
        lane.list.release(done);
        group.listInFlight = false;
        Instant now = watcher.clock.instant();
        if (error != null) {
            if (error instanceof StepFunctionsException e && e.kind() == StepFunctionsException.Kind.THROTTLED) {
                lane.list.throttled(now);
            }
            if (error instanceof StepFunctionsException e && e.kind() == StepFunctionsException.Kind.ACCESS_DENIED) {
                group.listDenied = true;
                group.members.forEach(watcher::enqueue);
            }
            // Fall back to describing each member this round; the list is tried again at the next round.
            group.listToken = null;
            for (WatchState w : group.members) {
                if (w.waiting() && !w.inFlight && !w.nextCheck.isAfter(now)) {
                    w.forcedDescribe = true;
                    watcher.enqueue(w);
                }
            }
            group.nextList = now.plus(minDelay(group));
            return;
        }
        for (ExecutionListItem item : page.executions()) {
            group.running.add(item.executionArn());
        }
        if (page.nextToken() != null) {
            group.listToken = page.nextToken();
            return;
        }
        group.listToken = null;
        for (WatchState w : new ArrayList<>(group.members)) {
            if (!w.waiting() || w.inFlight) {
                continue;
            }
            if (group.running.contains(w.request.execution().toString())) {
                w.forcedDescribe = false;
                w.confirming = false;
                watcher.seen(w, ExecutionState.RUNNING);
                watcher.stillRunning(w, now);
            } else {
                w.forcedDescribe = true;
                w.nextCheck = now;
                watcher.enqueue(w);
            }
        }
        group.nextList = Instant.MAX;
        for (WatchState w : group.members) {
            if (w.waiting() && !w.forcedDescribe) {
                group.nextList = ExecutionWatcher.min(group.nextList, w.nextCheck);
            }
        }
    }

    private Duration minDelay(Lane.Group group) {
        Duration least = Duration.ofHours(1);
        for (WatchState w : group.members) {
            least = ExecutionWatcher.min(least, w.delay);
        }
        return least;
    }
}
