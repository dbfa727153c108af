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
    /**
     * A system property of the JVM Warden runs in: {@value #RUNNING} once started, {@code failed: REASON} when an
     * attach could not start it. The attach command reads it (AttachCommand.STATUS) to report the outcome and to
     * refuse a second start.
     */
    static final String STATUS = "warden.status";
    static final String RUNNING = "running";

    private WardenAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static void start(String args, Instrumentation inst, boolean attached) {
        if (RUNNING.equals(System.getProperty(STATUS))) {
            // A second -javaagent or attach: every hook would be installed twice and decide each request twice.
            System.err.println("warden: already running in this JVM; not started again");
            return;
        }
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
            System.setProperty(STATUS, RUNNING);
        } catch (InvocationTargetException e) {
            failed(e.getCause(), attached);
        } catch (Exception | LinkageError e) {
            failed(e, attached);
        }
    }

    /**
     * At JVM start the application must not run unprotected (see {@link #fatal}). Attached to a running application,
     * Warden refuses to start and leaves it serving as before. agentmain returns normally even then: an exception
     * out of it makes the JVM print internal assertion failures into the application's log; the attach command
     * learns the reason from the status property.
     */
    private static void failed(Throwable t, boolean attached) {
        if (!attached) fatal(t);
        String reason = t instanceof IllegalStateException && t.getMessage() != null ? t.getMessage()
                : "cannot start the agent: " + t;
        System.setProperty(STATUS, "failed: " + reason);
        String summary = reason.substring(reason.lastIndexOf('\n') + 1);
        System.err.println("warden: " + summary + "; Warden did not start, the application runs on without it");
        System.err.flush();
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
