package io.jenkins.plugins.awsstepfunctions.graph;

import java.util.List;

/**
 * A laid-out state machine: boxes and arrows with their coordinates (pixels, origin top left).
 *
 * @param width the drawing's width
 * @param height the drawing's height
 * @param boxes every box; a group's boxes come after it, so drawing them in order puts contents over frames
 * @param arrows every arrow
 */
public record Diagram(int width, int height, List<Box> boxes, List<Arrow> arrows) {

    public Diagram {
        boxes = List.copyOf(boxes);
        arrows = List.copyOf(arrows);
    }

    /** What a box stands for. */
    public enum Shape {
        /** A state without nested states. */
        STATE,
        /** A Parallel or Map state, drawn as a frame around its branches or item processor. */
        GROUP,
        /** One branch of a Parallel state, or a Map state's item processor, inside its group. */
        BRANCH,
        /** Where a scope starts. */
        START,
        /** Where a scope ends. */
        END
    }

    /**
     * @param id unique in the diagram; a state's id is its name
     * @param label what the box says: a state's name, "Start", "End", "Branch 2"
     * @param type the state's type; empty for other shapes
     * @param retries the state's Retry rules
     */
    public record Box(
            String id, Shape shape, String label, String type, int retries, int x, int y, int width, int height) {

        public int right() {
            return x + width;
        }

        public int bottom() {
            return y + height;
        }

        public int centerX() {
            return x + width / 2;
        }

        /** Whether the two boxes share any point inside (touching edges do not count). */
        public boolean overlaps(Box other) {
            return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
        }

        /** Whether {@code other} lies inside this box. */
        public boolean contains(Box other) {
            return other.x >= x && other.right() <= right() && other.y >= y && other.bottom() <= bottom();
        }
    }

    /**
     * @param from the id of the box it leaves
     * @param to the id of the box it enters
     * @param kind why the state goes there; {@code null} for the arrows from Start and to End
     * @param label the condition or errors written on it, empty for none
     * @param back whether it goes up (a loop), drawn around the side
     * @param points the polyline, first point on {@code from}, last on {@code to}
     */
    public record Arrow(String from, String to, Transition.Kind kind, String label, boolean back, List<Point> points) {

        public Arrow {
            points = List.copyOf(points);
        }
    }

    public record Point(int x, int y) {}
}
