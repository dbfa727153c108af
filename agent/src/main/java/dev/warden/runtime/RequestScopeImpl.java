package dev.warden.runtime;

import dev.warden.bootstrap.RequestScope;
import dev.warden.bootstrap.SerializerOutput;
import dev.warden.inventory.ResponseSample;
import dev.warden.policy.engine.Decision;
import dev.warden.policy.engine.Problem;
import dev.warden.policy.mask.MaskPlan;
import dev.warden.policy.mask.MaskTally;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;

/** One request's decision and response-side state, handed to the instrumentation through the bridge. */
final class RequestScopeImpl implements RequestScope {

    private static final Problem INTERNAL = new Problem(500, "https://warden.dev/problems/internal-error",
            "Internal Server Error", "The request could not be processed safely and was refused.");
    private static final byte[] WITHHELD = new Problem(502, "https://warden.dev/problems/response-withheld",
            "Bad Gateway", "The response was withheld: Warden could not check it for sensitive data.").toJson();

    private final Decision decision;
    private final Problem problem;
    private final String method;
    private final String path;
    private final String[] headers;
    /** This response's plan: the route's, counting what each rule protects into {@link #tally}; null when none. */
    private final MaskPlan plan;
    private final MaskTally tally;
    /** Who records the outcome, or null when nothing does. */
    private final Observers observers;
    private final String clientIp;
    private final long startNanos;
    private final Instant start;
    /** Greater than zero while a masking serializer writes (its bytes are masked already). */
    int trustedDepth;
    private BodyGuard guard;
    /** The policy generation that decided this request, exited when it ends; null once exited. */
    private PolicyGeneration generation;
    /** This response's JSON as the application writes it, for the API inventory; null unless it is sampled. */
    private final ResponseSample sample;
    /**
     * This response's JSON as it leaves (after masking), read for the sensitive categories it carries in clear: for a
     * sampled response, or for every one when an observer asks; else null.
     */
    private final ResponseSample leaving;
    /** Whether the body really went through {@link #leaving} (a JSON body this scope saw); else its categories are unknown. */
    private boolean leavingRead;
    /** The framework's route template, when the server hook read one. */
    private String routeTemplate;

    private RequestScopeImpl(Decision decision, Problem problem, String method, String path, Observers observers, String clientIp) {
        this.decision = decision;
        this.problem = problem;
        this.method = method;
        this.path = path;
        this.headers = decision == null ? new String[0] : decision.headers().toArray(new String[0]);
        MaskPlan routePlan = decision == null ? null : decision.maskPlan();
        this.tally = routePlan != null && observers != null ? new MaskTally(routePlan) : null;
        this.plan = tally == null ? routePlan : routePlan.withTally(tally);
        this.observers = observers;
        this.clientIp = clientIp;
        this.startNanos = observers == null ? 0 : System.nanoTime();
        this.start = observers == null ? null : Instant.now();
        // only a response the application writes can be read; most are not sampled (null)
        this.sample = observers == null || decision == null || decision.denied() ? null
                : observers.sampleResponse(method, path);
        this.leaving = sample != null || observers != null && decision != null && !decision.denied()
                && observers.readEveryResponseLeaving() ? ResponseSample.ofOutput() : null;
    }

    RequestScopeImpl(Decision decision, String method, String path, Observers observers, String clientIp) {
        this(decision, decision.problem(), method, path, observers, clientIp);
    }

    /** Fail closed: a request Warden could not decide is refused. */
    static RequestScopeImpl internalError(String method, String path, Observers observers, String clientIp) {
        return new RequestScopeImpl(null, INTERNAL, method, path, observers, clientIp);
    }

    /** This request was decided by {@code g}, which must know when it ends (see {@link LivePolicy}). */
    RequestScopeImpl in(PolicyGeneration g) {
        this.generation = g;
        return this;
    }

