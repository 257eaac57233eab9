package io.jenkins.plugins.awsstepfunctions.graph;

import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Arrow;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Box;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Point;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Shape;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered (Sugiyama) layout of a state machine, top to bottom, computed the same way every time.
 *
 * <p>Each scope (the machine, each Parallel branch, each item processor) is laid out on its own between a Start and an
 * End marker; a Parallel or Map state is a box as large as its laid-out scopes. In a scope, loops are turned around,
 * states are put in layers by their longest path from Start, arrows that skip layers pass through reserved slots, the
 * order within each layer is chosen by barycenter sweeps to reduce crossings, and boxes are pulled toward their
 * neighbours without ever overlapping. Arrows run vertically inside their box's column and slant only in the gaps
 * between layers, so no arrow crosses a box.
 */
public final class GraphLayout {

    static final int STATE_HEIGHT = 44;
    static final int MIN_STATE_WIDTH = 120;
    static final int CHAR_WIDTH = 7;
    static final int MARKER = 20;
    static final int SLOT = 12;
    static final int H_GAP = 28;
    static final int V_GAP = 56;
    static final int PAD = 14;
    static final int HEADER = 30;
    static final int MARGIN = 16;
    private static final int SWEEPS = 8;

    private GraphLayout() {}

    public static Diagram layout(Scope scope) {
        Laid laid = new ScopeLayout(scope, "").laid();
        List<Box> boxes = new ArrayList<>();
        List<Arrow> arrows = new ArrayList<>();
        laid.translate(MARGIN, MARGIN, boxes, arrows);
        return new Diagram(laid.width + 2 * MARGIN, laid.height + 2 * MARGIN, boxes, arrows);
    }

    /** Boxes and arrows of one scope in its own coordinates. */
    private record Laid(int width, int height, List<Box> boxes, List<Arrow> arrows) {

        void translate(int dx, int dy, List<Box> boxesOut, List<Arrow> arrowsOut) {
            for (Box b : boxes) {
                boxesOut.add(new Box(
                        b.id(),
                        b.shape(),
                        b.label(),
                        b.type(),
                        b.retries(),
                        b.x() + dx,
                        b.y() + dy,
                        b.width(),
                        b.height()));
            }
            for (Arrow a : arrows) {
                arrowsOut.add(new Arrow(
                        a.from(),
                        a.to(),
                        a.kind(),
                        a.label(),
                        a.back(),
                        a.points().stream()
                                .map(p -> new Point(p.x() + dx, p.y() + dy))
                                .toList()));
            }
        }
    }

    /** A box or a reserved slot of the layered graph. */
    private static final class Node {
        final String id;
        final Shape shape;
        final String label;
        final StateSpec state;
        final int width;
        final int height;
        final Laid content;
        final boolean dummy;
        final int rank;
        int layer;
        int order;
        int x;
        int y;
        final List<Node> up = new ArrayList<>();
        final List<Node> down = new ArrayList<>();

        Node(String id, Shape shape, String label, StateSpec state, int width, int height, Laid content, int rank) {
            this.id = id;
            this.shape = shape;
            this.label = label;
            this.state = state;
            this.width = width;
            this.height = height;
            this.content = content;
            this.dummy = shape == null;
            this.rank = rank;
        }

        int center() {
            return x + width / 2;
        }
    }

    /** An arrow of the scope as the layering sees it: always downwards, through its slots. */
    private record Edge(Node from, Node to, Transition.Kind kind, String label, boolean back, List<Node> chain) {}

    private static final class ScopeLayout {
        private final Scope scope;
        private final String path;
        private final List<Node> nodes = new ArrayList<>();
        private final Map<String, Node> byName = new HashMap<>();
        private final List<Edge> edges = new ArrayList<>();
        private final List<Edge> selfLoops = new ArrayList<>();
        private List<List<Node>> layers;

        ScopeLayout(Scope scope, String path) {
            this.scope = scope;
            this.path = path;
        }

        Laid laid() {
            createNodes();
            List<Edge> raw = createEdges();
            orientAndLayer(raw);
            insertSlots();
            order();
            place();
            return draw();
        }

        private void createNodes() {
            nodes.add(new Node(markerId("start"), Shape.START, "Start", null, MARKER, MARKER, null, 0));
            for (StateSpec state : scope.states()) {
                Node node = state.isGroup() ? groupNode(state) : stateNode(state);
                nodes.add(node);
                byName.put(state.name(), node);
            }
            nodes.add(new Node(markerId("end"), Shape.END, "End", null, MARKER, MARKER, null, nodes.size()));
        }

        private String markerId(String which) {
            return "(" + which + (path.isEmpty() ? "" : " " + path) + ")";
        }

