package dev.warden.instrumentation.undertow;

import io.undertow.server.BlockingHttpExchange;
import io.undertow.server.HttpServerExchange;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpServerExchange.startBlocking()}: on an exchange whose responses are masked, the blocking
 * exchange Undertow just made is wrapped so that its output stream (and the blocking Sender over it) is a guarded
 * stream. The field is assigned rather than passed to {@code startBlocking(BlockingHttpExchange)}, which would
 * return the previous exchange and not the one made here.
 */
public final class StartBlockingAdvice {

    private StartBlockingAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This HttpServerExchange exchange,
                            @Advice.FieldValue(value = "blockingHttpExchange", readOnly = false) BlockingHttpExchange blocking) {
        blocking = ExchangeGuard.guardBlocking(exchange, blocking);
    }
}
