package dev.warden.runtime;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.warden.policy.model.AdminConfig;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Warden's own HTTP listener ({@code admin:} in the policy), apart from the application's ports: the JDK's HttpServer
 * answering the paths given to {@link #route} (GET {@code /metrics}, ...). Its handlers are classes of Warden's class
 * loader, which the agent never instruments, so what it serves is never decided, masked, audited or counted.
 * Daemon threads only, a few of them with a short queue: a flood of scrapes is refused (the connection closed), it
 * never takes threads from the application or keeps the JVM alive.
 */
final class AdminServer {

    private static final int THREADS = 2;
    private static final int QUEUE = 32;
    private static final int BACKLOG = 16;

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private AdminServer(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens where the policy says; null, after one warning line, when it cannot (the port is taken, ...): the
     * application runs all the same, only without what this listener serves.
     */
    static AdminServer start(AdminConfig config, Instrumentation inst) {
        HttpServer server = null;
        ThreadPoolExecutor executor = null;
        try {
            // the host is an IP literal (the policy refuses names): parsed, never looked up
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
            server = JdkHttpServers.create(inst, address, BACKLOG);
            executor = executor();
            server.setExecutor(executor);
            startOnDaemonThread(server);
            if (!config.loopback()) {
                Log.info("the admin listener on " + config.listen() + " is reachable from other hosts; what it serves is not authenticated");
            }
            return new AdminServer(server, executor);
        } catch (BindException e) {
            Log.warn("admin listener not started: " + config.listen() + " is in use or not local (" + e.getMessage()
                    + "); the application runs without it");
        } catch (IOException | RuntimeException | LinkageError e) {
            Log.warn("admin listener not started on " + config.listen() + ": " + e + "; the application runs without it");
        }
        if (server != null) stopQuietly(server);
        if (executor != null) executor.shutdownNow();
        return null;
    }

    /** Serves GET {@code path} (exactly that path) with {@code handler}; may be called while the listener runs. */
    void route(String path, HttpHandler handler) {
        server.createContext(path, new AdminRoute(path, handler));
    }

    /** Where it listens. */
    InetSocketAddress address() {
        return server.getAddress();
    }

    void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static ThreadPoolExecutor executor() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), task -> daemon(task, "warden-admin-" + n.incrementAndGet()),
                new ThreadPoolExecutor.AbortPolicy()); // refused: the JDK's dispatcher closes that connection
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * The JDK's dispatcher thread takes its daemon status from the thread that starts the server: started from
     * premain's (non-daemon) thread, it would keep the JVM alive after the application's main returns.
     */
    private static void startOnDaemonThread(HttpServer server) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread starter = daemon(() -> {
            try {
                server.start();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "warden-admin-start");
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
        if (failure.get() != null) throw failure.get();
    }

    /** Releases the port of a server that could not start; that failure was reported already. */
    private static void stopQuietly(HttpServer server) {
        try {
            server.stop(0);
        } catch (RuntimeException e) {
            Log.debug("stopping the admin listener that could not start: " + e);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.setContextClassLoader(AdminServer.class.getClassLoader());
        return t;
    }
}