        private Node stateNode(StateSpec state) {
            int width = Math.max(MIN_STATE_WIDTH, textWidth(state.name()) + 2 * PAD);
            return new Node(state.name(), Shape.STATE, state.name(), state, width, STATE_HEIGHT, null, nodes.size());
        }

        private Node groupNode(StateSpec state) {
            List<Box> boxes = new ArrayList<>();
            List<Arrow> arrows = new ArrayList<>();
            int x = PAD;
            int tallest = 0;
            List<Laid> branches = new ArrayList<>();
            for (int i = 0; i < state.children().size(); i++) {
                String branchPath = (path.isEmpty() ? "" : path + "/") + state.name() + "/" + (i + 1);
                branches.add(new ScopeLayout(state.children().get(i), branchPath).laid());
            }
            for (Laid branch : branches) {
                tallest = Math.max(tallest, branch.height);
            }
            for (int i = 0; i < branches.size(); i++) {
                Laid branch = branches.get(i);
                String label = state.type().equals("Map")
                        ? (state.distributed() ? "Items (distributed)" : "Items")
                        : "Branch " + (i + 1);
                int width = Math.max(branch.width + 2 * PAD, textWidth(label) + 2 * PAD);
                int height = tallest + 2 * PAD + HEADER - PAD;
                String branchId = "(" + (path.isEmpty() ? "" : path + "/") + state.name() + "/" + (i + 1) + ")";
                boxes.add(new Box(branchId, Shape.BRANCH, label, "", 0, x, HEADER, width, height));
                branch.translate(x + (width - branch.width) / 2, HEADER + HEADER - PAD, boxes, arrows);
                x += width + PAD;
            }
            int width = Math.max(x, textWidth(state.name()) + 2 * PAD + 60);
            int height = HEADER + tallest + 2 * PAD + HEADER - PAD + PAD;
            return new Node(
                    state.name(),
                    Shape.GROUP,
                    state.name(),
                    state,
                    width,
                    height,
                    new Laid(width, height, boxes, arrows),
                    nodes.size());
        }

        private List<Edge> createEdges() {
            List<Edge> raw = new ArrayList<>();
            Node start = nodes.get(0);
            Node end = nodes.get(nodes.size() - 1);
            raw.add(new Edge(start, byName.get(scope.startAt()), null, "", false, List.of()));
            for (StateSpec state : scope.states()) {
                Node from = byName.get(state.name());
                for (Transition t : state.transitions()) {
                    Node to = byName.get(t.target());
                    if (to == null) {
                        continue;
                    }
                    if (to == from) {
                        selfLoops.add(new Edge(from, to, t.kind(), t.label(), true, List.of()));
                    } else {
                        raw.add(new Edge(from, to, t.kind(), t.label(), false, List.of()));
                    }
                }
                if (state.end()) {
                    raw.add(new Edge(from, end, null, "", false, List.of()));
                }
            }
            return raw;
        }

        /** Finds the loops' closing arrows (by a depth-first walk from Start) and layers by longest path. */
        private void orientAndLayer(List<Edge> raw) {
            Map<Node, List<Edge>> outgoing = new HashMap<>();
            for (Edge e : raw) {
                outgoing.computeIfAbsent(e.from, k -> new ArrayList<>()).add(e);
            }
            Map<Node, Integer> state = new HashMap<>(); // 1 on the walk's stack, 2 done
            List<Edge> oriented = new ArrayList<>();
            for (Node root : nodes) {
                if (state.containsKey(root)) {
                    continue;
                }
                Deque<Object[]> stack = new ArrayDeque<>();
                stack.push(new Object[] {root, 0});
                state.put(root, 1);
                while (!stack.isEmpty()) {
                    Object[] frame = stack.peek();
                    Node node = (Node) frame[0];
                    List<Edge> out = outgoing.getOrDefault(node, List.of());
                    int next = (int) frame[1];
                    if (next == out.size()) {
                        state.put(node, 2);
                        stack.pop();
                        continue;
                    }
                    frame[1] = next + 1;
                    Edge e = out.get(next);
                    Integer seen = state.get(e.to);
                    if (seen != null && seen == 1) {
                        oriented.add(new Edge(e.to, e.from, e.kind, e.label, true, List.of()));
                    } else {
                        oriented.add(e);
                        if (seen == null) {
                            state.put(e.to, 1);
                            stack.push(new Object[] {e.to, 0});
                        }
                    }
                }
            }
            Map<Node, Integer> indegree = new HashMap<>();
            Map<Node, List<Edge>> down = new HashMap<>();
            for (Edge e : oriented) {
                indegree.merge(e.to, 1, Integer::sum);
                down.computeIfAbsent(e.from, k -> new ArrayList<>()).add(e);
            }
            java.util.PriorityQueue<Node> ready = new java.util.PriorityQueue<>(Comparator.comparingInt(n -> n.rank));
            for (Node n : nodes) {
                if (!indegree.containsKey(n)) {
                    ready.add(n);
                }
            }
            Node end = nodes.get(nodes.size() - 1);
            int deepest = 0;
            while (!ready.isEmpty()) {
                Node n = ready.poll();
                for (Edge e : down.getOrDefault(n, List.of())) {
                    e.to.layer = Math.max(e.to.layer, n.layer + 1);
                    if (indegree.merge(e.to, -1, Integer::sum) == 0) {
                        ready.add(e.to);
                    }
                }
                if (n != end) {
                    deepest = Math.max(deepest, n.layer);
                }
            }
            end.layer = deepest + 1;
            edges.addAll(oriented);
        }

