package dev.warden.instrumentation.servlet.jakarta;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
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
 * Every {@code Filter.doFilter} and {@code Servlet.service} of a jakarta.servlet application; the helper acts only
 * at the outermost one of an original REQUEST dispatch, so nested filters, forwards, includes, error pages and
 * async re-dispatches are not decided twice.
 */
public final class JakartaServletInstrumentation implements WardenInstrumentation {

    private static final String PKG = "dev.warden.instrumentation.servlet.jakarta.";

    @Override
    public String name() {
        return "servlet-jakarta";
    }

    @Override
    public String supportedVersions() {
        return "jakarta.servlet 5.0-6.1 (Tomcat 10-11, Jetty 12 ee10, Undertow 2.3)";
    }

    @Override
    public List<Requirement> requirements() {
        return List.of(
                Requirement.of("jakarta.servlet.Filter"),
                Requirement.of("jakarta.servlet.DispatcherType"),
                Requirement.of("jakarta.servlet.ServletRequest", "getDispatcherType()", "isAsyncStarted()",
                        "getAsyncContext()"),
                Requirement.of("jakarta.servlet.ServletOutputStream", "isReady()",
                        "setWriteListener(jakarta.servlet.WriteListener)"),
                Requirement.of("jakarta.servlet.http.HttpServletResponseWrapper"),
                Requirement.of("jakarta.servlet.http.HttpServletRequestWrapper"),
                Requirement.of("jakarta.servlet.AsyncContext", "addListener(jakarta.servlet.AsyncListener)"));
    }

    @Override
    public List<String> helperClassNames() {
        return List.of(PKG + "ServletExchange", PKG + "GuardedOutputStream", PKG + "GuardedPrintWriter", PKG + "GuardedResponse", PKG + "EditedRequest",
                PKG + "ScopeAsyncListener", PKG + "JakartaServletScope");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named("jakarta.servlet.Filter").or(named("jakarta.servlet.Servlet"))));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("doFilter").and(takesArguments(3))
                        .and(takesArgument(0, named("jakarta.servlet.ServletRequest")))
                        .and(takesArgument(1, named("jakarta.servlet.ServletResponse")))
                        .and(not(isAbstract())), PKG + "JakartaServletAdvice"),
                new AdviceBinding(named("service").and(takesArguments(2))
                        .and(takesArgument(0, named("jakarta.servlet.ServletRequest")))
                        .and(takesArgument(1, named("jakarta.servlet.ServletResponse")))
                        .and(not(isAbstract())), PKG + "JakartaServletAdvice"));
    }
}
