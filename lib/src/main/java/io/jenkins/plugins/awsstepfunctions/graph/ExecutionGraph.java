package io.jenkins.plugins.awsstepfunctions.graph;

import io.jenkins.plugins.awsstepfunctions.execution.MapRunCounts;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An execution's diagram as far as its history has been read: the SVG, and what each state did, in the definition's
 * order. Immutable; small enough to keep with a build (no history, no inputs or outputs).
 *
 * @param idPrefix what the SVG's ids and links start with; a page gives state {@code n}'s details the id
 *     {@code <idPrefix>state-<n>}, {@code n} being the state's index in {@code states}
 * @param svg the drawing, safe to put in a page as it is (see {@link DiagramSvg})
 * @param states every state of the definition, nested ones after the Parallel or Map state they are in
 * @param ended whether the history read so far includes the execution's end
 */
public record ExecutionGraph(String idPrefix, String svg, List<StateRun> states, boolean ended) {

    public ExecutionGraph {
        Objects.requireNonNull(idPrefix, "idPrefix");
        Objects.requireNonNull(svg, "svg");
        states = List.copyOf(states);
    }

    /** The graph of an execution from its drawing and the runs seen so far. */
    public static ExecutionGraph of(String executionArn, Drawing drawing, StateRunTracker tracker) {
        return of(executionArn, drawing, tracker, Map.of());
    }

    /** The same, with the latest counters of Distributed Map states' Map Runs, by state name. */
    public static ExecutionGraph of(
            String executionArn, Drawing drawing, StateRunTracker tracker, Map<String, MapRunCounts> mapRuns) {
        String idPrefix = "sfn" + Drawing.sha256(executionArn).substring(0, 10) + "-";
        Map<String, StateRun> runs = new java.util.LinkedHashMap<>(tracker.runs(drawing.scope()));
        mapRuns.forEach((state, counts) -> runs.computeIfPresent(state, (name, run) -> run.withMapRun(counts)));
        Map<String, Integer> index = new HashMap<>();
        List<StateRun> states = new java.util.ArrayList<>();
        for (StateSpec spec : drawing.scope().allStates()) {
            index.putIfAbsent(spec.name(), states.size());
            states.add(runs.get(spec.name()));
        }
        return new ExecutionGraph(
                idPrefix, DiagramSvg.render(drawing.diagram(), runs, idPrefix, index), states, tracker.ended());
    }
}