        /** Gives every arrow that skips layers a slot in each layer it passes. */
        private void insertSlots() {
            int layerCount = nodes.stream().mapToInt(n -> n.layer).max().orElse(0) + 1;
            List<Edge> chained = new ArrayList<>();
            for (Edge e : edges) {
                List<Node> chain = new ArrayList<>();
                Node previous = e.from;
                for (int layer = e.from.layer + 1; layer < e.to.layer; layer++) {
                    Node slot = new Node(null, null, "", null, SLOT, 0, null, e.from.rank);
                    slot.layer = layer;
                    nodes.add(slot);
                    chain.add(slot);
                    previous.down.add(slot);
                    slot.up.add(previous);
                    previous = slot;
                }
                previous.down.add(e.to);
                e.to.up.add(previous);
                chained.add(new Edge(e.from, e.to, e.kind, e.label, e.back, chain));
            }
            edges.clear();
            edges.addAll(chained);
            layers = new ArrayList<>();
            for (int i = 0; i < layerCount; i++) {
                layers.add(new ArrayList<>());
            }
            for (Node n : nodes) {
                layers.get(n.layer).add(n);
            }
            for (List<Node> layer : layers) {
                layer.sort(Comparator.comparingInt(n -> n.rank));
                renumber(layer);
            }
        }

        /** Barycenter sweeps, keeping the order with the fewest crossings. */
        private void order() {
            List<List<Node>> best = copy(layers);
            int fewest = crossings();
            for (int sweep = 0; sweep < SWEEPS && fewest > 0; sweep++) {
                boolean downwards = sweep % 2 == 0;
                for (int i = 1; i < layers.size(); i++) {
                    int index = downwards ? i : layers.size() - 1 - i;
                    List<Node> layer = layers.get(index);
                    Map<Node, Double> barycenter = new HashMap<>();
                    for (Node n : layer) {
                        List<Node> neighbours = downwards ? n.up : n.down;
                        barycenter.put(
                                n,
                                neighbours.isEmpty()
                                        ? n.order
                                        : neighbours.stream()
                                                .mapToInt(m -> m.order)
                                                .average()
                                                .orElse(n.order));
                    }
                    layer.sort(Comparator.comparingDouble((Node n) -> barycenter.get(n))
                            .thenComparingInt(n -> n.order));
                    renumber(layer);
                }
                int now = crossings();
                if (now < fewest) {
                    fewest = now;
                    best = copy(layers);
                }
            }
            layers = best;
            for (List<Node> layer : layers) {
                renumber(layer);
            }
        }

        private int crossings() {
            int count = 0;
            for (List<Node> layer : layers) {
                List<int[]> pairs = new ArrayList<>();
                for (Node n : layer) {
                    for (Node m : n.down) {
                        pairs.add(new int[] {n.order, m.order});
                    }
                }
                for (int i = 0; i < pairs.size(); i++) {
                    for (int j = i + 1; j < pairs.size(); j++) {
                        int[] a = pairs.get(i);
                        int[] b = pairs.get(j);
                        if ((a[0] < b[0] && a[1] > b[1]) || (a[0] > b[0] && a[1] < b[1])) {
                            count++;
                        }
                    }
                }
            }
            return count;
        }

        /** Rows by layer; in each row, boxes pulled toward their neighbours' centers, in order, never closer than the gap. */
        private void place() {
            int y = 0;
            for (List<Node> layer : layers) {
                int rowHeight = layer.stream().mapToInt(n -> n.height).max().orElse(0);
                for (Node n : layer) {
                    n.y = y + (rowHeight - n.height) / 2;
                }
                for (Node n : layer) {
                    if (n.dummy) {
                        n.y = y;
                    }
                }
                rowTop.put(layer, y);
                rowBottom.put(layer, y + rowHeight);
                y += rowHeight + V_GAP;
                int x = 0;
                for (Node n : layer) {
                    n.x = x;
                    x += n.width + H_GAP;
                }
            }
            for (int pass = 0; pass < 6; pass++) {
                boolean downwards = pass % 2 == 0;
                for (int i = 0; i < layers.size(); i++) {
                    List<Node> layer = layers.get(downwards ? i : layers.size() - 1 - i);
                    pull(layer, downwards);
                }
            }
            int left = nodes.stream().mapToInt(n -> n.x).min().orElse(0);
            for (Node n : nodes) {
                n.x -= left;
            }
        }

