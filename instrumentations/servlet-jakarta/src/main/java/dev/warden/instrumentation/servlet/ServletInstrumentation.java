package dev.warden.instrumentation.servlet;

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
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every {@code Filter.doFilter} and {@code Servlet.service} of a servlet application; the helper acts only at the
 * outermost one of an original REQUEST dispatch, so nested filters, forwards, includes, error pages and async
 * re-dispatches are not decided twice.
 * <p>
 * One descriptor for both servlet namespaces: the advice and helpers are written once, against jakarta.servlet, in
 * {@code dev.warden.instrumentation.servlet.jakarta}; the servlet-javax module relocates that package (and
 * {@code jakarta.servlet} to {@code javax.servlet}) at build time. A subclass names the servlet package and the
 * helper package to use. This class lives outside both helper packages so that the relocation never touches it.
 */
public abstract class ServletInstrumentation implements WardenInstrumentation {

    private final String servlet;
    private final String helpers;

    /**
     * @param servletPackage the Servlet API's package, e.g. {@code jakarta.servlet}
     * @param helperPackage  the package of the advice and helpers written (or relocated) for that API
     */
    protected ServletInstrumentation(String servletPackage, String helperPackage) {
        this.servlet = servletPackage + ".";
        this.helpers = helperPackage + ".";
    }

    /**
     * What the advice and helpers use beyond Servlet 3.0, the oldest API they fit: Servlet 3.1's non-blocking output
     * and {@code setContentLengthLong}. The first entry is the library's presence.
     */
    @Override
    public List<Requirement> requirements() {
        return List.of(
                Requirement.of(servlet + "Filter"),
                Requirement.of(servlet + "DispatcherType"),
                Requirement.of(servlet + "ServletRequest", "getDispatcherType()", "isAsyncStarted()",
                        "getAsyncContext()"),
                Requirement.of(servlet + "ServletResponse", "setContentLengthLong(long)"),
                Requirement.of(servlet + "ServletOutputStream", "isReady()",
                        "setWriteListener(" + servlet + "WriteListener)"),
                Requirement.of(servlet + "http.HttpServletResponseWrapper"),
                Requirement.of(servlet + "http.HttpServletRequestWrapper"),
                Requirement.of(servlet + "AsyncContext", "addListener(" + servlet + "AsyncListener)"));
    }

    @Override
    public List<String> helperClassNames() {
        return List.of(helpers + "ServletExchange", helpers + "GuardedOutputStream", helpers + "GuardedPrintWriter",
                helpers + "GuardedResponse", helpers + "EditedRequest", helpers + "ScopeAsyncListener",
                helpers + "ServletScope");
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
        return not(isInterface()).and(hasSuperType(named(servlet + "Filter").or(named(servlet + "Servlet"))));
    }

    @Override
    public List<AdviceBinding> advice() {
        return List.of(
                new AdviceBinding(named("doFilter").and(takesArguments(3)).and(requestAndResponse()),
                        helpers + "ServletAdvice"),
                new AdviceBinding(named("service").and(takesArguments(2)).and(requestAndResponse()),
                        helpers + "ServletAdvice"));
    }

    private ElementMatcher.Junction<MethodDescription> requestAndResponse() {
        return takesArgument(0, named(servlet + "ServletRequest"))
                .and(takesArgument(1, named(servlet + "ServletResponse")))
                .and(not(isAbstract()));
    }
}
