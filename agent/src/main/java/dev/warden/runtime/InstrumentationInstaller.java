package dev.warden.runtime;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.failSafe;
import static net.bytebuddy.matcher.ElementMatchers.isSynthetic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.warden.instrumentation.AdviceBinding;
import dev.warden.instrumentation.WardenInstrumentation;
import java.lang.instrument.Instrumentation;
import java.util.ServiceLoader;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Turns each {@link WardenInstrumentation} declaration into Byte Buddy transformations: only in class loaders that
 * meet its requirements, helpers injected first, advice inlined by name (read from Warden's loader as bytes, never
 * loaded there).
 */
final class InstrumentationInstaller {

    private final Instrumentation inst;
    private final ClassLoader wardenLoader;

    InstrumentationInstaller(Instrumentation inst, ClassLoader wardenLoader) {
        this.inst = inst;
        this.wardenLoader = wardenLoader;
    }

    void install(boolean attached) {
        AgentBuilder base = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges();
        // Attached: the classes already loaded are retransformed, in batches; the JVM rejects a whole batch for one
        // class it cannot take, so such a batch is split and one class does not leave the others unhooked.
        base = attached ? base.with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.RedefinitionStrategy.Listener.BatchReallocator.splitting())
                : base.with(AgentBuilder.RedefinitionStrategy.DISABLED);
        AgentBuilder builder = base
                // Type descriptions are cached per class loader (weakly), so each supertype's class file is parsed
                // once rather than for every class that extends it: the main start-up cost of hasSuperType matching.
                .with(new AgentBuilder.PoolStrategy.WithTypePoolCache.Simple(TypePool.Default.ReaderMode.FAST,
                        Caffeine.newBuilder().weakKeys().<ClassLoader, TypePool.CacheProvider>build().asMap()))
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
                .with(new TransformListener())
                .ignore(nameStartsWith("dev.warden.").or(nameStartsWith("java.")).or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun.")).or(nameStartsWith("com.sun.")).or(isSynthetic()),
                        loader -> loader == null || loader == wardenLoader)
                // other agents' own classes, wherever they put them (OpenTelemetry injects helpers into the
                // application's loader; their supertypes live in loaders Warden cannot see), and their loaders
                .or(nameStartsWith("io.opentelemetry.javaagent.").or(nameStartsWith("datadog.trace."))
                        .or(nameStartsWith("co.elastic.apm.agent.")))
                .or(any(), loader -> loader != null && otherAgentsLoader(loader));
        for (WardenInstrumentation instrumentation : ServiceLoader.load(WardenInstrumentation.class, wardenLoader)) {
            builder = add(builder, instrumentation);
        }
        // Run every matcher once before the transformer is live, so that it loads and links what it needs now:
        // otherwise the first classes it sees after premain (another agent's bootstrap classes, say) make it load
        // classes while those are being loaded (ClassCircularityError, seen with OpenTelemetry's agent after Warden's).
        builder.warmUp(javax.net.ssl.SSLContext.class, javax.security.auth.Subject.class).installOn(inst);
    }

    private AgentBuilder add(AgentBuilder builder, WardenInstrumentation instrumentation) {
        RequirementCheck check = new RequirementCheck(instrumentation, wardenLoader);
        HelperInjector helpers = new HelperInjector(wardenLoader, instrumentation.helperClassNames());
        AgentBuilder.Transformer.ForAdvice advice = new AgentBuilder.Transformer.ForAdvice().include(wardenLoader);
        for (AdviceBinding binding : instrumentation.advice()) {
            advice = advice.advice(binding.methods(), binding.adviceClassName());
        }
        // Fail-safe: a class whose supertypes its loader cannot resolve (an optional dependency's adapter, e.g. Netty's
        // Log4J2Logger without Log4j) cannot be linked there anyway, so it is simply not a match, never a warning.
        return builder.type(failSafe(instrumentation.typeMatcher()), check::appliesTo)
                .transform((b, type, loader, module, domain) -> {
                    try {
                        helpers.inject(loader);
                    } catch (Exception | LinkageError e) {
                        // Without its helpers the advice would fail on every call: leave the class untouched.
                        Log.warnOnce("helpers:" + instrumentation.name(), "instrumentation " + instrumentation.name()
                                + " skipped for " + type.getName() + ": cannot define its helpers (" + e + ")");
                        throw new IllegalStateException("helpers unavailable", e);
                    }
                    return b;
                })
                .transform(advice);
    }

    /** An agent's isolated class loader (OpenTelemetry's, Datadog's, Elastic's): nothing of the application's in it. */
    private static boolean otherAgentsLoader(ClassLoader loader) {
        String name = loader.getClass().getName();
        return name.startsWith("io.opentelemetry.javaagent.") || name.startsWith("datadog.trace.")
                || name.startsWith("co.elastic.apm.agent.");
    }

    /** Reports a class Warden meant to hook but could not, once per class; traces hooked classes in debug mode. */
    private static final class TransformListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            Log.debug("hooked " + type.getName());
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            Log.warnOnce("transform:" + typeName, "could not hook " + typeName + ": " + rootCause(error));
        }

        private static String rootCause(Throwable t) {
            while (t.getCause() != null && t.getCause() != t) t = t.getCause();
            return t.toString();
        }
    }

}
