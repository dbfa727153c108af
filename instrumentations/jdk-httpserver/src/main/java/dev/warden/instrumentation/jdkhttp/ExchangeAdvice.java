package dev.warden.instrumentation.jdkhttp;

import com.sun.net.httpserver.HttpExchange;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into application HttpHandler.handle and Filter.doFilter. All logic is in the injected
 * {@link ExchangeScope}, which fails closed on its own; the suppression here only guards the plumbing.
 */
public final class ExchangeAdvice {

    private ExchangeAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    public static boolean enter(@Advice.Argument(value = 0, readOnly = false) HttpExchange exchange,
                                @Advice.Local("wardenScope") ExchangeScope scope) {
        scope = ExchangeScope.enter(exchange);
        if (scope == null) {
            return false;
        }
        exchange = scope.exchange();
        return scope.denied();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Local("wardenScope") ExchangeScope scope, @Advice.Thrown Throwable thrown) {
        if (scope != null) {
            scope.exit(thrown);
        }
    }
}