    /** "METHOD path (route ID)", for Warden's own log lines; never holds a query, header or body. */
    String label() {
        return method + " " + path + " (route " + (decision == null ? "-" : decision.routeId()) + ")";
    }

    @Override
    public boolean denied() {
        return decision == null || decision.denied();
    }

    @Override
    public int status() {
        return problem.status();
    }

    @Override
    public String[] headers() {
        return headers; // read-only by contract; no copy per request
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }

    @Override
    public String[] removedRequestHeaders() {
        return decision == null ? new String[0] : decision.requestEdits().remove().toArray(new String[0]);
    }

    @Override
    public String strippedRequestHeaderPrefix() {
        return decision == null ? null : decision.requestEdits().stripPrefix();
    }

    @Override
    public String[] addedRequestHeaders() {
        return decision == null ? new String[0] : decision.requestEdits().add().toArray(new String[0]);
    }

    @Override
    public byte[] body() {
        return problem.toJson();
    }

    @Override
    public boolean isJson(String contentType) {
        if (contentType == null) return false;
        int end = contentType.indexOf(';');
        if (end < 0) end = contentType.length();
        while (end > 0 && contentType.charAt(end - 1) == ' ') end--;
        int start = 0;
        while (start < end && contentType.charAt(start) == ' ') start++;
        if (!contentType.regionMatches(true, start, "application/", 0, 12)) return false;
        int sub = start + 12;
        return end - sub == 4 && contentType.regionMatches(true, sub, "json", 0, 4)
                || end - sub > 5 && contentType.regionMatches(true, end - 5, "+json", 0, 5);
    }

    @Override
    public boolean masksResponse() {
        return maskPlan() != null || sample != null || leaving != null;
    }

    MaskPlan maskPlan() {
        return plan;
    }

    @Override
    public OutputStream bodyStream(OutputStream target, String contentType) {
        return bodyStream(target, contentType, null);
    }

    @Override
    public OutputStream bodyStream(OutputStream target, String contentType, String contentEncoding) {
        MaskPlan plan = maskPlan();
        if (!isJson(contentType)) return target;
        if (plan != null) {
            // what leaves is masked output: read for the categories still in clear (the guard decodes, then masks)
            leavingRead = leaving != null;
            guard = new BodyGuard(this, leaving == null ? target : new SampledStream(target, leaving, false), plan,
                    contentEncoding, sample);
            return guard;
        }
        // nothing to mask: read beside the body, which goes out as written (an encoded one is not read)
        boolean identity = contentEncoding == null || contentEncoding.isBlank()
                || contentEncoding.trim().equalsIgnoreCase("identity");
        if (!identity) return target;
        if (sample != null) target = new SampledStream(target, sample, false);
        leavingRead = leaving != null;
        return leaving == null ? target : new SampledStream(target, leaving, false);
    }

    @Override
    public byte[] withheld() {
        return WITHHELD.clone();
    }

    @Override
    public SerializerOutput serializerOutput(OutputStream out) {
        MaskPlan plan = maskPlan();
        return plan == null ? null : new TrustedSerializerOutput(this, out, plan, sample);
    }

    /** The serializer wrote something it could not mask. */
    void tainted(String why) {
        if (guard != null) guard.untrusted(why);
    }

    @Override
    public void routeTemplate(String template) {
        this.routeTemplate = template;
    }

    @Override
    public void end(int status, Throwable error) {
        if (decision != null) decision.complete();
        PolicyGeneration g = generation;
        generation = null; // once, however often the server reports the end
        if (g != null) g.exit();
        if (observers != null) {
            java.util.Set<String> clear = null;
            if (leavingRead) {
                leaving.end();
                clear = leaving.categories();
            }
            observers.ended(new RequestOutcome(start, decision, method, path, clientIp == null ? "" : clientIp, status,
                    (System.nanoTime() - startNanos) / 1_000, tally == null ? Map.of() : tally.byRule(), routeTemplate, sample,
                    clear));
        }
    }

}
