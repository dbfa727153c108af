import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Analyse one JFR recording of the spring-mvc app under load: where the CPU samples and the allocations go, and
 * how much of it Warden causes.
 *
 *   java benchmarks/profiling/Analyze.java FILE.jfr REQUESTS [TOP]
 *
 * REQUESTS is the number of requests wrk completed during the recording (normalises to per-request figures).
 *
 * Attribution of a stack (sample or allocation) to Warden: take the innermost frame of a class under dev.warden.
 * (Warden's own code, its helpers in the app's loader, and its shaded libraries dev.warden.shaded.*). If there is
 * none, the stack is not Warden's. If there is one and the frames below it (towards the leaf) reach application or
 * framework code (org.springframework., org.apache., com.fasterxml., jakarta.) through a pure pass-through wrapper
 * (the masking generator's delegate calls, the guarded stream chain, the response wrapper's super calls), the sample
 * is the app's own work routed through a Warden wrapper ("delegated"); otherwise it is Warden's cost, labelled by
 * component. Calls Warden makes into the container on its own account (request attributes, header reads, setHeader
 * of the RateLimit fields, getContentType) count as Warden's.
 */
public class Analyze {

    static final String[] FRAMEWORK = {"org.springframework.", "org.apache.", "com.fasterxml.", "jakarta."};

    static boolean isWarden(String cls) {
        return cls.startsWith("dev.warden.") && !cls.startsWith("dev.warden.testapp.");
    }

    static boolean isFramework(String cls) {
        for (String p : FRAMEWORK) if (cls.startsWith(p)) return true;
        return cls.startsWith("dev.warden.testapp.");
    }

    static String cls(RecordedFrame f) {
        return f.getMethod().getType().getName();
    }

    static String meth(RecordedFrame f) {
        String c = cls(f);
        return c.substring(c.lastIndexOf('.') + 1) + "." + f.getMethod().getName();
    }

    static String fullMeth(RecordedFrame f) {
        return cls(f) + "." + f.getMethod().getName();
    }

    /** Pass-through wrappers: when framework code lies below them, the work is the app's own. */
    static boolean passThrough(String cls, String method) {
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        switch (simple) {
            case "MaskingJsonGenerator":
                return true; // delegate.writeXxx
            case "GuardedOutputStream":
            case "BodyGuard":
            case "TrustedSerializerOutput":
                return method.equals("write") || method.equals("flush") || method.equals("close") || method.equals("finish");
            case "GuardedResponse":
                // super.getOutputStream / setHeader / flushBuffer ... are the app's calls
                return !method.equals("decided") && !method.equals("isContentLength");
            case "JsonWireMasker":
                return false;
            default:
                return false;
        }
    }

    /** Component of a Warden-attributed stack, from the innermost component-defining frame. */
    static String component(List<RecordedFrame> frames, int innermostWarden) {
        // walk from the innermost warden frame outwards; the first known class decides
        for (int i = innermostWarden; i < frames.size(); i++) {
            String c = cls(frames.get(i));
            String m = frames.get(i).getMethod().getName();
            if (!isWarden(c)) continue;
            if (c.startsWith("dev.warden.shaded.")) {
                if (c.contains("bucket4j")) return "Decider: rate limit (Bucket4j)";
                if (c.contains("caffeine")) return "Decider: rate limit (Caffeine)";
                continue;
            }
            String s = c.substring(c.lastIndexOf('.') + 1);
            switch (s) {
                case "RateLimiter", "RateLimiter$Result": return "Decider: rate limit (RateLimiter)";
                case "ApiKeyAuthenticator": return "Decider: API key SHA-256";
                case "PathCanonicalizer": return "Decider: path canonicalization";
                case "PathPattern": return "Decider: route match";
                case "Decider": return "Decider: other (" + m + ")";
                case "Decision": return "Decider: other (Decision)";
                case "ExchangeRequest", "ServletExchange": return "exchange adapters (header/path reads)";
                case "RequestScopeImpl":
                    if (m.equals("isJson")) return "RequestScopeImpl.isJson";
                    return "RequestScopeImpl (" + m + ")";
                case "WardenRuntimeImpl":
                    if (m.equals("scopeOf")) return "serializer hook: scopeOf/StreamUnwrapper";
                    if (m.equals("begin")) return "WardenRuntimeImpl.begin (other)";
                    return "WardenRuntimeImpl." + m;
                case "StreamUnwrapper", "StreamUnwrapper$1", "ModuleAccess": return "serializer hook: scopeOf/StreamUnwrapper";
                case "Jackson2Masking": return "serializer hook: Jackson2Masking (guard/wrap)";
                case "MaskCursor", "MaskPlan", "JsonPath": return "masking: MaskCursor/MaskPlan";
                case "JsonSelector", "JsonSelector$Step": return "masking: JsonSelector.matches";
                case "ValueMasker": return "masking: ValueMasker";
                case "TrustedSerializerOutput$CursorAdapter": return "masking: MaskCursor/MaskPlan";
                case "MaskingJsonGenerator": return "masking: MaskingJsonGenerator (own)";
                case "TrustedSerializerOutput": return "body stream chain (TrustedSerializerOutput)";
                case "BodyGuard": return "body stream chain (BodyGuard)";
                case "GuardedOutputStream": return "body stream chain (GuardedOutputStream)";
                case "JsonWireMasker": return "wire masker";
                case "GuardedResponse": return "GuardedResponse (" + m + ")";
                case "ServletScope":
                    if (m.equals("enter")) return "servlet scope: enter (attrs, setHeader, wrappers)";
                    return "servlet scope: " + m;
                case "ScopeAsyncListener": return "servlet scope: async";
                case "Log": return "Log";
                default: return s + "." + m;
            }
        }
        return "other dev.warden";
    }

