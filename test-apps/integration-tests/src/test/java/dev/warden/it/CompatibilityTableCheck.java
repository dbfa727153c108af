package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md's compatibility table honest. Runs after the whole suite (its own Surefire execution, phase verify):
 * every row is a test app whose conformance suite(s) passed in this run, on the running JDK if the row claims it (and
 * only then); every version in a row is the one in the app's jar; every test app has a row.
 */
class CompatibilityTableCheck {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([a-z0-9-]+)`\\s*\\|(.*)\\|\\s*$");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+(\\.\\d+)*");
    private static final Pattern COUNTS = Pattern.compile(
            "<testsuite[^>]*?\\btests=\"(\\d+)\"[^>]*?\\berrors=\"(\\d+)\"[^>]*?\\bskipped=\"(\\d+)\"[^>]*?\\bfailures=\"(\\d+)\"");

    record Row(String app, String versions, Set<Integer> jdks) {}

    @Test
    void theTableMatchesWhatPassedInThisRun() throws Exception {
        List<Row> rows = rows();
        Map<String, List<String>> suites = conformanceSuitesByApp();
        int jdk = Runtime.version().feature();
        List<String> problems = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (Row row : rows) {
            listed.add(row.app());
            List<String> classes = suites.getOrDefault(row.app(), List.of());
            if (classes.isEmpty()) {
                problems.add(row.app() + ": no conformance suite subclass runs this app");
                continue;
            }
            for (String cls : classes) {
                String outcome = outcome(cls);
                boolean passed = outcome.equals("passed");
                if (row.jdks().contains(jdk) && !passed) problems.add(row.app() + ": claims JDK " + jdk + " but " + cls + " " + outcome);
                if (!row.jdks().contains(jdk) && passed) problems.add(row.app() + ": " + cls + " passed on JDK " + jdk + ", which the row does not list");
            }
            Set<String> inJar = versionsInJar(row.app());
            Matcher v = VERSION.matcher(row.versions());
            while (v.find()) {
                String claimed = v.group();
                if (inJar.stream().noneMatch(found -> found.equals(claimed) || found.startsWith(claimed + "."))) {
                    problems.add(row.app() + ": version " + claimed + " is not in its jar (found " + new TreeSet<>(inJar) + ")");
                }
            }
        }
        for (String app : testApps()) {
            if (!listed.contains(app)) problems.add(app + ": a test app without a row in README.md's compatibility table");
        }
        assertTrue(problems.isEmpty(), () -> "README.md's compatibility table is wrong:\n  " + String.join("\n  ", problems));
    }

    /** The rows between the compatibility markers of README.md. */
    static List<Row> rows() throws IOException {
        Path readme = Locations.appsDir().resolve("../README.md").normalize();
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("<!-- compatibility:start -->");
        int end = text.indexOf("<!-- compatibility:end -->");
        assertTrue(start >= 0 && end > start, "no compatibility markers in " + readme);
        List<Row> rows = new ArrayList<>();
        for (String line : text.substring(start, end).split("\n")) {
            Matcher m = ROW.matcher(line.trim());
            if (!m.matches()) continue;
            String[] cells = m.group(2).split("\\|");
            assertEquals(4, cells.length, "row of " + m.group(1) + ": server | serializer | versions | JDKs");
            Set<Integer> jdks = new TreeSet<>();
            for (String j : cells[3].split(",")) jdks.add(Integer.parseInt(j.trim()));
            rows.add(new Row(m.group(1), cells[2], jdks));
        }
        assertFalse(rows.isEmpty(), "the compatibility table has no rows");
        return rows;
    }

    /** Every concrete AbstractConformanceSuite subclass, by the app it runs. */
    private static Map<String, List<String>> conformanceSuitesByApp() throws Exception {
        Path classes = Path.of(AbstractConformanceSuite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve(AbstractConformanceSuite.class.getPackageName().replace('.', '/'));
        Map<String, List<String>> byApp = new HashMap<>();
        try (Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) continue;
                Class<?> c = Class.forName(AbstractConformanceSuite.class.getPackageName() + "." + name.replace(".class", ""));
                if (!AbstractConformanceSuite.class.isAssignableFrom(c) || Modifier.isAbstract(c.getModifiers())) continue;
                var constructor = c.getDeclaredConstructor();
                constructor.setAccessible(true);
                String app = ((AbstractConformanceSuite) constructor.newInstance()).appName();
                byApp.computeIfAbsent(app, k -> new ArrayList<>()).add(c.getName());
            }
        }
        return byApp;
    }

    /** "passed", or what went wrong, from the Surefire report of this run. */
    private static String outcome(String testClass) throws IOException {
        Path report = Path.of(System.getProperty("warden.reportsDir", "target/surefire-reports")).resolve("TEST-" + testClass + ".xml");
        if (!Files.isRegularFile(report)) return "did not run in this build (no " + report.getFileName() + ")";
        Matcher m = COUNTS.matcher(Files.readString(report, StandardCharsets.UTF_8));
        if (!m.find()) return "has an unreadable report " + report;
        int tests = Integer.parseInt(m.group(1));
        int bad = Integer.parseInt(m.group(2)) + Integer.parseInt(m.group(4));
        int skipped = Integer.parseInt(m.group(3));
        if (tests == 0 || bad > 0 || skipped > 0) return "ran " + tests + " tests: " + bad + " failed, " + skipped + " skipped";
        return "passed";
    }

    /** Library versions in the app's jar: jar names under BOOT-INF/lib, pom.properties, *-version.properties. */
    private static Set<String> versionsInJar(String app) throws IOException {
        Set<String> versions = new HashSet<>();
        Pattern libJar = Pattern.compile("BOOT-INF/lib/.+?-(\\d[^/]*)\\.jar");
        try (JarFile jar = new JarFile(Locations.requireAppJar(app).toFile())) {
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                Matcher m = libJar.matcher(name);
                if (m.matches()) {
                    versions.add(m.group(1));
                } else if (name.endsWith("pom.properties") || name.endsWith("-version.properties")) {
                    Properties p = new Properties();
                    try (InputStream in = jar.getInputStream(jar.getJarEntry(name))) {
                        p.load(in);
                    }
                    for (String key : p.stringPropertyNames()) {
                        if (key.equals("version") || key.endsWith(".version")) versions.add(p.getProperty(key).trim());
                    }
                }
            }
        }
        return versions;
    }

    /** The test apps: every module under test-apps/ but the suite itself. */
    private static List<String> testApps() throws IOException {
        try (Stream<Path> dirs = Files.list(Locations.appsDir())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .map(d -> d.getFileName().toString()).filter(n -> !n.equals("integration-tests")).sorted().toList();
        }
    }
}
