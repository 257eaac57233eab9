package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.MapRunCounts;
import io.jenkins.plugins.awsstepfunctions.graph.DefinitionException;
import io.jenkins.plugins.awsstepfunctions.graph.Drawing;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;
import io.jenkins.plugins.awsstepfunctions.graph.StateRunTracker;
import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.GetExecutionHistoryResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Reads a watched execution's history for progress, one call at a time: first the definition (to tell top-level
 * states from nested ones), then history pages, newest first, until the last event already reported. Runs on an I/O
 * thread; only one history task per watch is ever in flight, so the watch's progress fields are its own.
 */
final class HistoryReader {

    private static final int HISTORY_PAGE = 100;

    private HistoryReader() {}

    /** One call; returns whether another is needed before the progress can be drained. */
    static boolean readPage(WatchState w) {
        SfnClient sfn = w.lease.sfn();
        String arn = w.request.execution().toString();
        if (!w.definitionLoaded) {
            String definition = sfn.describeStateMachineForExecution(b -> b.executionArn(arn))
                    .definition();
            w.definitionLoaded = true; // not before: a failed read is tried again
            w.tracker = new ProgressTracker(topLevelStates(definition));
            if (w.request.options().graph()) {
                w.runs = new StateRunTracker(w.request.options().stateData());
                try {
                    w.drawing = Drawing.of(definition);
                } catch (DefinitionException undrawable) {
                    w.drawing = null; // progress goes on without a graph
                }
            }
            return true;
        }
        if (w.historyToken == null && !w.mapRunsQueued) {
            // A new round: the counters of the Map Runs still running (and of those just ended) first.
            w.mapRunsQueued = true;
            for (String mapRun : w.mapRuns.keySet()) {
                if (!w.mapRunsFinal.contains(mapRun) && !w.mapRunsDue.contains(mapRun)) {
                    w.mapRunsDue.add(mapRun);
                }
            }
        }
        String due = w.mapRunsDue.poll();
        if (due != null) {
            boolean ended = w.mapRunsEnded.contains(due);
            MapRunCounts counts = w.operations.describeMapRun(due);
            w.mapRunCounts.put(w.mapRuns.get(due), counts);
            if (ended) {
                w.mapRunsFinal.add(due);
            }
            return true;
        }
        String token = w.historyToken;
        GetExecutionHistoryResponse page = sfn.getExecutionHistory(b -> b.executionArn(arn)
                .reverseOrder(true)
                .includeExecutionData(w.request.options().stateData())
                .maxResults(HISTORY_PAGE)
                .nextToken(token));
        List<HistoryEvent> events = page.events();
        boolean reachedCursor = false;
        for (HistoryEvent event : events) {
            if (event.id() > w.cursor) {
                w.pendingHistory.add(event);
            } else {
                reachedCursor = true;
            }
        }
        // A server that ignores reverseOrder (moto does) pages oldest first: then read on to the end.
        boolean oldestFirst = events.size() > 1
                && events.get(0).id() < events.get(events.size() - 1).id();
        w.historyToken = reachedCursor && !oldestFirst ? null : page.nextToken();
        return w.historyToken != null;
    }

    /** The progress the pages read so far make, in history order, each event once. */
    static List<ProgressEvent> drain(WatchState w) {
        Map<Long, HistoryEvent> fresh = new TreeMap<>();
        w.pendingHistory.forEach(event -> fresh.put(event.id(), event));
        w.pendingHistory.clear();
        List<HistoryEvent> events = new ArrayList<>(fresh.values());
        w.drained = w.runs == null ? events.size() : w.runs.accept(events);
        w.mapRunsQueued = false;
        List<ProgressEvent> progress = new ArrayList<>(w.tracker.accept(events));
        followMapRuns(w, events);
        long last = events.isEmpty() ? w.cursor : events.get(events.size() - 1).id();
        w.mapRunCounts.forEach((state, counts) -> {
            if (!counts.equals(w.mapRunReported.get(state))) {
                w.mapRunReported.put(state, counts);
                progress.add(new ProgressEvent(
                        last, java.time.Instant.now(), ProgressEvent.Kind.MAP_RUN, state, counts.describe()));
                w.drained++;
            }
        });
        return progress;
    }

    /** Notes the Map Runs the events start and end; an ended one's final counters are read next. */
    private static void followMapRuns(WatchState w, List<HistoryEvent> events) {
        for (HistoryEvent event : events) {
            switch (event.type()) {
                case MAP_STATE_ENTERED ->
                    w.mapStateEntered.put(
                            event.id(), event.stateEnteredEventDetails().name());
                case MAP_STATE_STARTED -> w.mapStateStarted.put(event.id(), event.previousEventId());
                case MAP_RUN_STARTED -> {
                    if (event.mapRunStartedEventDetails() != null) {
                        Long entered = w.mapStateStarted.get(event.previousEventId());
                        String state = entered == null ? null : w.mapStateEntered.get(entered);
                        String mapRun = event.mapRunStartedEventDetails().mapRunArn();
                        w.mapRuns.put(mapRun, state == null ? "Map" : state);
                        w.mapRunStarted.put(event.id(), mapRun);
                    }
                }
                case MAP_RUN_SUCCEEDED, MAP_RUN_FAILED, MAP_RUN_ABORTED -> {
                    String started = w.mapRunStarted.get(event.previousEventId());
                    if (started != null) {
                        w.mapRunsEnded.add(started);
                        if (!w.mapRunsDue.contains(started)) {
                            w.mapRunsDue.add(started);
                        }
                        continue;
                    }
                    // Not chained to its start: the oldest Map Run not known to have ended.
                    for (String mapRun : w.mapRuns.keySet()) {
                        if (!w.mapRunsFinal.contains(mapRun) && !w.mapRunsEnded.contains(mapRun)) {
                            w.mapRunsEnded.add(mapRun);
                            if (!w.mapRunsDue.contains(mapRun)) {
                                w.mapRunsDue.add(mapRun);
                            }
                            break;
                        }
                    }
                }
                default -> {}
            }
        }
    }

    /** Whether counters are due that the next call should read before the watch goes on. */
    static boolean mapRunsDue(WatchState w) {
        return !w.mapRunsDue.isEmpty();
    }

    /** The diagram after the events drained last, when the watch draws one and they brought news; else null. */
    static ExecutionGraph graph(WatchState w) {
        if (w.drawing == null || w.runs == null || w.drained == 0) {
            return null;
        }
        return ExecutionGraph.of(w.request.execution().toString(), w.drawing, w.runs, w.mapRunCounts);
    }

    @SuppressWarnings("unchecked")
    private static Set<String> topLevelStates(String definition) {
        try {
            if (Json.parse("definition", definition) instanceof Map<?, ?> root
                    && root.get("States") instanceof Map<?, ?> states) {
                return new HashSet<>((Set<String>) states.keySet());
            }
        } catch (RuntimeException unreadable) {
            // progress then reports states at every depth
        }
        return null;
    }
}
