package io.jenkins.plugins.awsstepfunctions.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An alias's routing as a Pipeline map or as a build step's text, read the same way. */
class RoutingTest {

    @Test
    void aMapAndTheTextSayTheSameInTheirOrder() {
        Map<Object, Object> groovy = new LinkedHashMap<>();
        groovy.put("new", 10);
        groovy.put(3, 90L);

        assertThat(Routing.parse(groovy)).containsExactly(Map.entry("new", 10), Map.entry("3", 90));
        assertThat(Routing.parse("new=10,3=90")).containsExactly(Map.entry("new", 10), Map.entry("3", 90));
        assertThat(Routing.parseText(" new = 10 , 3 = 90 ")).containsExactly(Map.entry("new", 10), Map.entry("3", 90));
        assertThat(Routing.parse(Map.of("new", new BigDecimal("100.0")))).containsExactly(Map.entry("new", 100));
        // A Groovy map's values stay as written: a GString (a CharSequence that is not a String), or spaced text.
        Map<Object, Object> interpolated = new LinkedHashMap<>();
        interpolated.put("new", new StringBuilder("10"));
        interpolated.put("1", " 90 ");
        assertThat(Routing.parse(interpolated)).containsExactly(Map.entry("new", 10), Map.entry("1", 90));
    }

    @Test
    void nothingGivenIsNull() {
        assertThat(Routing.parse(null)).isNull();
        assertThat(Routing.parse("  ")).isNull();
        assertThat(Routing.parseText(null)).isNull();
    }

    @Test
    void whatCannotBeReadIsRefusedNamingRouting() {
        assertThatThrownBy(() -> Routing.parse("new:10"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("routing: 'new:10' is not version=weight; write new=10,3=90 (this deploy's version 10 %,"
                        + " version 3 90 %)");
        assertThatThrownBy(() -> Routing.parse("new=10,,3=90"))
                .hasMessageStartingWith("routing: '' is not version=weight");
        assertThatThrownBy(() -> Routing.parse("new=10,new=90")).hasMessage("routing: names the version 'new' twice");
        assertThatThrownBy(() -> Routing.parse(Map.of("new", 10, " new", 90)))
                .hasMessage("routing: names the version 'new' twice");
        assertThatThrownBy(() -> Routing.parse("new=ten"))
                .hasMessage("routing: the weight of 'new' must be a whole number from 0 to 100, not 'ten'");
        assertThatThrownBy(() -> Routing.parse(Map.of("new", 12.5)))
                .hasMessage("routing: the weight of 'new' must be a whole number from 0 to 100, not '12.5'");
        assertThatThrownBy(() -> Routing.parse(Map.of("new", List.of(1))))
                .hasMessageStartingWith("routing: the weight of 'new' must be a whole number");
        assertThatThrownBy(() -> Routing.parse(List.of("new", 100)))
                .hasMessage("routing: must be a map such as ['new': 10, '3': 90] or text such as new=10,3=90, not"
                        + " a list");
        assertThatThrownBy(() -> Routing.parse(100)).hasMessageEndingWith(", not a number");
    }

    @Test
    void aFormsTextIsCheckedAsADeployWouldCheckIt() {
        Routing.checkText("new=10,3=90");
        Routing.checkText("");
        assertThatThrownBy(() -> Routing.checkText("new=60,1=30"))
                .hasMessage("routing: weights add up to 90; they must add up to 100");
        assertThatThrownBy(() -> Routing.checkText("new=50,1=25,2=25"))
                .hasMessageStartingWith("routing: names 3 versions; an alias routes to one or two");
        assertThatThrownBy(() -> Routing.checkText("new=101"))
                .hasMessageStartingWith("routing: the weight of 'new' must be 0 to 100");
    }
}
