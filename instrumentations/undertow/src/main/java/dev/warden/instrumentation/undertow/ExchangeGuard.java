package dev.warden.instrumentation.undertow;

import dev.warden.bootstrap.RequestScope;
import io.undertow.server.BlockingHttpExchange;
import io.undertow.server.DefaultResponseListener;
import io.undertow.server.ExchangeCompletionListener;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import org.xnio.IoUtils;

/**
 * Warden's state for one exchange, kept as an attachment of the exchange itself (never in a ThreadLocal: handlers
 * hop between the IO thread, worker threads and virtual threads). It records the outcome when the exchange completes,
 * and says which of the two masking points owns the response body: the guarded blocking stream, when the application
 * writes there, or the masking conduit, for every other way of writing. Whichever comes first takes it, so a body is
 * masked exactly once.
 */
public final class ExchangeGuard implements ExchangeCompletionListener {

    private static final AttachmentKey<ExchangeGuard> KEY = AttachmentKey.create(ExchangeGuard.class);
    private static final int UNCLAIMED = 0;
    private static final int STREAM = 1;
    private static final int CONDUIT = 2;

    private final HttpServerExchange exchange;
    private final RequestScope scope;
    private int bodyOwner = UNCLAIMED;

    private ExchangeGuard(HttpServerExchange exchange, RequestScope scope) {
        this.exchange = exchange;
        this.scope = scope;
    }

    /** The guard of a decided exchange, or null. */
    static ExchangeGuard of(HttpServerExchange exchange) {
        return exchange.getAttachment(KEY);
    }

    /** Records the decision on the exchange, and the outcome when it completes. */
    static ExchangeGuard attach(HttpServerExchange exchange, RequestScope scope) {
        ExchangeGuard guard = new ExchangeGuard(exchange, scope);
        exchange.putAttachment(KEY, guard);
        exchange.addExchangeCompleteListener(guard);
        return guard;
    }

    /** For the start-blocking advice: the blocking exchange to use instead of {@code blocking}. */
    public static BlockingHttpExchange guardBlocking(HttpServerExchange exchange, BlockingHttpExchange blocking) {
        ExchangeGuard guard = exchange == null ? null : of(exchange);
        if (guard == null || blocking == null || blocking instanceof GuardedBlockingExchange || !guard.masks()) {
            return blocking;
        }
        return new GuardedBlockingExchange(blocking, guard);
    }

    /** For the response-channel advice: puts the masking conduit in front, unless the blocking stream owns the body. */
    public static void beforeResponseChannel(HttpServerExchange exchange) {
        ExchangeGuard guard = of(exchange);
        if (guard == null || !guard.masks() || !exchange.isResponseChannelAvailable()) return;
        if (guard.claim(CONDUIT)) exchange.addResponseWrapper(new MaskingConduitWrapper(guard.scope));
    }

    HttpServerExchange exchange() {
        return exchange;
    }

    RequestScope scope() {
        return scope;
    }

    boolean masks() {
        return !scope.denied() && scope.masksResponse();
    }

    /** The guarded blocking stream takes the body, unless the conduit has it already. */
    boolean claimForStream() {
        return claim(STREAM);
    }

    private synchronized boolean claim(int owner) {
        if (bodyOwner == UNCLAIMED) bodyOwner = owner;
        return bodyOwner == owner;
    }

    /** A body cut short after its start was sent must never look complete: the connection is dropped. */
    void abort() {
        IoUtils.safeClose(exchange.getConnection());
    }

    @Override
    public void exchangeEvent(HttpServerExchange completed, NextListener next) {
        try {
            scope.end(completed.getStatusCode(), completed.getAttachment(DefaultResponseListener.EXCEPTION));
        } finally {
            next.proceed();
        }
    }
}
