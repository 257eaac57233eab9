package io.jenkins.plugins.awsstepfunctions.events;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where a {@link StatusChangeQueue} hands what it reads: the execution watcher. */
public interface StatusChangeSink {

    /**
     * Applies events (in the order received). The messages are deleted from the queue only once the returned future
     * completes normally; when it fails, they are received again after the queue's visibility timeout.
     */
    CompletableFuture<Void> apply(List<StatusChangeEvent> events);

    /**
     * Whether events can be relied on right now: true after a receive succeeded, false after receives keep failing or
     * the queue is closed; {@code why} says what happened, in a sentence a Jenkins administrator can act on. Called
     * under the queue's lock, so it must return at once (hand the news over, do not act on it here).
     */
    void available(boolean available, String why);

    /**
     * The queue is closed and no event will come from it: as {@link #available} false, and waits that start from now
     * on are as without a queue until another one is attached. Called once the queue's receivers stopped; must return
     * at once, like {@link #available}.
     */
    default void detached(String why) {
        available(false, why);
    }
}