        private final Map<List<Node>, Integer> rowTop = new java.util.IdentityHashMap<>();
        private final Map<List<Node>, Integer> rowBottom = new java.util.IdentityHashMap<>();

        private void pull(List<Node> layer, boolean towardsAbove) {
            int[] desired = new int[layer.size()];
            boolean any = false;
            for (int i = 0; i < layer.size(); i++) {
                Node n = layer.get(i);
                List<Node> neighbours = towardsAbove ? n.up : n.down;
                desired[i] = neighbours.isEmpty()
                        ? n.center()
                        : (int) Math.round(neighbours.stream()
                                .mapToInt(Node::center)
                                .average()
                                .orElse(n.center()));
                any |= !neighbours.isEmpty();
            }
            if (!any) {
                return;
            }
            int previousRight = Integer.MIN_VALUE;
            long drift = 0;
            for (int i = 0; i < layer.size(); i++) {
                Node n = layer.get(i);
                int x = desired[i] - n.width / 2;
                if (previousRight != Integer.MIN_VALUE) {
                    x = Math.max(x, previousRight + H_GAP);
                }
                n.x = x;
                previousRight = x + n.width;
                drift += desired[i] - n.center();
            }
            int shift = (int) Math.round((double) drift / layer.size());
            for (Node n : layer) {
                n.x += shift;
            }
        }

        private Laid draw() {
            List<Box> boxes = new ArrayList<>();
            List<Arrow> arrows = new ArrayList<>();
            int width = 0;
            int height = 0;
            for (Node n : nodes) {
                width = Math.max(width, n.x + n.width);
                height = Math.max(height, n.y + n.height);
            }
            for (List<Node> layer : layers) {
                for (Node n : layer) {
                    if (n.dummy) {
                        continue;
                    }
                    String type = n.state == null ? "" : n.state.type();
                    int retries = n.state == null ? 0 : n.state.retries();
                    boxes.add(new Box(n.id, n.shape, n.label, type, retries, n.x, n.y, n.width, n.height));
                    if (n.content != null) {
                        n.content.translate(n.x, n.y, boxes, arrows);
                    }
                }
            }
            for (Edge e : edges) {
                arrows.add(route(e));
            }
            for (Edge e : selfLoops) {
                Node n = e.from;
                int right = n.x + n.width;
                int middle = n.y + n.height / 2;
                arrows.add(new Arrow(
                        n.id,
                        n.id,
                        e.kind,
                        e.label,
                        true,
                        List.of(
                                new Point(right, middle - 8),
                                new Point(right + H_GAP / 2, middle - 8),
                                new Point(right + H_GAP / 2, middle + 8),
                                new Point(right, middle + 8))));
                width = Math.max(width, right + H_GAP / 2);
            }
            return new Laid(width, height, boxes, arrows);
        }

        /** Down the source's column to its row's bottom, through the slots, into the target's column from its row's top. */
        private Arrow route(Edge e) {
            List<Point> points = new ArrayList<>();
            points.add(new Point(e.from.center(), e.from.y + e.from.height));
            points.add(new Point(e.from.center(), rowBottom.get(layers.get(e.from.layer))));
            for (Node slot : e.chain) {
                points.add(new Point(slot.center(), rowTop.get(layers.get(slot.layer))));
                points.add(new Point(slot.center(), rowBottom.get(layers.get(slot.layer))));
            }
            points.add(new Point(e.to.center(), rowTop.get(layers.get(e.to.layer))));
            points.add(new Point(e.to.center(), e.to.y));
            List<Point> line = withoutRepeats(points);
            if (e.back) {
                // Laid out downwards from the loop's target; drawn from the state that loops back, upwards.
                line = new ArrayList<>(line);
                java.util.Collections.reverse(line);
                return new Arrow(e.to.id, e.from.id, e.kind, e.label, true, line);
            }
            return new Arrow(e.from.id, e.to.id, e.kind, e.label, false, line);
        }
    }

    private static List<Point> withoutRepeats(List<Point> points) {
        List<Point> out = new ArrayList<>();
        for (Point p : points) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static int textWidth(String text) {
        return text.length() * CHAR_WIDTH;
    }

    private static List<List<Node>> copy(List<List<Node>> layers) {
        List<List<Node>> copy = new ArrayList<>();
        for (List<Node> layer : layers) {
            copy.add(new ArrayList<>(layer));
        }
        return copy;
    }

    private static void renumber(List<Node> layer) {
        for (int i = 0; i < layer.size(); i++) {
            layer.get(i).order = i;
        }
    }
}
