package dev.warden.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The agent jar must not put any class the application could see or clash with on the class path: every class
 * entry is under Warden's package (dev/warden/), and apart from the entry point and the bootstrap bridge, classes
 * are hidden as warden/inst/**.classdata (loaded only by Warden's isolated class loader).
 */
class AgentJarContentsTest {

    @Test
    void everyClassIsInWardensPackageAndOnlyTheBridgeIsVisible() throws IOException {
        List<String> outside = new ArrayList<>();
        List<String> visible = new ArrayList<>();
        int hidden = 0;
        try (JarFile jar = new JarFile(Locations.requireAgentJar().toFile())) {
            for (ZipEntry e : Collections.list(jar.entries())) {
                String name = e.getName();
                if (e.isDirectory() || name.startsWith("META-INF/")) continue;
                if (name.endsWith(".class")) {
                    visible.add(name);
                    if (!name.startsWith("dev/warden/")) outside.add(name);
                } else if (name.endsWith(".classdata")) {
                    hidden++;
                    if (!name.startsWith("warden/inst/dev/warden/")) outside.add(name);
                }
            }
        }
        assertEquals(List.of(), outside, "classes outside Warden's package");
        for (String v : visible) {
            assertTrue(v.startsWith("dev/warden/agent/") || v.startsWith("dev/warden/bootstrap/"),
                    "only the entry point and the bootstrap bridge may be plain classes: " + v);
        }
        assertTrue(visible.contains("dev/warden/agent/WardenAgent.class"), "premain entry point missing");
        assertTrue(hidden > 1000, "the relocated libraries are expected as hidden classes, found " + hidden);
    }

    @Test
    void manifestDeclaresTheEntryPoints() throws IOException {
        try (JarFile jar = new JarFile(Locations.requireAgentJar().toFile())) {
            var attributes = jar.getManifest().getMainAttributes();
            assertEquals("dev.warden.agent.WardenAgent", attributes.getValue("Premain-Class"));
            assertEquals("dev.warden.agent.WardenAgent", attributes.getValue("Agent-Class"));
            assertEquals("dev.warden.agent.WardenAgent", attributes.getValue("Main-Class"));
            assertEquals(Locations.version(), attributes.getValue("Implementation-Version"));
        }
    }
}
