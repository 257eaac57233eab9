package io.jenkins.plugins.awsstepfunctions.graph;

import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an Amazon States Language definition into the {@link Scope}s a diagram is drawn from. */
public final class AslDefinitions {

    static final int MAX_LABEL = 200;

    private AslDefinitions() {}

    /**
     * @throws DefinitionException when the text is not JSON or lacks {@code StartAt} or {@code States} somewhere
     */
    public static Scope parse(String definition) {
        Object root;
        try {
            root = Json.parse("the state machine definition", definition);
        } catch (RuntimeException e) {
            throw new DefinitionException(e.getMessage());
        }
        return scope("the definition", root);
    }

    private static Scope scope(String where, Object value) {
        Map<String, Object> map = object(where, value);
        Object startAt = map.get("StartAt");
        if (!(startAt instanceof String start)) {
            throw new DefinitionException(where + " has no StartAt");
        }
        Map<String, Object> states = object(where + "'s States", map.get("States"));
        List<StateSpec> specs = new ArrayList<>();
        states.forEach((name, state) -> specs.add(state(name, object("state '" + name + "'", state))));
        if (specs.stream().noneMatch(s -> s.name().equals(start))) {
            throw new DefinitionException(where + " starts at '" + start + "', which is not one of its States");
        }
        return new Scope(start, specs);
    }

    private static StateSpec state(String name, Map<String, Object> state) {
        String type = state.get("Type") instanceof String t ? t : "Unknown";
        List<Transition> transitions = new ArrayList<>();
        if (state.get("Next") instanceof String next) {
            transitions.add(new Transition(Transition.Kind.NEXT, next, ""));
        }
        if (state.get("Choices") instanceof List<?> choices) {
            for (Object choice : choices) {
                if (choice instanceof Map<?, ?> rule && rule.get("Next") instanceof String next) {
                    transitions.add(new Transition(Transition.Kind.CHOICE, next, shorten(condition(rule))));
                }
            }
        }
        if (state.get("Default") instanceof String fallback) {
            transitions.add(new Transition(Transition.Kind.DEFAULT, fallback, "Default"));
        }
        if (state.get("Catch") instanceof List<?> catchers) {
            for (Object catcher : catchers) {
                if (catcher instanceof Map<?, ?> rule && rule.get("Next") instanceof String next) {
                    transitions.add(new Transition(Transition.Kind.CATCH, next, shorten(errors(rule))));
                }
            }
        }
        boolean end = Boolean.TRUE.equals(state.get("End")) || type.equals("Succeed") || type.equals("Fail");
        int retries = state.get("Retry") instanceof List<?> retry ? retry.size() : 0;
        List<Scope> children = new ArrayList<>();
        boolean distributed = false;
        if (state.get("Branches") instanceof List<?> branches) {
            for (int i = 0; i < branches.size(); i++) {
                children.add(scope("branch " + (i + 1) + " of '" + name + "'", branches.get(i)));
            }
        }
        Object processor = state.containsKey("ItemProcessor") ? state.get("ItemProcessor") : state.get("Iterator");
        if (processor != null) {
            children.add(scope("the item processor of '" + name + "'", processor));
            if (processor instanceof Map<?, ?> p
                    && p.get("ProcessorConfig") instanceof Map<?, ?> config
                    && "DISTRIBUTED".equals(config.get("Mode"))) {
                distributed = true;
            }
        }
        return new StateSpec(
                name,
                type,
                transitions,
                end,
                retries,
                children,
                distributed,
                state.get("Error") instanceof String error ? error : null,
                state.get("Cause") instanceof String cause ? cause : null);
    }

    /** A Choice rule as a short condition: JSONata's Condition, or JSONPath's Variable, operator and value. */
    static String condition(Map<?, ?> rule) {
        if (rule.get("Condition") instanceof String jsonata) {
            return jsonata.replaceAll("^\\{%\\s*|\\s*%}$", "");
        }
        for (String combinator : List.of("And", "Or")) {
            if (rule.get(combinator) instanceof List<?> parts) {
                List<String> conditions = new ArrayList<>();
                for (Object part : parts) {
                    conditions.add(part instanceof Map<?, ?> p ? condition(p) : "?");
                }
                return "(" + String.join(" " + combinator.toLowerCase() + " ", conditions) + ")";
            }
        }
        if (rule.get("Not") instanceof Map<?, ?> negated) {
            return "not " + condition(negated);
        }
        Object variable = rule.get("Variable");
        for (Map.Entry<?, ?> entry : rule.entrySet()) {
            String key = String.valueOf(entry.getKey());
            if (key.equals("Variable") || key.equals("Next") || key.equals("Comment") || key.equals("Assign")) {
                continue;
            }
            return variable + " " + operator(key) + " " + value(entry.getValue());
        }
        return String.valueOf(variable);
    }

    private static String operator(String comparison) {
        String name = comparison.endsWith("Path") ? comparison.substring(0, comparison.length() - 4) : comparison;
        if (name.endsWith("LessThanEquals")) {
            return "<=";
        }
        if (name.endsWith("GreaterThanEquals")) {
            return ">=";
        }
        if (name.endsWith("LessThan")) {
            return "<";
        }
        if (name.endsWith("GreaterThan")) {
            return ">";
        }
        if (name.endsWith("Equals")) {
            return "==";
        }
        if (name.equals("StringMatches")) {
            return "matches";
        }
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    }

    private static String value(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }

    private static String errors(Map<?, ?> rule) {
        return rule.get("ErrorEquals") instanceof List<?> errors
                ? String.join(", ", errors.stream().map(String::valueOf).toList())
                : "";
    }

    static String shorten(String label) {
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String where, Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new DefinitionException(where + " is not a JSON object");
        }
        return (Map<String, Object>) value;
    }
}
