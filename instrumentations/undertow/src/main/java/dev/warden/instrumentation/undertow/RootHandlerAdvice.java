package dev.warden.instrumentation.undertow;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Connectors.executeRootHandler}, which runs the root handler of every exchange (again on a
 * worker thread when a handler dispatches). All logic is in the injected {@link RootDispatch}, which fails closed on
 * its own; the suppression here only guards the plumbing.
 */
public final class RootHandlerAdvice {

    private RootHandlerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.Argument(value = 0, readOnly = false) HttpHandler handler,
                             @Advice.Argument(1) HttpServerExchange exchange,
                             @Advice.Local("wardenMarked") boolean marked) {
        marked = RootDispatch.markThread();
        handler = RootDispatch.handlerFor(handler, exchange);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Local("wardenMarked") boolean marked) {
        if (marked) {
            RootDispatch.unmarkThread();
        }
    }
}
