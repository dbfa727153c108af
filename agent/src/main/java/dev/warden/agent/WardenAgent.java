package dev.warden.agent;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.util.jar.JarFile;

/**
 * The agent jar's entry points: {@code premain} (-javaagent), {@code agentmain} (attach) and {@code main} (the CLI).
 * This class and the bootstrap bridge are the only classes the JVM sees in the jar; everything else is loaded by
 * {@link IsolatedClassLoader} from renamed entries, so the application can neither see nor clash with it.
 */
public final class WardenAgent {

    private static final String STARTER = "dev.warden.runtime.AgentStarter";
    private static final String CLI = "dev.warden.cli.Cli";

    private WardenAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attached) {
        try {
            File jar = agentJar();
            JarFile jarFile = new JarFile(jar);
            // Created before the jar joins the bootstrap path, so this loader's class comes from the system loader.
            ClassLoader isolated = new IsolatedClassLoader(jarFile, jar);
            // The bridge must be visible from every class loader, since advice is inlined into application classes.
            BootstrapBridge.install(inst, jarFile);
            Method m = isolated.loadClass(STARTER).getMethod("start", Instrumentation.class, String.class, File.class,
                    String.class, boolean.class);
            m.invoke(null, inst, args, jar, version(), attached);
        } catch (InvocationTargetException e) {
            fatal(e.getCause());
        } catch (Exception | LinkageError e) {
            fatal(e);
        }
    }

    /** Warden could not start: the application must not run believing it is protected. */
    private static void fatal(Throwable t) {
        System.err.println("warden: cannot start the agent: " + t);
        System.err.flush();
        System.exit(78);
    }

    public static void main(String[] args) throws Exception {
        File jar = agentJar();
        ClassLoader isolated = new IsolatedClassLoader(new JarFile(jar), jar);
        Method m = isolated.loadClass(CLI).getMethod("run", String[].class, String.class);
        int code;
        try {
            code = (Integer) m.invoke(null, (Object) args, version());
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
        System.exit(code);
    }

    private static File agentJar() throws URISyntaxException {
        return new File(WardenAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static String version() {
        String v = WardenAgent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
