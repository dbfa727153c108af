package dev.warden.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live API inventory: every (method, path template) the application served, what answered, who called, what
 * its responses hold. Fed once per finished request ({@link #record}) on the request's thread, so recording is a few
 * map look-ups and counters; the JSON shape of a response is read only for the first few responses per endpoint
 * ({@link #sample}).
 *
 * <p>An endpoint is created by a request the application served, except a 404, 405 or 501 (no such resource: a
 * scanner's paths must not fill the inventory). A request Warden refused is counted on its endpoint (found by the
 * template a served request at the same collapsed path had); refused before the endpoint was ever served, it is
 * held apart and added when it is. Memory is bounded: at most {@code maxEndpoints} endpoints (past it, requests to
 * new endpoints are counted as unrecorded and the inventory says it is capped), and every map inside is bounded.
 */
public final class Inventory {

    /** Statuses by which an application says "no such endpoint": they never create one. */
    private static boolean notAnEndpoint(int status) {
        return status == 404 || status == 405 || status == 501;
    }

    /** Collapsed paths remembered with their framework template, and refused-only endpoints held, at most. */
    static final int MAX_ALIASES = 4096;
    static final int MAX_UNSERVED = 1024;

    private final int maxEndpoints;
    private final Sampler sampler;
    private final String apiKeyHeader;
    private final Instant since;
    private final ConcurrentHashMap<EndpointKey, EndpointStats> endpoints = new ConcurrentHashMap<>();
    /** "METHOD collapsed-path" to the framework template a served request there had. */
    private final ConcurrentHashMap<String, String> aliases = new ConcurrentHashMap<>();
    /** Refused requests to endpoints not served yet, by method and collapsed path. */
    private final ConcurrentHashMap<EndpointKey, EndpointStats> unserved = new ConcurrentHashMap<>();
    private final AtomicLong unrecorded = new AtomicLong();
    /** Counted by every request, read only by the file writer: an adder, so requests do not contend on it. */
    private final LongAdder changes = new LongAdder();
    private volatile boolean capped;

    /**
     * @param maxEndpoints endpoints kept at most
     * @param samples      responses per endpoint whose JSON shape is read
     * @param apiKeyHeader the header API keys come in (named in the OpenAPI security schemes), or null
     */
    public Inventory(int maxEndpoints, int samples, String apiKeyHeader, Instant since) {
        this.maxEndpoints = maxEndpoints;
        this.sampler = new Sampler(samples);
        this.apiKeyHeader = apiKeyHeader;
        this.since = since;
    }

    /** A sample to fill with this response's JSON, or null when this response is not sampled (most are not). */
    public ResponseSample sample(String method, String rawPath) {
        String m = method(method);
        if (m.equals("HEAD") || m.equals("OPTIONS")) return null; // no body to read
        return sampler.begin(m, rawPath);
    }

    public void record(Observation o) {
        changes.increment();
        String method = method(o.method());
        String collapsed = EndpointTemplates.collapse(o.rawPath());
        String aliasKey = method + ' ' + collapsed;
        if (o.sample() != null) sampler.ended(o.sample(), o.status());

        String path;
        boolean framework = o.template() != null && !o.template().isBlank();
        if (framework) {
            path = EndpointTemplates.normalize(o.template());
            if (!path.equals(collapsed) && (aliases.size() < MAX_ALIASES || aliases.containsKey(aliasKey))) {
                aliases.put(aliasKey, path);
            }
        } else {
            String alias = aliases.get(aliasKey);
            path = alias == null ? collapsed : alias;
            framework = alias != null;
        }
        EndpointKey key = new EndpointKey(method, path);
        EndpointStats stats = endpoints.get(key);
        if (stats == null && o.served() && !notAnEndpoint(o.status())) stats = create(key, framework, o, collapsed);
        if (stats == null) {
            if (!o.served()) holdRefused(key, o);
            return;
        }
        stats.record(o, framework);
        if (o.sample() != null) stats.shape(o.status(), o.sample().shape());
    }

    private EndpointStats create(EndpointKey key, boolean framework, Observation o, String collapsed) {
        if (endpoints.size() >= maxEndpoints) {
            capped = true;
            unrecorded.incrementAndGet();
            return null;
        }
        EndpointStats[] created = new EndpointStats[1];
        EndpointStats stats = endpoints.computeIfAbsent(key, k -> created[0] = new EndpointStats(k, framework, o.time()));
        if (stats == created[0]) {
            // refusals counted before the application ever served it
            EndpointStats earlier = unserved.remove(key);
            if (earlier != null) stats.absorb(earlier);
            EndpointKey byCollapsed = new EndpointKey(key.method(), collapsed);
            if (!byCollapsed.equals(key) && (earlier = unserved.remove(byCollapsed)) != null) stats.absorb(earlier);
        }
        return stats;
    }

    private void holdRefused(EndpointKey key, Observation o) {
        EndpointStats held = unserved.get(key);
        if (held == null) {
            if (unserved.size() >= MAX_UNSERVED) {
                unrecorded.incrementAndGet();
                return;
            }
            held = unserved.computeIfAbsent(key, k -> new EndpointStats(k, false, o.time()));
        }
        held.record(o, false);
    }

    /** Grows with every request recorded: an exporter can tell that nothing changed since it last wrote. */
    public long changes() {
        return changes.sum();
    }

    public InventoryView view() {
        List<EndpointView> out = new ArrayList<>();
        for (EndpointStats s : endpoints.values()) out.add(s.view());
        out.sort(Comparator.comparing(EndpointView::path).thenComparing(e -> Methods.order(e.method())));
        long refusedElsewhere = 0;
        for (EndpointStats s : unserved.values()) refusedElsewhere += s.calls();
        return new InventoryView(Instant.now(), since, out, maxEndpoints, capped, unrecorded.get() + refusedElsewhere,
                apiKeyHeader);
    }

    /** The method as an endpoint is named by: upper case, and only an HTTP token (anything else is OTHER). */
    private static String method(String method) {
        if (method == null || method.isEmpty() || method.length() > 20) return "OTHER";
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '-' || c == '_')) return "OTHER";
        }
        return method.toUpperCase(Locale.ROOT);
    }
}
