package dev.warden.instrumentation;

import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One hooked library, declared rather than wired: the agent reads these declarations and does the Byte Buddy
 * plumbing (class-loader checks, helper injection, advice) the same way for every module.
 * Implementations are listed in {@code META-INF/services/dev.warden.instrumentation.WardenInstrumentation}.
 */
public interface WardenInstrumentation {

    /** Short name used in messages, e.g. "servlet-jakarta". */
    String name();

    /** The library versions this was written and tested for, for the skip message. */
    String supportedVersions();

    /**
     * Classes (and methods) that must exist in a class loader for this instrumentation to apply there; the first one
     * marks the library's presence. Beyond these, the agent reads every class, method and field the advice and
     * helpers use from their bytecode and checks those too, so only what bytecode cannot show needs declaring.
     */
    List<Requirement> requirements();

    /** Classes of this module that the advice calls and that must be defined in the application's class loader. */
    List<String> helperClassNames();

    /** The types to transform (checked only in class loaders that meet the requirements). */
    ElementMatcher<TypeDescription> typeMatcher();

    /** Which methods get which advice class (named by string, so the agent never loads it). */
    List<AdviceBinding> advice();
}
