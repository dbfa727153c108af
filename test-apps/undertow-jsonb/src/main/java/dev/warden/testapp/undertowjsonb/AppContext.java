package dev.warden.testapp.undertowjsonb;

import jakarta.json.bind.Jsonb;
import java.util.concurrent.Executor;

/**
 * What every endpoint shares: the JSON-B instance, the handled counter, and the executor blocking work is dispatched
 * to (null: Undertow's own worker pool).
 */
record AppContext(Jsonb jsonb, HandledCounter handled, Executor executor) {
}
