package io.jenkins.plugins.awsstepfunctions.graph;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The SVG is well-formed, escapes every text, needs no script or style, and colours states by what they did. */
class DiagramSvgTest {

    private static final String HOSTILE = "{\"StartAt\": \"<script>alert('x')</script>\", \"States\": {"
            + "\"<script>alert('x')</script>\": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\","
            + " \"StringEquals\": \"\\\"/><script>x()</script>\", \"Next\": \"B&C\"}], \"Default\": \"B&C\"},"
            + "\"B&C\": {\"Type\": \"Succeed\"}}}";

    @Test
    void everyTextIsEscapedAndNothingNeedsScriptOrStyle() throws Exception {
        Scope scope = AslDefinitions.parse(HOSTILE);
        String svg = DiagramSvg.render(
                GraphLayout.layout(scope),
                Map.of(
                        "B&C",
                        new StateRun(
                                "B&C", StateStatus.FAILED, 1, 1, "E<1>", "\"quoted\"", null, null, null, null, null)),
                "exec 1/",
                Map.of("B&C", 7));

        Document document = parse(svg);
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        assertThat(document.getElementsByTagName("style").getLength()).isZero();
        assertThat(svg).doesNotContain("<script").doesNotContain("style=").doesNotContainPattern(" on[a-z]+=");
        assertThat(texts(document)).contains("<script>alert('x')</script>", "B&C");
        assertThat(svg).contains("href=\"#exec_1_state-7\"").contains("id=\"exec_1_arrow\"");
        assertThat(svg).contains("B&amp;C (Succeed): failed: E&lt;1&gt; (&quot;quoted&quot;)");
    }

    @Test
    void statesAreColouredByStatusAndTheLegendListsTheStatusesShown() throws Exception {
        Scope scope = AslDefinitions.parse(StateMachines.definition("retry-catch"));
        Map<String, StateRun> runs = Map.of(
                "Both",
                        new StateRun(
                                "Both", StateStatus.CAUGHT, 1, 1, "Branch.Broken", null, null, null, null, null, null),
                "Broken",
                        new StateRun(
                                "Broken",
                                StateStatus.FAILED,
                                1,
                                0,
                                "Branch.Broken",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null),
                "Fine", new StateRun("Fine", StateStatus.SUCCEEDED, 1, 0, null, null, null, null, null, null, null),
                "Unexpected", StateRun.notEntered("Unexpected"));

        Document document = parse(DiagramSvg.render(GraphLayout.layout(scope), runs, "g", Map.of()));

        assertThat(fillOfState(document, "Broken")).isEqualTo("#fee2e2");
        assertThat(fillOfState(document, "Fine")).isEqualTo("#dcfce7");
        assertThat(fillOfState(document, "Unexpected")).isEqualTo("#f4f4f5");
        assertThat(fillOfState(document, "Both")).isEqualTo("#ffedd5");
        assertThat(texts(document)).contains("caught", "failed", "succeeded", "not entered");
    }

    private static String fillOfState(Document document, String name) {
        NodeList titles = document.getElementsByTagName("title");
        for (int i = 0; i < titles.getLength(); i++) {
            if (titles.item(i).getTextContent().startsWith(name + " (")) {
                Element group = (Element) titles.item(i).getParentNode();
                return ((Element) group.getElementsByTagName("rect").item(0)).getAttribute("fill");
            }
        }
        throw new AssertionError("no state " + name);
    }

    private static List<String> texts(Document document) {
        NodeList texts = document.getElementsByTagName("text");
        List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            out.add(texts.item(i).getTextContent());
        }
        return out;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
