package io.jenkins.plugins.awsstepfunctions.statemachine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/** An SDK model object as plain maps, lists and strings (by its own field names), for a Pipeline to read. */
final class SdkValues {

    private SdkValues() {}

    static Object plain(Object value) {
        if (value instanceof SdkPojo pojo) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (SdkField<?> field : pojo.sdkFields()) {
                Object member = field.getValueOrDefault(pojo);
                if (member != null) {
                    map.put(field.memberName(), plain(member));
                }
            }
            return map;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(plain(item)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        return value instanceof String || value instanceof Number || value instanceof Boolean
                ? value
                : String.valueOf(value);
    }
}
