package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.FailureReport;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;
import java.time.Instant;
import java.util.List;

/**
 * GetExecutionHistory for a watch: progress pages (with the diagram and Distributed Map counters) while it runs and
 * after it ended, and the failure report of one that failed. Runs on the watcher's loop thread, except the calls'
 * bodies.
 */
final class HistoryCalls {

    private final ExecutionWatcher watcher;

    HistoryCalls(ExecutionWatcher watcher) {
        this.watcher = watcher;
    }

    void historyPage(WatchState w) {
        w.historyInFlight = true;
        Lane lane = w.lane;
        watcher.call(lane, () -> {
            RuntimeException error = null;
            List<ProgressEvent> events = List.of();
            ExecutionGraph drawn = null;
            boolean more = false;
            try {
                more = HistoryReader.readPage(w);
                if (!more) {
                    events = HistoryReader.drain(w);
                    drawn = HistoryReader.graph(w);
                    // A Map Run that just ended: its final counters are one more call away.
                    more = HistoryReader.mapRunsDue(w);
                }
            } catch (Throwable t) {
                error = ExecutionWatcher.failure(w, "GetExecutionHistory", t);
            }
            List<ProgressEvent> progress = events;
            ExecutionGraph graph = drawn;
            boolean again = more;
            RuntimeException problem = error;
            Instant done = watcher.clock.instant();
            watcher.onLoop(w, () -> historyRead(lane, w, done, progress, graph, again, problem));
        });
    }

    private void historyRead(
            Lane lane,
            WatchState w,
            Instant done,
            List<ProgressEvent> events,
            ExecutionGraph graph,
            boolean more,
            RuntimeException error) {
        lane.calls--;
        lane.history.release(done);
        if (w.definitionCall) {
            w.definitionCall = false;
            lane.definitions.release(done);
        }
        w.historyInFlight = false;
        if (w.done) {
            return;
        }
        for (ProgressEvent event : events) {
            if (w.request.options().progress() && event.eventId() > w.request.progressAfterEventId()) {
                watcher.listenerCalls.call(w, () -> w.listener.onProgress(event));
            }
            w.cursor = event.eventId();
        }
        if (graph != null) {
            watcher.listenerCalls.call(w, () -> w.listener.onGraph(graph));
        }
        if (error != null) {
            w.historyToken = null;
            w.pendingHistory.clear();
            watcher.listenerCalls.call(
                    w, () -> w.listener.onTrouble("Progress could not be read: " + error.getMessage()));
        }
        if (w.phase == WatchState.Phase.FINAL_PROGRESS) {
            if (more && error == null) {
                w.lane.finishing.addFirst(w);
            } else {
                watcher.reportOrComplete(w);
            }
            return;
        }
        if (more && error == null && !w.progressQueued) {
            w.progressQueued = true;
            w.lane.progress.addFirst(w);
        }
    }

    void report(WatchState w) {
        w.historyInFlight = true;
        Lane lane = w.lane;
        watcher.call(lane, () -> {
            FailureReport report;
            try {
                report = w.operations.failureReport(
                        w.finalDescription, w.drawing == null ? null : w.drawing.definition());
            } catch (Throwable t) {
                report = null;
            }
            FailureReport answer = report;
            Instant done = watcher.clock.instant();
            watcher.onLoop(w, () -> {
                lane.calls--;
                lane.history.release(done);
                w.historyInFlight = false;
                if (!w.done) {
                    watcher.complete(w, new WatchResult(w.finalDescription, answer));
                }
            });
        });
    }
}
