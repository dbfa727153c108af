package dev.warden.runtime;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;

/** Stands for an instrumentation helper in {@link RequirementCheckTest}: it uses a library (Byte Buddy) as helpers do. */
public final class ExampleHelper {

    private ExampleHelper() {
    }

    static Object use() {
        return new ByteBuddy(ClassFileVersion.JAVA_V17).with(net.bytebuddy.dynamic.scaffold.TypeValidation.DISABLED);
    }
}
