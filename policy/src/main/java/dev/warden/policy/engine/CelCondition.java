package dev.warden.policy.engine;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.List;
import java.util.Map;

/**
 * A compiled CEL boolean expression over {@code consumer} (id, attributes), {@code request} (method, path,
 * headers, query, params), {@code claims} (token claims), {@code scopes} and {@code cert} (mTLS certificate facts). Compiled and type-checked when the policy loads, so a typo is a load error, never a
 * surprise at request time. Evaluation fails closed: an error or a non-boolean result counts as false.
 */
public final class CelCondition {

    /** A CEL problem, positioned inside the expression text (1-based line and column). */
    public record Issue(int line, int column, String message) {
    }

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .addVar("consumer", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("claims", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("scopes", ListType.create(SimpleType.STRING))
            .addVar("cert", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .setResultType(SimpleType.BOOL)
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

    private final String expression;
    private final CelRuntime.Program program;

    private CelCondition(String expression, CelRuntime.Program program) {
        this.expression = expression;
        this.program = program;
    }

    /** Compiles the expression; on failure returns null and adds the problems to {@code issues}. */
    public static CelCondition compile(String expression, List<Issue> issues) {
        CelValidationResult result = COMPILER.compile(expression);
        if (result.hasError()) {
            for (CelIssue issue : result.getErrors()) {
                issues.add(new Issue(issue.getSourceLocation().getLine(), issue.getSourceLocation().getColumn() + 1,
                        issue.getMessage()));
            }
            return null;
        }
        try {
            CelAbstractSyntaxTree ast = result.getAst();
            return new CelCondition(expression, RUNTIME.createProgram(ast));
        } catch (CelValidationException | CelEvaluationException e) {
            issues.add(new Issue(1, 1, e.getMessage()));
            return null;
        }
    }

    /** True only when the expression evaluates to boolean true. */
    public boolean test(Map<String, ?> variables) {
        try {
            return Boolean.TRUE.equals(program.eval(variables));
        } catch (CelEvaluationException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
