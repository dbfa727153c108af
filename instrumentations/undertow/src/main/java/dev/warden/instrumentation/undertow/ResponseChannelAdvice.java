package dev.warden.instrumentation.undertow;

import io.undertow.server.HttpServerExchange;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code HttpServerExchange.getResponseChannel()}: the first time the channel is taken, a masked
 * exchange whose body did not go through the guarded blocking stream gets the masking conduit, added last so that it
 * is the outermost wrapper (it sees the application's bytes before any encoding handler compresses them).
 */
public final class ResponseChannelAdvice {

    private ResponseChannelAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static void enter(@Advice.This HttpServerExchange exchange) {
        ExchangeGuard.beforeResponseChannel(exchange);
    }
}
