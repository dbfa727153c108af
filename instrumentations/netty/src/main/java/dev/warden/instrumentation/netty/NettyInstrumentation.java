package dev.warden.instrumentation.netty;

import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import dev.warden.instrumentation.AdviceBinding;
import dev.warden.instrumentation.Requirement;
import dev.warden.instrumentation.WardenInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Netty HTTP/1.x servers, hooked where every Netty server framework meets: the channel pipeline. When a server's HTTP
 * codec is added to a pipeline (Reactor Netty and so WebFlux, Vert.x, Micronaut, plain Netty), Warden's handler is
 * added right after it: it sees decoded requests before any application handler and responses before they are
 * encoded, whatever thread the application answered from.
 */
public final class NettyInstrumentation implements WardenInstrumentation {

    private static final String PKG = "dev.warden.instrumentation.netty.";

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public String supportedVersions() {
        return "Netty 4.1-4.2 HTTP/1.x servers (codec-http), e.g. Reactor Netty 1.x, Vert.x 4-5, Micronaut 4";
    }

    /** The server codec marks Netty HTTP; everything else the helpers use is read from their bytecode and checked. */
    @Override
    public List<Requirement> requirements() {
        return List.of(Requirement.of("io.netty.handler.codec.http.HttpServerCodec"));
    }

    @Override
    public List<String> helperClassNames() {
        return List.of(PKG + "NettyRequest", PKG + "ByteBufSink", PKG + "Responses", PKG + "GuardedResponse",
                PKG + "WardenHttpHandler", PKG + "PipelineHook");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return named("io.netty.channel.DefaultChannelPipeline");
    }

    /** Every way a handler enters a pipeline (the public overloads all end in these; the hook is idempotent). */
    @Override
    public List<AdviceBinding> advice() {
        return List.of(new AdviceBinding(named("addFirst").or(named("addLast")).or(named("addBefore"))
                .or(named("addAfter")).or(named("replace")).and(not(isPrivate())), PKG + "PipelineAdvice"));
    }
}
