package dev.warden.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What changed between two inventories, endpoint by endpoint: new ones, gone ones, and changed ones — what a person
 * reviewing an API's surface cares about: who may call it (auth methods seen), whether a policy route covers it, the
 * statuses it answers, the fields its responses carry and the sensitive data in them. Counts and times always move
 * and are not compared.
 */
public final class InventoryDiff {

    /**
     * @param added   endpoints only in the new inventory
     * @param removed endpoints only in the old one
     * @param changed endpoints in both that differ, with what differs
     */
    public record Result(List<EndpointView> added, List<EndpointView> removed, Map<String, List<String>> changed) {

        public boolean same() {
            return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
        }

        /** The report a person reads, one line per endpoint (changes indented below), and a summary line. */
        public List<String> lines() {
            List<String> out = new ArrayList<>();
            for (EndpointView e : added) {
                out.add("new      " + e.key() + (e.shadow() ? "  [shadow: no policy route covers it]" : "")
                        + sensitiveNote(e));
            }
            for (EndpointView e : removed) out.add("gone     " + e.key());
            for (Map.Entry<String, List<String>> c : changed.entrySet()) {
                out.add("changed  " + c.getKey());
                for (String what : c.getValue()) out.add("           " + what);
            }
            out.add(same() ? "no differences"
                    : added.size() + " new, " + removed.size() + " gone, " + changed.size() + " changed");
            return out;
        }

        private static String sensitiveNote(EndpointView e) {
            Set<String> cats = new TreeSet<>();
            e.sensitive().values().forEach(cats::addAll);
            return cats.isEmpty() ? "" : "  [returns " + String.join(", ", cats) + "]";
        }
    }

    private InventoryDiff() {
    }

    public static Result compare(InventoryView older, InventoryView newer) {
        Map<String, EndpointView> before = byKey(older);
        Map<String, EndpointView> after = byKey(newer);
        List<EndpointView> added = new ArrayList<>();
        List<EndpointView> removed = new ArrayList<>();
        Map<String, List<String>> changed = new LinkedHashMap<>();
        for (EndpointView e : after.values()) {
            EndpointView old = before.get(e.key());
            if (old == null) {
                added.add(e);
                continue;
            }
            List<String> what = changes(old, e);
            if (!what.isEmpty()) changed.put(e.key(), what);
        }
        for (EndpointView e : before.values()) if (!after.containsKey(e.key())) removed.add(e);
        return new Result(added, removed, changed);
    }

    private static List<String> changes(EndpointView old, EndpointView now) {
        List<String> out = new ArrayList<>();
        if (!old.auth().equals(now.auth())) out.add("auth: " + list(old.auth()) + " -> " + list(now.auth()));
        if (old.covered() != now.covered()) {
            out.add(now.covered() ? "now covered by a policy route (" + list(now.routes()) + ")"
                    : "now a shadow endpoint: no policy route covers it");
        }
        Set<Integer> oldStatuses = old.responses().keySet();
        Set<Integer> newStatuses = now.responses().keySet();
        if (!oldStatuses.equals(newStatuses)) out.add("statuses: " + list(oldStatuses) + " -> " + list(newStatuses));
        Map<String, Set<String>> oldFields = old.fields();
        Map<String, Set<String>> newFields = now.fields();
        for (Map.Entry<String, Set<String>> f : newFields.entrySet()) {
            Set<String> was = oldFields.get(f.getKey());
            if (was == null) out.add("+ field " + f.getKey() + " " + f.getValue());
            else if (!was.equals(f.getValue())) out.add("~ field " + f.getKey() + " " + was + " -> " + f.getValue());
        }
        for (String path : oldFields.keySet()) if (!newFields.containsKey(path)) out.add("- field " + path);
        Map<String, Set<String>> oldSensitive = old.sensitive();
        Map<String, Set<String>> newSensitive = now.sensitive();
        Set<String> paths = new TreeSet<>(oldSensitive.keySet());
        paths.addAll(newSensitive.keySet());
        for (String path : paths) {
            Set<String> was = oldSensitive.getOrDefault(path, Set.of());
            Set<String> is = newSensitive.getOrDefault(path, Set.of());
            if (!was.equals(is)) out.add("sensitive " + path + ": " + list(was) + " -> " + list(is));
        }
        return out;
    }

    private static Map<String, EndpointView> byKey(InventoryView view) {
        Map<String, EndpointView> out = new LinkedHashMap<>();
        for (EndpointView e : view.endpoints()) out.put(e.key(), e);
        return out;
    }

    private static String list(Iterable<?> values) {
        StringBuilder b = new StringBuilder();
        for (Object v : values) b.append(b.length() == 0 ? "" : ", ").append(v);
        return b.length() == 0 ? "(none)" : b.toString();
    }
}
