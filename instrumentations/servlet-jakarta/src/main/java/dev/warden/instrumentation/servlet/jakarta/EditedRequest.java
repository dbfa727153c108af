package dev.warden.instrumentation.servlet.jakarta;

import dev.warden.bootstrap.RequestScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request as the application sees it when Warden changes headers: hidden credentials and forged identity
 * headers are gone, the forwarded identity is present. Header names compare case-insensitively, as HTTP says.
 */
public final class EditedRequest extends HttpServletRequestWrapper {

    private final Map<String, List<String>> added;
    private final List<String> removed;
    private final String stripPrefix;

    private EditedRequest(HttpServletRequest request, List<String> removed, String stripPrefix,
                          Map<String, List<String>> added) {
        super(request);
        this.removed = removed;
        this.stripPrefix = stripPrefix;
        this.added = added;
    }

    /** The edited view, or null when the scope changes nothing. */
    static HttpServletRequest of(HttpServletRequest request, RequestScope scope) {
        String[] remove = scope.removedRequestHeaders();
        String prefix = scope.strippedRequestHeaderPrefix();
        String[] add = scope.addedRequestHeaders();
        if (remove.length == 0 && prefix == null && add.length == 0) return null;
        List<String> removed = new ArrayList<>();
        for (String r : remove) removed.add(r.toLowerCase(Locale.ROOT));
        Map<String, List<String>> added = new LinkedHashMap<>();
        for (int i = 0; i + 1 < add.length; i += 2) {
            added.computeIfAbsent(add[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(add[i + 1]);
        }
        return new EditedRequest(request, removed, prefix == null ? null : prefix.toLowerCase(Locale.ROOT), added);
    }

    private boolean hidden(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return removed.contains(n) || stripPrefix != null && n.startsWith(stripPrefix);
    }

    @Override
    public String getHeader(String name) {
        List<String> a = added.get(name.toLowerCase(Locale.ROOT));
        if (a != null) return a.get(0);
        return hidden(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        List<String> a = added.get(name.toLowerCase(Locale.ROOT));
        if (a != null) return Collections.enumeration(a);
        return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        List<String> names = new ArrayList<>();
        for (String n : Collections.list(super.getHeaderNames())) {
            if (!hidden(n) && !added.containsKey(n.toLowerCase(Locale.ROOT))) names.add(n);
        }
        names.addAll(added.keySet());
        return Collections.enumeration(names);
    }

    @Override
    public int getIntHeader(String name) {
        String v = getHeader(name);
        return v == null ? -1 : Integer.parseInt(v);
    }

    @Override
    public long getDateHeader(String name) {
        return getHeader(name) == null ? -1 : super.getDateHeader(name);
    }
}
