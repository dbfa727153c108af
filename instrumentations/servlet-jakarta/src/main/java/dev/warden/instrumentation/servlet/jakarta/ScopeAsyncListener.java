package dev.warden.instrumentation.servlet.jakarta;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;

/** Finishes an async request's masked body when the async cycle ends. */
public final class ScopeAsyncListener implements AsyncListener {

    private final ServletScope scope;

    ScopeAsyncListener(ServletScope scope) {
        this.scope = scope;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        scope.finish(null);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        scope.finish(event.getThrowable());
    }

    @Override
    public void onError(AsyncEvent event) {
        scope.finish(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        event.getAsyncContext().addListener(this);
    }
}
