package dev.warden.instrumentation.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.warden.instrumentation.AdviceBinding;
import dev.warden.instrumentation.Requirement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built (shaded) jar against the javax.servlet API jars it claims to support: the relocation left nothing of
 * jakarta behind, and every class, method and field of javax.servlet that the relocated advice and helpers use exists
 * in each API version, so nothing Servlet-5/6-only slipped into the shared code. Runs after {@code package}.
 */
class ServletApiLinkageIT {

    private static final String SERVLET = "javax/servlet/";
    private static final String HELPERS = "dev/warden/instrumentation/servlet/javax/";

    private static Map<String, byte[]> classes;

    @BeforeAll
    static void readShadedJar() throws IOException {
        classes = new TreeMap<>();
        try (JarFile jar = new JarFile(System.getProperty("warden.shadedJar"))) {
            for (var entry : jar.stream().toList()) {
                if (entry.getName().endsWith(".class")) {
                    classes.put(entry.getName(), jar.getInputStream(entry).readAllBytes());
                }
            }
        }
    }

    static Stream<Path> servletApis() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("warden.servletApis")))) {
            List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
            assertEquals(2, jars.size(), "the oldest and the newest supported javax.servlet-api: " + jars);
            return jars.stream();
        }
    }

    @Test
    void theJarHoldsTheRelocatedHelpersAndTheJavaxDescriptorOnly() throws IOException {
        List<String> foreign = classes.keySet().stream()
                .filter(name -> !name.startsWith(HELPERS)
                        && !name.equals("dev/warden/instrumentation/servlet/JavaxServletInstrumentation.class"))
                .toList();
        assertEquals(List.of(), foreign, "classes other than the javax helpers and descriptor");
        assertTrue(classes.containsKey(HELPERS + "ServletScope.class"), () -> "relocated helpers: " + classes.keySet());
        try (JarFile jar = new JarFile(System.getProperty("warden.shadedJar"))) {
            var services = jar.getEntry("META-INF/services/dev.warden.instrumentation.WardenInstrumentation");
            String entries = new String(jar.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(JavaxServletInstrumentation.class.getName(), entries, "service entries");
        }
    }

    @Test
    void nothingNamesJakartaAnyMore() {
        for (var c : classes.entrySet()) {
            // Names and string constants are stored as (modified) UTF-8: a plain byte search finds them all.
            String text = new String(c.getValue(), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("jakarta"), () -> c.getKey() + " still mentions jakarta");
        }
    }

    @Test
    void theClientCertificateAttributeHasItsServletFourName() {
        List<String> strings = ClassReferences.of(classes.get(HELPERS + "ServletExchange.class")).strings();
        assertTrue(strings.contains("javax.servlet.request.X509Certificate"), () -> "string constants: " + strings);
    }

    @Test
    void theDescriptorNamesWhatTheJarHolds() {
        JavaxServletInstrumentation descriptor = new JavaxServletInstrumentation();
        List<String> named = new ArrayList<>(descriptor.helperClassNames());
        descriptor.advice().stream().map(AdviceBinding::adviceClassName).forEach(named::add);
        for (String name : named) {
            assertTrue(classes.containsKey(name.replace('.', '/') + ".class"), () -> name + " is not in the jar");
        }
        descriptor.requirements().forEach(r -> assertTrue(r.className().startsWith("javax.servlet."), r::toString));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servletApis")
    void everyServletMemberUsedExistsInTheApi(Path api) {
        TypePool pool = poolWith(api);
        List<String> missing = new ArrayList<>();
        for (var c : classes.entrySet()) {
            ClassReferences refs = ClassReferences.of(c.getValue());
            for (String type : refs.types()) {
                if (type.startsWith(SERVLET) && !pool.describe(binaryName(type)).isResolved()) missing.add(type);
            }
            for (ClassReferences.Member m : refs.methods()) {
                if (m.owner().startsWith(SERVLET) && !hasMethod(pool, m)) missing.add(m.toString());
            }
            for (ClassReferences.Member f : refs.fields()) {
                if (f.owner().startsWith(SERVLET) && !hasField(pool, f)) missing.add(f.toString());
            }
        }
        assertEquals(List.of(), missing, "used by the relocated helpers but absent from " + api.getFileName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servletApis")
    void everyHelperImplementsWhatItsServletSupertypesDeclareAbstract(Path api) {
        TypePool pool = poolWith(api);
        for (String name : classes.keySet()) {
            TypeDescription type = pool.describe(binaryName(name.substring(0, name.length() - ".class".length()))).resolve();
            if (type.isAbstract() || type.isInterface()) continue;
            List<String> unimplemented = MethodGraph.Compiler.DEFAULT.compile((TypeDefinition) type).listNodes()
                    .asMethodList().stream().filter(m -> m.isAbstract()).map(m -> m.toString()).toList();
            assertEquals(List.of(), unimplemented, () -> type.getName() + " on " + api.getFileName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servletApis")
    void theDescriptorsRequirementsHoldInTheApi(Path api) {
        TypePool pool = poolWith(api);
        for (Requirement r : new JavaxServletInstrumentation().requirements()) {
            TypePool.Resolution type = pool.describe(r.className());
            assertTrue(type.isResolved(), () -> r.className() + " in " + api.getFileName());
            for (String method : r.methods()) {
                String name = method.substring(0, method.indexOf('('));
                String args = method.substring(method.indexOf('(') + 1, method.length() - 1);
                boolean found = hierarchy(type.resolve()).stream().anyMatch(t -> t.getDeclaredMethods().stream()
                        .anyMatch(m -> m.getName().equals(name) && String.join(",", m.getParameters().asTypeList()
                                .asErasures().stream().map(TypeDescription::getActualName).toList()).equals(args)));
                assertTrue(found, () -> r.className() + "." + method + " in " + api.getFileName());
            }
        }
    }

    /** The shaded jar, then the API jar, then this JVM's classes (the JDK and Warden's bootstrap interfaces). */
    private static TypePool poolWith(Path api) {
        try {
            return TypePool.Default.of(new ClassFileLocator.Compound(
                    new ClassFileLocator.Simple(classesByBinaryName()),
                    ClassFileLocator.ForJarFile.of(api.toFile()),
                    ClassFileLocator.ForClassLoader.of(ServletApiLinkageIT.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> classesByBinaryName() {
        Map<String, byte[]> byName = new TreeMap<>();
        classes.forEach((path, bytes) -> byName.put(binaryName(path.substring(0, path.length() - 6)), bytes));
        return byName;
    }

    private static boolean hasMethod(TypePool pool, ClassReferences.Member m) {
        TypePool.Resolution owner = pool.describe(binaryName(m.owner()));
        return owner.isResolved() && hierarchy(owner.resolve()).stream().anyMatch(t -> t.getDeclaredMethods().stream()
                .anyMatch(d -> d.getInternalName().equals(m.name()) && d.getDescriptor().equals(m.descriptor())));
    }

    private static boolean hasField(TypePool pool, ClassReferences.Member f) {
        TypePool.Resolution owner = pool.describe(binaryName(f.owner()));
        return owner.isResolved() && hierarchy(owner.resolve()).stream().anyMatch(t -> t.getDeclaredFields().stream()
                .anyMatch(d -> d.getName().equals(f.name()) && d.getDescriptor().equals(f.descriptor())));
    }

    /** The type, its superclasses and all their interfaces (where a method or field may be declared). */
    private static List<TypeDescription> hierarchy(TypeDescription type) {
        List<TypeDescription> all = new ArrayList<>();
        all.add(type);
        for (int i = 0; i < all.size(); i++) {
            TypeDescription t = all.get(i);
            if (t.getSuperClass() != null) all.add(t.getSuperClass().asErasure());
            t.getInterfaces().asErasures().forEach(all::add);
        }
        return all;
    }

    private static String binaryName(String internalName) {
        return internalName.replace('/', '.');
    }
}
