package io.jenkins.plugins.awsstepfunctions.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Arrow;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Box;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Point;
import io.jenkins.plugins.awsstepfunctions.graph.Diagram.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The layout's promises, on every definition the tests know: the moto fixtures and the diagram fixtures. */
class GraphLayoutTest {

    static Stream<Path> definitions() throws IOException {
        Path root = Path.of("src/test/resources/state-machines");
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".asl.json"))
                    .sorted()
                    .toList();
            assertThat(files).hasSizeGreaterThan(10);
            return files.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void theSameDefinitionIsAlwaysLaidOutTheSame(Path file) throws IOException {
        String definition = Files.readString(file);

        Diagram first = GraphLayout.layout(AslDefinitions.parse(definition));
        Diagram second = GraphLayout.layout(AslDefinitions.parse(definition));

        assertThat(second).isEqualTo(first);
        assertThat(DiagramSvg.render(second, Map.of(), "g", Map.of()))
                .isEqualTo(DiagramSvg.render(first, Map.of(), "g", Map.of()));
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void everyStateHasOneBoxAndBoxesOverlapOnlyTheGroupsTheyAreIn(Path file) throws IOException {
        Scope scope = AslDefinitions.parse(Files.readString(file));
        Diagram diagram = GraphLayout.layout(scope);
        Map<String, Box> boxes = byId(diagram);

        for (StateSpec state : scope.allStates()) {
            assertThat(boxes).as("a box for " + state.name()).containsKey(state.name());
        }
        for (Box a : diagram.boxes()) {
            assertThat(a.x()).isGreaterThanOrEqualTo(0);
            assertThat(a.y()).isGreaterThanOrEqualTo(0);
            assertThat(a.right()).isLessThanOrEqualTo(diagram.width());
            assertThat(a.bottom()).isLessThanOrEqualTo(diagram.height());
            for (Box b : diagram.boxes()) {
                if (a != b && a.overlaps(b)) {
                    assertThat(a.contains(b) || b.contains(a))
                            .as(a.label() + " and " + b.label() + " overlap without one containing the other")
                            .isTrue();
                }
            }
        }
        for (StateSpec state : scope.allStates()) {
            for (Scope child : state.children()) {
                for (StateSpec inner : child.allStates()) {
                    assertThat(boxes.get(state.name()).contains(boxes.get(inner.name())))
                            .as(inner.name() + " inside " + state.name())
                            .isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("definitions")
    void arrowsJoinTheirBoxesAndCrossNoOtherBox(Path file) throws IOException {
        Scope scope = AslDefinitions.parse(Files.readString(file));
        Diagram diagram = GraphLayout.layout(scope);
        Map<String, Box> boxes = byId(diagram);

        for (Arrow arrow : diagram.arrows()) {
            Box from = boxes.get(arrow.from());
            Box to = boxes.get(arrow.to());
            assertThat(onBorder(from, arrow.points().get(0)))
                    .as(arrow + " leaves " + from)
                    .isTrue();
            assertThat(onBorder(to, arrow.points().get(arrow.points().size() - 1)))
                    .as(arrow + " enters " + to)
                    .isTrue();
            for (Box box : diagram.boxes()) {
                if (box == from || box == to || box.contains(from) || box.contains(to)) {
                    continue;
                }
                assertThat(passesThrough(arrow.points(), box))
                        .as(arrow.from() + " -> " + arrow.to() + " crosses " + box.label())
                        .isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass", "fail", "map", "parallel-fail", "retry-catch", "diagrams/parallel-in-map"})
    void definitionsWithoutCrossingArrowsAreDrawnWithoutCrossings(String name) throws IOException {
        Diagram diagram = GraphLayout.layout(AslDefinitions.parse(
                Files.readString(Path.of("src/test/resources/state-machines/" + name + ".asl.json"))));

        assertThat(crossings(diagram)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aLoopGoesBackUpAndTheOtherArrowsGoDown() throws IOException {
        Diagram diagram = GraphLayout.layout(AslDefinitions.parse(
                Files.readString(Path.of("src/test/resources/state-machines/diagrams/choice-loop.asl.json"))));
        Map<String, Box> boxes = byId(diagram);

        List<Arrow> back = diagram.arrows().stream().filter(Arrow::back).toList();
        assertThat(back)
                .extracting(Arrow::from, Arrow::to)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Poll", "Check"));
        assertThat(boxes.get("Poll").y()).isGreaterThan(boxes.get("Check").y());
        for (Arrow arrow : diagram.arrows()) {
            if (!arrow.back()) {
                assertThat(boxes.get(arrow.to()).y())
                        .as(arrow.from() + " -> " + arrow.to())
                        .isGreaterThan(boxes.get(arrow.from()).y());
            }
        }
        assertThat(diagram.arrows())
                .filteredOn(a -> a.from().equals("Submit") && a.kind() == Transition.Kind.CATCH)
                .extracting(Arrow::to, Arrow::label)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("GiveUp", "States.Timeout, Job.Lost"));
    }

    @org.junit.jupiter.api.Test
    void groupsHoldOneFramePerBranch() throws IOException {
        Diagram diagram = GraphLayout.layout(AslDefinitions.parse(
                Files.readString(Path.of("src/test/resources/state-machines/diagrams/map-in-parallel.asl.json"))));
        Map<String, Box> boxes = byId(diagram);

        List<Box> branches =
                diagram.boxes().stream().filter(b -> b.shape() == Shape.BRANCH).toList();
        assertThat(branches).extracting(Box::label).containsExactly("Branch 1", "Items", "Branch 2", "Items");
        assertThat(boxes.get("Fan").shape()).isEqualTo(Shape.GROUP);
        assertThat(boxes.get("Fan").contains(boxes.get("Left"))).isTrue();
        assertThat(boxes.get("Left").contains(boxes.get("L2"))).isTrue();
        assertThat(boxes.get("Right").contains(boxes.get("R1"))).isTrue();
        assertThat(boxes.get("L1").overlaps(boxes.get("R1"))).isFalse();
    }

    private static Map<String, Box> byId(Diagram diagram) {
        Map<String, Box> boxes = new HashMap<>();
        for (Box box : diagram.boxes()) {
            assertThat(boxes.put(box.id(), box))
                    .as("one box with id " + box.id())
                    .isNull();
        }
        return boxes;
    }

    private static boolean onBorder(Box box, Point p) {
        boolean inside = p.x() >= box.x() && p.x() <= box.right() && p.y() >= box.y() && p.y() <= box.bottom();
        boolean onEdge = p.x() == box.x() || p.x() == box.right() || p.y() == box.y() || p.y() == box.bottom();
        return inside && onEdge;
    }

    /** Whether any point of the polyline lies strictly inside the box (sampled every pixel). */
    static boolean passesThrough(List<Point> points, Box box) {
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            int steps = Math.max(Math.abs(b.x() - a.x()), Math.abs(b.y() - a.y()));
            for (int s = 0; s <= steps; s++) {
                double x = a.x() + (b.x() - a.x()) * (steps == 0 ? 0 : (double) s / steps);
                double y = a.y() + (b.y() - a.y()) * (steps == 0 ? 0 : (double) s / steps);
                if (x > box.x() && x < box.right() && y > box.y() && y < box.bottom()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Pairs of arrows whose segments properly cross (arrows sharing a box may touch there). */
    static List<String> crossings(Diagram diagram) {
        List<String> found = new ArrayList<>();
        List<Arrow> arrows = diagram.arrows();
        for (int i = 0; i < arrows.size(); i++) {
            for (int j = i + 1; j < arrows.size(); j++) {
                if (cross(arrows.get(i).points(), arrows.get(j).points())) {
                    found.add(arrows.get(i).from() + "->" + arrows.get(i).to() + " x "
                            + arrows.get(j).from() + "->" + arrows.get(j).to());
                }
            }
        }
        return found;
    }

    private static boolean cross(List<Point> p, List<Point> q) {
        for (int i = 1; i < p.size(); i++) {
            for (int j = 1; j < q.size(); j++) {
                if (properlyIntersect(p.get(i - 1), p.get(i), q.get(j - 1), q.get(j))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean properlyIntersect(Point a, Point b, Point c, Point d) {
        long d1 = orientation(c, d, a);
        long d2 = orientation(c, d, b);
        long d3 = orientation(a, b, c);
        long d4 = orientation(a, b, d);
        return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
    }

    private static long orientation(Point a, Point b, Point c) {
        return (long) (b.x() - a.x()) * (c.y() - a.y()) - (long) (b.y() - a.y()) * (c.x() - a.x());
    }
}
