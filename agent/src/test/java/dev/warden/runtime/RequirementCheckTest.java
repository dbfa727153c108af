package dev.warden.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.instrumentation.AdviceBinding;
import dev.warden.instrumentation.Requirement;
import dev.warden.instrumentation.WardenInstrumentation;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The muzzle-style check: references are read from helper bytecode and looked up in the application's loader. */
class RequirementCheckTest {

    @TempDir
    Path stubDir;

    private static final WardenInstrumentation EXAMPLE = new WardenInstrumentation() {
        public String name() { return "example"; }
        public String supportedVersions() { return "Byte Buddy 1.x"; }
        public List<Requirement> requirements() { return List.of(Requirement.of("net.bytebuddy.ByteBuddy")); }
        public List<String> helperClassNames() { return List.of(ExampleHelper.class.getName()); }
        public ElementMatcher<TypeDescription> typeMatcher() { return ElementMatchers.none(); }
        public List<AdviceBinding> advice() { return List.of(); }
    };

    @Test
    void readsLibraryReferencesAndLeavesOutTheJdkAndWarden() throws Exception {
        Map<String, Set<String>> uses = References.of(getClass().getClassLoader(), List.of(ExampleHelper.class.getName())).uses();
        assertEquals(Set.of("<init>(Lnet/bytebuddy/ClassFileVersion;)V",
                        "with(Lnet/bytebuddy/dynamic/scaffold/TypeValidation;)Lnet/bytebuddy/ByteBuddy;"),
                uses.get("net/bytebuddy/ByteBuddy"), uses.toString());
        assertEquals(Set.of("JAVA_V17:Lnet/bytebuddy/ClassFileVersion;"), uses.get("net/bytebuddy/ClassFileVersion"));
        assertTrue(uses.keySet().stream().noneMatch(c -> c.startsWith("java/") || c.startsWith("dev/warden/")), uses::toString);
    }

    @Test
    void appliesWhereTheLibraryHasEverythingUsed() throws Exception {
        URL byteBuddyJar = ByteBuddy.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader app = new URLClassLoader(new URL[] {byteBuddyJar}, ClassLoader.getPlatformClassLoader())) {
            RequirementCheck check = new RequirementCheck(EXAMPLE, getClass().getClassLoader());
            assertEquals(List.of(), check.missingReferences(TypePool.Default.of(ClassFileLocator.ForClassLoader.of(app))));
            assertTrue(check.appliesTo(app));
        }
    }

    @Test
    void skipsAnOlderLibraryAndNamesWhatItLacks() throws Exception {
        // "an older Byte Buddy": the classes exist, the constructor and method the helper calls do not
        new ByteBuddy(ClassFileVersion.JAVA_V17).subclass(Object.class).name("net.bytebuddy.ByteBuddy").make().saveIn(stubDir.toFile());
        new ByteBuddy(ClassFileVersion.JAVA_V17).subclass(Object.class).name("net.bytebuddy.ClassFileVersion").make().saveIn(stubDir.toFile());
        try (URLClassLoader app = new URLClassLoader(new URL[] {stubDir.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            RequirementCheck check = new RequirementCheck(EXAMPLE, getClass().getClassLoader());
            List<String> missing = check.missingReferences(TypePool.Default.of(ClassFileLocator.ForClassLoader.of(app)));
            assertTrue(missing.contains("net.bytebuddy.ByteBuddy.<init>(net.bytebuddy.ClassFileVersion)"), missing::toString);
            assertTrue(missing.contains("net.bytebuddy.ByteBuddy.with(net.bytebuddy.dynamic.scaffold.TypeValidation)"), missing::toString);
            assertTrue(missing.contains("net.bytebuddy.ClassFileVersion.JAVA_V17"), missing::toString);
            assertTrue(missing.contains("net.bytebuddy.dynamic.scaffold.TypeValidation"), missing::toString);
            assertFalse(check.appliesTo(app));
        }
    }

    @Test
    void libraryAbsentMeansNotApplicable() throws Exception {
        try (URLClassLoader app = new URLClassLoader(new URL[] {new File(stubDir.toFile(), "none").toURI().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertFalse(new RequirementCheck(EXAMPLE, getClass().getClassLoader()).appliesTo(app));
        }
    }
}
