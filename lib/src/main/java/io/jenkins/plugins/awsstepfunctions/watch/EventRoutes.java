package io.jenkins.plugins.awsstepfunctions.watch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which watches wait for which execution, and which executions recently ended by an event that no watch was waiting
 * for yet (a wait that starts after its execution's event arrived confirms with one DescribeExecution). Owned by the
 * watcher's loop thread.
 */
final class EventRoutes {

    /** Enough for the executions that end while a burst of waits registers; a few MB at most. */
    static final int RECENTLY_ENDED = 20_000;

    private final Map<String, List<WatchState>> byExecution = new HashMap<>();
    private final Map<String, Boolean> recentlyEnded = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENTLY_ENDED;
        }
    };

    long applied;
    long confirmed;
    long unmatched;
    long missed;

    void add(WatchState w) {
        byExecution
                .computeIfAbsent(w.request.execution().toString(), k -> new ArrayList<>(1))
                .add(w);
    }

    void remove(WatchState w) {
        String arn = w.request.execution().toString();
        List<WatchState> watches = byExecution.get(arn);
        if (watches != null) {
            watches.remove(w);
            if (watches.isEmpty()) {
                byExecution.remove(arn);
            }
        }
    }

    /** The watches of an execution (a copy: applying an event may end them). */
    List<WatchState> watching(String executionArn) {
        List<WatchState> watches = byExecution.get(executionArn);
        return watches == null ? List.of() : List.copyOf(watches);
    }

    void ended(String executionArn) {
        recentlyEnded.put(executionArn, Boolean.TRUE);
    }

    boolean endedRecently(String executionArn) {
        return recentlyEnded.containsKey(executionArn);
    }
}