    record Attribution(boolean warden, boolean delegated, String component, int innermost) {
    }

    static Attribution attribute(RecordedStackTrace st) {
        if (st == null) return new Attribution(false, false, "(no stack)", -1);
        List<RecordedFrame> frames = st.getFrames();
        int w = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (isWarden(cls(frames.get(i)))) {
                w = i;
                break;
            }
        }
        if (w < 0) {
            // Inlined advice: Byte Buddy keeps the advice's line numbers? We cannot tell; it's not visible.
            return new Attribution(false, false, "app", -1);
        }
        boolean frameworkBelow = false;
        for (int i = 0; i < w; i++) if (isFramework(cls(frames.get(i)))) frameworkBelow = true;
        RecordedFrame wf = frames.get(w);
        if (frameworkBelow && passThrough(cls(wf), wf.getMethod().getName())) {
            return new Attribution(false, true, "delegated via " + meth(wf), w);
        }
        return new Attribution(true, false, component(frames, w), w);
    }

    static <K> void inc(Map<K, long[]> m, K k, long v) {
        m.computeIfAbsent(k, x -> new long[1])[0] += v;
    }

    static <K> List<Map.Entry<K, long[]>> top(Map<K, long[]> m, int n) {
        List<Map.Entry<K, long[]>> l = new ArrayList<>(m.entrySet());
        l.sort(Comparator.comparingLong((Map.Entry<K, long[]> e) -> -e.getValue()[0]));
        return l.subList(0, Math.min(n, l.size()));
    }

    static String pkgBucket(String cls) {
        if (isWarden(cls)) return cls.startsWith("dev.warden.shaded.") ? "dev.warden.shaded" : "dev.warden";
        String[][] b = {{"org.apache.catalina.", "tomcat-catalina"}, {"org.apache.coyote.", "tomcat-coyote"},
                {"org.apache.tomcat.", "tomcat-util/net"}, {"org.springframework.", "spring"},
                {"com.fasterxml.jackson.", "jackson"}, {"dev.warden.testapp.", "testapp"}, {"jakarta.", "jakarta"},
                {"java.", "jdk"}, {"jdk.", "jdk"}, {"sun.", "jdk"}};
        for (String[] e : b) if (cls.startsWith(e[0])) return e[1];
        return "other";
    }

    public static void main(String[] args) throws Exception {
        // Either FILE REQUESTS [TOP] or, to aggregate several recordings, FILE:REQUESTS FILE:REQUESTS ... [TOP]
        List<Path> files = new ArrayList<>();
        double reqs = 0;
        int topN = 25;
        if (!args[0].contains(".jfr:")) {
            files.add(Path.of(args[0]));
            reqs = Double.parseDouble(args[1]);
            if (args.length > 2) topN = Integer.parseInt(args[2]);
        } else {
            for (String a : args) {
                int c = a.lastIndexOf(':');
                if (c < 0) {
                    topN = Integer.parseInt(a);
                    continue;
                }
                files.add(Path.of(a.substring(0, c)));
                reqs += Double.parseDouble(a.substring(c + 1));
            }
        }
        String fileNames = files.toString();

        long samples = 0, wardenSamples = 0, delegatedSamples = 0;
        Map<String, long[]> byComponent = new HashMap<>();
        Map<String, long[]> wardenLeaf = new HashMap<>();
        Map<String, long[]> wardenInnermost = new HashMap<>();
        Map<String, long[]> wardenInclusive = new HashMap<>();
        Map<String, long[]> delegated = new HashMap<>();
        Map<String, long[]> allLeaf = new HashMap<>();
        Map<String, long[]> leafPkg = new HashMap<>();
        Map<String, long[]> threads = new HashMap<>();
        Map<String, long[]> inclusiveAll = new HashMap<>();
        Map<String, long[]> frameTypes = new HashMap<>();
        Map<String, long[]> wardenSelfLeafByComp = new HashMap<>();

        long allocWeight = 0, allocWarden = 0, allocDelegated = 0, allocCount = 0, allocWardenCount = 0;
        Map<String, long[]> allocByComponent = new HashMap<>();
        Map<String, long[]> allocSites = new HashMap<>();
        Map<String, long[]> allocWardenSites = new HashMap<>();
        Map<String, long[]> allocTopFrameAll = new HashMap<>();

        Map<Long, long[]> threadAllocMin = new HashMap<>();
        long[] threadAllocTotal = new long[1];
        Map<String, long[]> allocByThreadAll = new HashMap<>();
        Map<Long, String> threadNames = new HashMap<>();

        Map<String, long[]> monitors = new HashMap<>();
        Map<String, long[]> monitorDur = new HashMap<>();
        Map<String, long[]> parks = new HashMap<>();
        long gcCount = 0, gcPauseNs = 0;
        long compilations = 0;
        Map<String, long[]> deopts = new HashMap<>();

        for (Path file : files) try (RecordingFile rf = new RecordingFile(file)) {
            threadAllocMin.clear(); // per-recording min/max of the cumulative counters

            while (rf.hasMoreEvents()) {
                RecordedEvent e = rf.readEvent();
                String type = e.getEventType().getName();
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        RecordedThread t = e.getThread("sampledThread");
                        String tn = t == null ? "?" : t.getJavaName();
                        inc(threads, tn == null ? "?" : tn.replaceAll("-\\d+$", "-N"), 1);
                        RecordedStackTrace st = e.getStackTrace();
                        if (st == null || st.getFrames().isEmpty()) continue;
                        List<RecordedFrame> fr = st.getFrames();
                        String leaf = fullMeth(fr.get(0));
                        inc(allLeaf, leaf, 1);
                        inc(leafPkg, pkgBucket(cls(fr.get(0))), 1);
                        java.util.Set<String> seen = new java.util.HashSet<>();
                        for (RecordedFrame f : fr) {
                            String m = fullMeth(f);
                            if (seen.add(m)) inc(inclusiveAll, m, 1);
                            if (m.endsWith(".doFilter") || m.endsWith(".service") || m.endsWith(".internalDoFilter")) {
                                inc(frameTypes, m + " [" + f.getType() + "]", 1);
                            }
                        }
                        Attribution a = attribute(st);
                        if (a.warden) {
                            wardenSamples++;
                            inc(byComponent, a.component, 1);
                            inc(wardenLeaf, leaf, 1);
                            inc(wardenInnermost, fullMeth(fr.get(a.innermost)), 1);
                            inc(wardenSelfLeafByComp, a.component + " | " + meth(fr.get(0)), 1);
                            java.util.Set<String> ws = new java.util.HashSet<>();
                            for (RecordedFrame f : fr) {
                                if (isWarden(cls(f)) && ws.add(fullMeth(f))) inc(wardenInclusive, fullMeth(f), 1);
                            }
                        } else if (a.delegated) {
                            delegatedSamples++;
                            inc(delegated, a.component, 1);
                        }
                    }
                    case "jdk.ObjectAllocationSample" -> {
                        long w = e.getLong("weight");
                        allocWeight += w;
                        allocCount++;
                        RecordedStackTrace st = e.getStackTrace();
                        String objCls = e.getClass("objectClass").getName();
                        Attribution a = attribute(st);
                        String site = st == null || st.getFrames().isEmpty() ? "?" : meth(st.getFrames().get(0));
                        // first non-JDK frame, to say who allocated
                        String owner = "?";
                        if (st != null) for (RecordedFrame f : st.getFrames()) {
                            String c = cls(f);
                            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                                owner = meth(f);
                                break;
                            }
                        }
                        inc(allocTopFrameAll, objCls + " @ " + owner, w);
                        if (a.warden) {
                            allocWardenCount++;
                            allocWarden += w;
                            inc(allocByComponent, a.component, w);
                            inc(allocWardenSites, objCls + " @ " + site + " <- " + meth(st.getFrames().get(a.innermost)), w);
                        } else if (a.delegated) {
                            allocDelegated += w;
                        }
                        inc(allocSites, objCls + " @ " + owner, w);
                    }
                    case "jdk.ThreadAllocationStatistics" -> {
                        RecordedThread t = e.getThread("thread");
                        if (t == null) continue;
                        long id = t.getJavaThreadId();
                        threadNames.put(id, t.getJavaName());
                        long v = e.getLong("allocated");
                        long[] mm = threadAllocMin.computeIfAbsent(id, x -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                        mm[0] = Math.min(mm[0], v);
                        mm[1] = Math.max(mm[1], v);
                    }
                    case "jdk.JavaMonitorEnter" -> {
                        String mc = e.getClass("monitorClass") == null ? "?" : e.getClass("monitorClass").getName();
                        RecordedStackTrace st = e.getStackTrace();
                        String where = "?";
                        if (st != null) for (RecordedFrame f : st.getFrames()) {
                            String c = cls(f);
                            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                                where = meth(f);
                                break;
                            }
                        }
                        inc(monitors, mc + " @ " + where, 1);
                        inc(monitorDur, mc + " @ " + where, e.getDuration().toNanos());
                    }
                    case "jdk.ThreadPark" -> {
                        RecordedStackTrace st = e.getStackTrace();
                        String where = "?";
                        if (st != null) for (RecordedFrame f : st.getFrames()) {
                            String c = cls(f);
                            if (!c.startsWith("java.") && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
                                where = meth(f);
                                break;
                            }
                        }
                        inc(parks, where, 1);
                    }
                    case "jdk.GarbageCollection" -> {
                        gcCount++;
                        gcPauseNs += e.getLong("sumOfPauses");
                    }
                    case "jdk.Compilation" -> compilations++;
                    case "jdk.Deoptimization" -> {
                        inc(deopts, e.getString("reason") + " " + e.getString("action") + " " + (e.getValue("method") == null ? "" : ((jdk.jfr.consumer.RecordedMethod) e.getValue("method")).getType().getName() + "." + ((jdk.jfr.consumer.RecordedMethod) e.getValue("method")).getName()), 1);
                    }
                    default -> {
                    }
                }
            }
            for (var en : threadAllocMin.entrySet()) {
                long d = en.getValue()[1] - en.getValue()[0];
                threadAllocTotal[0] += d;
                String n = threadNames.get(en.getKey());
                inc(allocByThreadAll, n == null ? "?" : n.replaceAll("-\\d+$", "-N"), d);
            }
        }

        System.out.printf("# %s%n%n", fileNames);
        System.out.printf("requests during recording: %.0f%n", reqs);
        System.out.printf("execution samples: %d (%.2f per 1k requests)%n", samples, samples * 1000 / reqs);
        System.out.printf("Warden-attributed samples: %d = %.1f%% of all samples (%.2f per 1k req)%n", wardenSamples,
                100.0 * wardenSamples / samples, wardenSamples * 1000 / reqs);
        System.out.printf("app work delegated through Warden wrappers: %d = %.1f%%%n", delegatedSamples, 100.0 * delegatedSamples / samples);
        System.out.println();
        System.out.println("## samples by thread");
        for (var en : top(threads, 10)) System.out.printf("%7d  %s%n", en.getValue()[0], en.getKey());
        System.out.println();
        System.out.println("## samples by leaf package");
        for (var en : top(leafPkg, 20)) System.out.printf("%7d  %6.2f/1k req  %s%n", en.getValue()[0], en.getValue()[0] * 1000 / reqs, en.getKey());
        System.out.println();
        System.out.println("## Warden samples by component (% of all samples)");
        for (var en : top(byComponent, 40)) {
            System.out.printf("%7d  %5.1f%%  %s%n", en.getValue()[0], 100.0 * en.getValue()[0] / samples, en.getKey());
        }
        System.out.println();
        System.out.println("## Warden samples: leaf method (self time, incl. JDK code Warden calls)");
        for (var en : top(wardenLeaf, topN)) System.out.printf("%7d  %5.1f%%  %s%n", en.getValue()[0], 100.0 * en.getValue()[0] / samples, en.getKey());
        System.out.println();
        System.out.println("## Warden samples: innermost Warden frame");
        for (var en : top(wardenInnermost, topN)) System.out.printf("%7d  %5.1f%%  %s%n", en.getValue()[0], 100.0 * en.getValue()[0] / samples, en.getKey());
        System.out.println();
        System.out.println("## Warden samples: inclusive per Warden method (Warden-attributed samples only)");
        for (var en : top(wardenInclusive, topN)) System.out.printf("%7d  %5.1f%%  %s%n", en.getValue()[0], 100.0 * en.getValue()[0] / samples, en.getKey());
        System.out.println();
        System.out.println("## Warden samples: component | leaf");
        for (var en : top(wardenSelfLeafByComp, 50)) System.out.printf("%7d  %s%n", en.getValue()[0], en.getKey());
        System.out.println();
        System.out.println("## delegated (app work inside Warden wrappers)");
        for (var en : top(delegated, 15)) System.out.printf("%7d  %5.1f%%  %s%n", en.getValue()[0], 100.0 * en.getValue()[0] / samples, en.getKey());
        System.out.println();
        System.out.println("## all samples: top leaf methods");
        for (var en : top(allLeaf, topN)) System.out.printf("%7d  %5.1f%%  %s%n", en.getValue()[0], 100.0 * en.getValue()[0] / samples, en.getKey());
        System.out.println();
        System.out.println("## all samples: top inclusive methods");
        for (var en : top(inclusiveAll, 60)) System.out.printf("%7d  %5.1f%%  %s%n", en.getValue()[0], 100.0 * en.getValue()[0] / samples, en.getKey());
        System.out.println();
        System.out.println("## filter/servlet frames by frame type (inlined or not)");
        List<Map.Entry<String, long[]>> ft = new ArrayList<>(frameTypes.entrySet());
        ft.sort(Map.Entry.comparingByKey());
        for (var en : ft) System.out.printf("%7d  %s%n", en.getValue()[0], en.getKey());
        System.out.println();

        long threadAlloc = threadAllocTotal[0];
        Map<String, long[]> allocByThread = allocByThreadAll;
        System.out.println("## allocation");
        System.out.printf("ThreadAllocationStatistics: %.1f MB allocated during the recording = %.0f bytes/request%n", threadAlloc / 1e6, threadAlloc / reqs);
        for (var en : top(allocByThread, 6)) System.out.printf("   %10.1f MB  %s%n", en.getValue()[0] / 1e6, en.getKey());
        System.out.printf("ObjectAllocationSample total weight: %.1f MB = %.0f bytes/request; Warden-attributed %.1f%% (%.0f B/req), delegated %.1f%%%n",
                allocWeight / 1e6, allocWeight / reqs, 100.0 * allocWarden / allocWeight, (double) allocWarden * threadAlloc / allocWeight / reqs,
                100.0 * allocDelegated / allocWeight);
        System.out.println("(B/req for Warden = its share of sampled weight applied to the ThreadAllocationStatistics total)");
        System.out.printf("allocation samples: %d, Warden-attributed %d = %.1f%% by count%n", allocCount, allocWardenCount, 100.0 * allocWardenCount / allocCount);
        System.out.println("### Warden allocation by component (share of all allocation weight, est. bytes/request)");
        for (var en : top(allocByComponent, 30)) System.out.printf("%5.1f%%  %6.0f B/req  %s%n", 100.0 * en.getValue()[0] / allocWeight,
                (double) en.getValue()[0] * threadAlloc / allocWeight / reqs, en.getKey());
        System.out.println("### Warden allocation sites (object @ leaf <- innermost Warden frame)");
        for (var en : top(allocWardenSites, topN)) System.out.printf("%5.1f%%  %6.0f B/req  %s%n", 100.0 * en.getValue()[0] / allocWeight,
                (double) en.getValue()[0] * threadAlloc / allocWeight / reqs, en.getKey());
        System.out.println("### all allocation sites (object @ first non-JDK frame)");
        for (var en : top(allocSites, topN)) System.out.printf("%5.1f%%  %6.0f B/req  %s%n", 100.0 * en.getValue()[0] / allocWeight,
                (double) en.getValue()[0] * threadAlloc / allocWeight / reqs, en.getKey());
        System.out.println();
        System.out.printf("## GC: %d collections, %.1f ms total pause during the recording; compilations %d%n", gcCount, gcPauseNs / 1e6, compilations);
        System.out.println();
        System.out.println("## contended monitor enters (count, total ms)");
        for (var en : top(monitors, 15)) System.out.printf("%7d  %8.1f ms  %s%n", en.getValue()[0], monitorDur.get(en.getKey())[0] / 1e6, en.getKey());
        System.out.println();
        System.out.println("## thread parks >= 1 ms by first non-JDK frame");
        for (var en : top(parks, 10)) System.out.printf("%7d  %s%n", en.getValue()[0], en.getKey());
        if (!deopts.isEmpty()) {
            System.out.println();
            System.out.println("## deoptimizations");
            for (var en : top(deopts, 15)) System.out.printf("%7d  %s%n", en.getValue()[0], en.getKey());
        }
    }
}
