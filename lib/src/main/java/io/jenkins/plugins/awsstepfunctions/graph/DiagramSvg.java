package io.jenkins.plugins.awsstepfunctions.graph;

import io.jenkins.plugins.awsstepfunctions.execution.MapRunCounts;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Arrow;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Box;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Point;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Shape;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a {@link Diagram} as SVG, each state coloured by what it did. Self-contained and safe under Jenkins' Content
 * Security Policy: no script, no style element or attribute (colours are presentation attributes), every text escaped.
 * Each state links to {@code #<idPrefix>state-<n>}, where a page can put the state's details; its tooltip says what it
 * did.
 */
public final class DiagramSvg {

    private static final int LEGEND_HEIGHT = 28;
    static final int MAX_LABEL = 30;
    private static final Map<StateStatus, String[]> COLOURS = new LinkedHashMap<>();

    static {
        // fill, stroke, text
        COLOURS.put(StateStatus.NOT_ENTERED, new String[] {"#f4f4f5", "#a1a1aa", "#71717a"});
        COLOURS.put(StateStatus.RUNNING, new String[] {"#dbeafe", "#2563eb", "#1e3a8a"});
        COLOURS.put(StateStatus.SUCCEEDED, new String[] {"#dcfce7", "#16a34a", "#14532d"});
        COLOURS.put(StateStatus.RETRIED, new String[] {"#dcfce7", "#ca8a04", "#14532d"});
        COLOURS.put(StateStatus.CAUGHT, new String[] {"#ffedd5", "#ea580c", "#7c2d12"});
        COLOURS.put(StateStatus.FAILED, new String[] {"#fee2e2", "#dc2626", "#7f1d1d"});
        COLOURS.put(StateStatus.TIMED_OUT, new String[] {"#fef3c7", "#b45309", "#78350f"});
        COLOURS.put(StateStatus.ABORTED, new String[] {"#e5e7eb", "#4b5563", "#1f2937"});
    }

    private DiagramSvg() {}

    /**
     * @param runs what each state did, by name; a state missing from it is drawn as not entered
     * @param idPrefix makes the SVG's ids and links unique on a page that shows several diagrams
     * @param stateIndex the number each state's details are found under ({@code #<idPrefix>state-<n>}), by name
     */
    public static String render(
            Diagram diagram, Map<String, StateRun> runs, String idPrefix, Map<String, Integer> stateIndex) {
        String prefix = idPrefix.replaceAll("[^A-Za-z0-9_-]", "_");
        StringBuilder svg = new StringBuilder();
        int height = diagram.height() + LEGEND_HEIGHT;
        int width = Math.max(diagram.width(), legendWidth(runs) + 2 * GraphLayout.MARGIN);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" role=\"img\" aria-label=\"State machine diagram\" font-family=\"sans-serif\">");
        svg.append("<defs>");
        marker(svg, prefix + "arrow", "#52525b");
        marker(svg, prefix + "arrow-catch", "#ea580c");
        svg.append("</defs>");
        for (Box box : diagram.boxes()) {
            box(svg, box, runs.get(box.id()), prefix, stateIndex);
        }
        List<int[]> labels = new java.util.ArrayList<>();
        for (Arrow arrow : diagram.arrows()) {
            arrow(svg, arrow, prefix, labels);
        }
        legend(svg, diagram, runs);
        return svg.append("</svg>").toString();
    }

    private static void marker(StringBuilder svg, String id, String colour) {
        svg.append("<marker id=\"")
                .append(id)
                .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\"")
                .append(" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"")
                .append(colour)
                .append("\"/></marker>");
    }

    private static void box(StringBuilder svg, Box box, StateRun run, String prefix, Map<String, Integer> stateIndex) {
        switch (box.shape()) {
            case START, END -> {
                String fill = box.shape() == Shape.START ? "#ffffff" : "#52525b";
                svg.append("<circle cx=\"")
                        .append(box.centerX())
                        .append("\" cy=\"")
                        .append(box.y() + box.height() / 2)
                        .append("\" r=\"")
                        .append(box.width() / 2 - 1)
                        .append("\" fill=\"")
                        .append(fill)
                        .append("\" stroke=\"#52525b\" stroke-width=\"2\"><title>")
                        .append(escape(box.label()))
                        .append("</title></circle>");
            }
            case BRANCH -> {
                rect(svg, box, "none", "#a1a1aa", 1, "4 3", null);
                text(svg, box.x() + 8, box.y() + 16, "start", 11, "#71717a", box.label());
            }
            case STATE, GROUP -> {
                StateStatus status = run == null ? StateStatus.NOT_ENTERED : run.status();
                String[] colour = COLOURS.get(status);
                Integer index = stateIndex.get(box.id());
                if (index != null) {
                    svg.append("<a href=\"#")
                            .append(prefix)
                            .append("state-")
                            .append(index)
                            .append("\">");
                }
                svg.append("<g><title>")
                        .append(escape(box.label() + " (" + box.type() + "): "
                                + (run == null ? StateStatus.NOT_ENTERED.describe() : run.summary())))
                        .append("</title>");
                rect(
                        svg,
                        box,
                        colour[0],
                        colour[1],
                        status == StateStatus.NOT_ENTERED ? 1 : 2,
                        null,
                        box.shape() == Shape.GROUP ? "0.3" : null);
                if (box.shape() == Shape.GROUP) {
                    text(svg, box.x() + 10, box.y() + 19, "start", 13, colour[2], box.label());
                    text(svg, box.right() - 10, box.y() + 19, "end", 11, colour[2], box.type());
                    if (run != null && run.mapRun() != null) {
                        itemBar(svg, box, run.mapRun());
                    }
                } else {
                    text(svg, box.centerX(), box.y() + 19, "middle", 13, colour[2], box.label());
                    text(svg, box.centerX(), box.y() + 35, "middle", 10, colour[2], box.type());
                }
                if (box.retries() > 0 || (run != null && run.failures() > 0 && status == StateStatus.RETRIED)) {
                    String badge = run != null && run.failures() > 0 ? "↻ " + run.failures() : "↻";
                    text(
                            svg,
                            box.right() - 6,
                            box.shape() == Shape.GROUP ? box.y() + 34 : box.y() + 13,
                            "end",
                            10,
                            colour[1],
                            badge);
                }
                svg.append("</g>");
                if (index != null) {
                    svg.append("</a>");
                }
            }
            default -> throw new IllegalStateException("unknown shape " + box.shape());
        }
    }

    /** A Distributed Map's items as a bar under its name: succeeded, failed, timed out, aborted, running, pending. */
    private static void itemBar(StringBuilder svg, Box box, MapRunCounts counts) {
        long total = Math.max(1, counts.total());
        int x = box.x() + 10;
        int width = box.width() - 20;
        long[] parts = {
            counts.succeeded(), counts.failed(), counts.timedOut(), counts.aborted(), counts.running(), counts.pending()
        };
        String[] colours = {"#16a34a", "#dc2626", "#b45309", "#4b5563", "#2563eb", "#d4d4d8"};
        svg.append("<g><title>").append(escape("Items: " + counts.describe())).append("</title>");
        svg.append("<rect x=\"")
                .append(x)
                .append("\" y=\"")
                .append(box.y() + 23)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"4\" fill=\"#f4f4f5\"/>");
        long done = 0;
        for (int i = 0; i < parts.length; i++) {
            int from = (int) (width * done / total);
            done += parts[i];
            int to = (int) (width * Math.min(done, total) / total);
            if (to > from) {
                svg.append("<rect x=\"")
                        .append(x + from)
                        .append("\" y=\"")
                        .append(box.y() + 23)
                        .append("\" width=\"")
                        .append(to - from)
                        .append("\" height=\"4\" fill=\"")
                        .append(colours[i])
                        .append("\"/>");
            }
        }
        svg.append("</g>");
    }

    private static void arrow(StringBuilder svg, Arrow arrow, String prefix, List<int[]> labels) {
        boolean caught = arrow.kind() == Transition.Kind.CATCH;
        String colour = caught ? "#ea580c" : "#52525b";
        svg.append("<path d=\"");
        List<Point> points = arrow.points();
        for (int i = 0; i < points.size(); i++) {
            svg.append(i == 0 ? "M" : " L")
                    .append(points.get(i).x())
                    .append(',')
                    .append(points.get(i).y());
        }
        svg.append("\" fill=\"none\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"1.5\"")
                .append(caught ? " stroke-dasharray=\"6 3\"" : "")
                .append(" marker-end=\"url(#")
                .append(prefix)
                .append(caught ? "arrow-catch" : "arrow")
                .append(")\"/>");
        if (!arrow.label().isEmpty() && points.size() >= 2) {
            // On the slanted stretch through the gap between layers, nearer the target: labels of a Choice's
            // arrows spread out as their targets do.
            int segment = arrow.back() ? points.size() - 3 : 1;
            Point a = points.get(Math.max(0, Math.min(segment, points.size() - 2)));
            Point b = points.get(Math.max(1, Math.min(segment + 1, points.size() - 1)));
            int x = a.x() + (b.x() - a.x()) * 65 / 100;
            int y = a.y() + (b.y() - a.y()) * 65 / 100 + 4;
            String shown = shorten(arrow.label());
            int width = GraphLayout.textWidth(shown) * 10 / 12 + 8;
            // A Choice's labels can meet: move a label down a line until it is clear of those drawn before.
            for (int tries = 0; tries < 3 && collides(labels, x - width / 2, y - 11, width); tries++) {
                y += 14;
            }
            labels.add(new int[] {x - width / 2, y - 11, width});
            svg.append("<g><title>")
                    .append(escape(arrow.label()))
                    .append("</title><rect x=\"")
                    .append(x - width / 2)
                    .append("\" y=\"")
                    .append(y - 11)
                    .append("\" width=\"")
                    .append(width)
                    .append("\" height=\"14\" rx=\"3\" fill=\"#ffffff\" fill-opacity=\"0.9\"/>");
            text(svg, x, y, "middle", 10, colour, shown);
            svg.append("</g>");
        }
    }

    private static boolean collides(List<int[]> labels, int x, int y, int width) {
        for (int[] other : labels) {
            if (x < other[0] + other[2] && other[0] < x + width && y < other[1] + 14 && other[1] < y + 14) {
                return true;
            }
        }
        return false;
    }

    static String shorten(String label) {
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }

    private static Set<StateStatus> shown(Map<String, StateRun> runs) {
        Set<StateStatus> shown = EnumSet.noneOf(StateStatus.class);
        runs.values().forEach(run -> shown.add(run.status()));
        return shown;
    }

    private static int legendWidth(Map<String, StateRun> runs) {
        int width = 0;
        for (StateStatus status : shown(runs)) {
            width += 20 + GraphLayout.textWidth(status.describe()) + 16;
        }
        return width;
    }

    private static void legend(StringBuilder svg, Diagram diagram, Map<String, StateRun> runs) {
        Set<StateStatus> shown = shown(runs);
        int x = GraphLayout.MARGIN;
        int y = diagram.height() + 4;
        for (StateStatus status : shown) {
            String[] colour = COLOURS.get(status);
            svg.append("<rect x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"14\" height=\"14\" rx=\"3\" fill=\"")
                    .append(colour[0])
                    .append("\" stroke=\"")
                    .append(colour[1])
                    .append("\" stroke-width=\"2\"/>");
            text(svg, x + 20, y + 12, "start", 11, "#3f3f46", status.describe());
            x += 20 + GraphLayout.textWidth(status.describe()) + 16;
        }
    }

    private static void rect(
            StringBuilder svg, Box box, String fill, String stroke, int width, String dashes, String fillOpacity) {
        svg.append("<rect x=\"")
                .append(box.x())
                .append("\" y=\"")
                .append(box.y())
                .append("\" width=\"")
                .append(box.width())
                .append("\" height=\"")
                .append(box.height())
                .append("\" rx=\"6\" fill=\"")
                .append(fill)
                .append("\" stroke=\"")
                .append(stroke)
                .append("\" stroke-width=\"")
                .append(width)
                .append('"')
                .append(dashes == null ? "" : " stroke-dasharray=\"" + dashes + "\"")
                .append(fillOpacity == null ? "" : " fill-opacity=\"" + fillOpacity + "\"")
                .append("/>");
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, int size, String colour, String text) {
        svg.append("<text x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\" font-size=\"")
                .append(size)
                .append("\" fill=\"")
                .append(colour)
                .append("\">")
                .append(escape(text))
                .append("</text>");
    }

    /** Escapes text for SVG content and attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        out.append(' ');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
