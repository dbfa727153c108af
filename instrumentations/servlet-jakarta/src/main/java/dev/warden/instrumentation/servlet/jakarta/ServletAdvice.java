package dev.warden.instrumentation.servlet.jakarta;

import dev.warden.bootstrap.WardenBridge;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into Filter.doFilter and Servlet.service. Kept to a few lines: all logic is in the injected
 * {@link ServletScope}, which fails closed on its own, so the suppression here only guards the plumbing.
 */
public final class ServletAdvice {

    private ServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class, skipOn = Advice.OnNonDefaultValue.class)
    public static boolean enter(@Advice.Argument(value = 0, readOnly = false) ServletRequest request,
                                @Advice.Argument(value = 1, readOnly = false) ServletResponse response,
                                @Advice.Local("wardenScope") ServletScope scope) {
        if (WardenBridge.dispatching()) {
            return false; // a filter or servlet nested in a dispatch Warden already handles
        }
        scope = ServletScope.enter(request, response);
        if (scope == null) {
            return false;
        }
        request = scope.request();
        response = scope.response();
        return scope.denied();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    public static void exit(@Advice.Local("wardenScope") ServletScope scope, @Advice.Thrown Throwable thrown) {
        if (scope != null) {
            scope.exit(thrown);
        }
    }
}
