package cn.zhiban.acceptance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The JSON paths at which two answers differ, with both values; used to explain a replay. */
final class JsonDiff {
    private JsonDiff() {
    }

    static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
        if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
            if (!(a == null && b == null)) {
                out.add(path + ": " + a + " → " + b);
            }
            return;
        }
        if (a.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), out);
            }
        } else if (a.isArray()) {
            Iterator<JsonNode> ia = a.elements();
            Iterator<JsonNode> ib = b.elements();
            int i = 0;
            while (ia.hasNext() || ib.hasNext()) {
                diff(path + "[" + i + "]", ia.hasNext() ? ia.next() : null, ib.hasNext() ? ib.next() : null, out);
                i++;
            }
        } else if (!a.equals(b)) {
            out.add(path + ": " + a + " → " + b);
        }
    }
}
