package dev.warden.instrumentation.jdkhttp;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.warden.instrumentation.AdviceBinding;
import dev.warden.instrumentation.Requirement;
import dev.warden.instrumentation.WardenInstrumentation;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK's own server ({@code com.sun.net.httpserver}, HTTP and HTTPS): every application {@code HttpHandler.handle}
 * and {@code Filter.doFilter}. The outermost one of an exchange decides it; the application then gets a guarded
 * exchange (edited request headers, a response body that is masked, the status and headers held until the body's
 * fate is known). The JDK's own handlers and filters are left alone.
 */
public final class JdkHttpServerInstrumentation implements WardenInstrumentation {

    private static final String PKG = "dev.warden.instrumentation.jdkhttp.";

    @Override
    public String name() {
        return "jdk-httpserver";
    }

    @Override
    public String supportedVersions() {
        return "com.sun.net.httpserver of JDK 17-25";
    }

    @Override
    public List<Requirement> requirements() {
        return List.of(
                Requirement.of("com.sun.net.httpserver.HttpExchange", "sendResponseHeaders(int,long)",
                        "getResponseBody()", "getRequestHeaders()", "getResponseHeaders()", "getAttribute(java.lang.String)",
                        "setAttribute(java.lang.String,java.lang.Object)", "getRemoteAddress()", "getRequestURI()"),
                Requirement.of("com.sun.net.httpserver.HttpsExchange", "getSSLSession()"),
                Requirement.of("com.sun.net.httpserver.Headers"),
                Requirement.of("com.sun.net.httpserver.Filter$Chain", "doFilter(com.sun.net.httpserver.HttpExchange)"));
    }

    @Override
    public List<String> helperClassNames() {
        return List.of(PKG + "ExchangeRequest", PKG + "CommittingStream", PKG + "GuardedBody", PKG + "GuardedExchange", PKG + "GuardedHttpsExchange",
                PKG + "ExchangeScope");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(not(isAbstract()))
                .and(not(nameStartsWith("sun.").or(nameStartsWith("com.sun.")).or(nameStartsWith("jdk."))))
                .and(hasSuperType(named("com.sun.net.httpserver.HttpHandler").or(named("com.sun.net.httpserver.Filter"))));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("handle").and(takesArguments(1))
                        .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange"))).and(not(isAbstract())),
                        PKG + "ExchangeAdvice"),
                new AdviceBinding(named("doFilter").and(takesArguments(2))
                        .and(takesArgument(0, named("com.sun.net.httpserver.HttpExchange")))
                        .and(takesArgument(1, named("com.sun.net.httpserver.Filter$Chain"))).and(not(isAbstract())),
                        PKG + "ExchangeAdvice"));
    }
}
