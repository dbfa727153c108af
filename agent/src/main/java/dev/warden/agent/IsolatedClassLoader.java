package dev.warden.agent;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads Warden's implementation and its relocated libraries from the agent jar's {@code warden/inst/} entries,
 * where classes are stored as {@code .classdata} so that no other class loader can find them. Its parent is the
 * platform loader: JDK classes and the bootstrap bridge are shared, nothing of the application is visible.
 */
final class IsolatedClassLoader extends ClassLoader {

    static final String PREFIX = "warden/inst/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    IsolatedClassLoader(JarFile jar, File jarPath) throws MalformedURLException {
        super("warden", ClassLoader.getPlatformClassLoader());
        this.jar = jar;
        URL url = jarPath.toURI().toURL();
        this.jarUrl = "jar:" + url + "!/";
        this.domain = new ProtectionDomain(new CodeSource(url, (Certificate[]) null), null, this, null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".classdata");
        if (entry == null) throw new ClassNotFoundException(name);
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            int dot = name.lastIndexOf('.');
            if (dot > 0) {
                String pkg = name.substring(0, dot);
                if (getDefinedPackage(pkg) == null) {
                    try {
                        definePackage(pkg, null, null, null, null, null, null, null);
                    } catch (IllegalArgumentException raced) {
                        // defined by a parallel load
                    }
                }
            }
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    @Override
    protected URL findResource(String name) {
        // The bridge's class files stay plain (they are defined in the bootstrap loader); Byte Buddy reads them here.
        String entryName = name.startsWith(BootstrapBridge.PACKAGE_PATH) ? name
                : PREFIX + (name.endsWith(".class") ? name.substring(0, name.length() - 6) + ".classdata" : name);
        if (jar.getJarEntry(entryName) == null) return null;
        try {
            return new URL(jarUrl + entryName);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }
}
