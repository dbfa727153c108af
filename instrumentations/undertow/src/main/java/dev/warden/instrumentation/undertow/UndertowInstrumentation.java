package dev.warden.instrumentation.undertow;

import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.instrumentation.AdviceBinding;
import dev.warden.instrumentation.Requirement;
import dev.warden.instrumentation.WardenInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Undertow core ({@code io.undertow.server}), without servlets: every exchange is decided once, where Undertow
 * runs the root handler for it ({@code Connectors.executeRootHandler}), before any handler of the application (or
 * of Undertow) runs; a denied exchange gets Warden's answer instead of the root handler. Response bodies are masked
 * where they are written: the blocking stream of {@code startBlocking()} (so serializer hooks find a guarded stream)
 * or, for every other way (Sender, response channel, undertow-servlet's stream), a conduit Undertow's own wrapper
 * mechanism puts in front of the connection, as its gzip encoding does.
 * <p>
 * Servlets on Undertow (undertow-servlet) are decided here too, at the root, before Undertow's own handlers in front
 * of the deployment: while a root handler runs the thread is marked ({@code WardenBridge.dispatching}), so the servlet
 * hooks stand aside and nothing is decided twice. Their bodies are masked by the conduit, on the wire: the servlet
 * stream buffers between the application and the conduit, so serializer hooks do not apply there (and neither do
 * the rules only they can apply, {@code javaType:} and {@code annotations:}).
 */
public final class UndertowInstrumentation implements WardenInstrumentation {

    private static final String PKG = "dev.warden.instrumentation.undertow.";

    @Override
    public String name() {
        return "undertow";
    }

    @Override
    public String supportedVersions() {
        return "Undertow core 2.2-2.4 (io.undertow:undertow-core; built and tested on 2.3)";
    }

    /**
     * The first entry is Undertow's presence. Beyond what the helpers' bytecode shows, the start-blocking advice
     * assigns HttpServerExchange's private field {@code blockingHttpExchange} (there in 2.2, 2.3 and 2.4).
     */
    @Override
    public List<Requirement> requirements() {
        return List.of(
                Requirement.of("io.undertow.server.HttpServerExchange", "startBlocking()", "getResponseChannel()",
                        "isResponseChannelAvailable()", "addResponseWrapper(io.undertow.server.ConduitWrapper)",
                        "addExchangeCompleteListener(io.undertow.server.ExchangeCompletionListener)",
                        "isResponseStarted()", "setStatusCode(int)", "getResponseSender()"),
                Requirement.of("io.undertow.server.Connectors",
                        "executeRootHandler(io.undertow.server.HttpHandler,io.undertow.server.HttpServerExchange)"),
                Requirement.of("io.undertow.server.BlockingHttpExchange", "getOutputStream()", "getInputStream()",
                        "getSender()", "getReceiver()", "close()"),
                Requirement.of("io.undertow.io.BlockingSenderImpl"),
                Requirement.of("org.xnio.conduits.AbstractStreamSinkConduit"));
    }

    /** Supertypes before their subtypes: each is defined in the application's loader in this order. */
    @Override
    public List<String> helperClassNames() {
        return List.of(PKG + "UndertowRequest", PKG + "RequestHeaderEdits", PKG + "PendingOutput",
                PKG + "MaskingConduit", PKG + "MaskingConduitWrapper", PKG + "GuardedBlockingStream",
                PKG + "GuardedBlockingExchange", PKG + "DenialHandler", PKG + "ExchangeGuard", PKG + "RootDispatch");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.undertow.server.Connectors").or(named("io.undertow.server.HttpServerExchange"));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("executeRootHandler").and(isStatic()).and(takesArguments(2))
                        .and(takesArgument(0, named("io.undertow.server.HttpHandler")))
                        .and(takesArgument(1, named("io.undertow.server.HttpServerExchange"))),
                        PKG + "RootHandlerAdvice"),
                new AdviceBinding(named("startBlocking").and(takesArguments(0)), PKG + "StartBlockingAdvice"),
                new AdviceBinding(named("getResponseChannel").and(takesArguments(0)), PKG + "ResponseChannelAdvice"));
    }
}
