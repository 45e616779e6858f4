package io.jgrad.core.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a call allocates, for the message of a failed allocation test: the call runs under a JFR
 * recording of every new TLAB and every allocation outside one, with stack traces, and the sites
 * are ranked by the bytes they took (a new TLAB's whole size is charged to the allocation that
 * opened it, so the figures are a sample's weight, not exact). A failure seen only on another
 * machine (another CPU, another JIT history) then names the code to look at, not just a byte count.
 * Allocations that fit in a thread's current TLAB are not seen; with {@code -XX:TLABSize=2048
 * -XX:-ResizeTLAB} (the tests' {@code -Djgrad.test.argLine}) small ones open TLABs too and show.
 */
final class AllocationSites {
    private static final int FRAMES = 3;
    private static final int SITES = 5;

    private AllocationSites() {
    }

    /** The top allocation sites of {@code calls} runs of {@code call}, one per line, or why there are none. */
    static String of(Runnable call, int calls) {
        return of(call, calls, 0);
    }

    /**
     * As {@link #of(Runnable, int)}, after {@code rewarmCalls} more runs: the first JFR recording in a
     * JVM throws away compiled code (seen here: the GEMM kernels, warm and allocation-free, then
     * ran as C1 code that boxes every vector, 50 MB in 20 steps), so a recording started cold would
     * blame the kernels. JFR is started and stopped once first, the call runs until C2 has
     * compiled it again, and only then is the window recorded.
     */
    static String of(Runnable call, int calls, int rewarmCalls) {
        try (Recording primer = new Recording()) {
            enableAllocationEvents(primer);
            primer.start();
            primer.stop();
        } catch (RuntimeException e) {
            return "(allocation sites unavailable: " + e + ")";
        }
        for (int i = 0; i < rewarmCalls; i++) {
            call.run();
        }
        Path file = null;
        try (Recording recording = new Recording()) {
            enableAllocationEvents(recording);
            recording.start();
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            recording.stop();
            file = Files.createTempFile("jgrad-allocation", ".jfr");
            recording.dump(file);
            return rank(RecordingFile.readAllEvents(file));
        } catch (IOException | RuntimeException e) {
            return "(allocation sites unavailable: " + e + ")";
        } finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    private static void enableAllocationEvents(Recording r) {
        r.enable("jdk.ObjectAllocationInNewTLAB").withStackTrace();
        r.enable("jdk.ObjectAllocationOutsideTLAB").withStackTrace();
    }

    private static String rank(List<RecordedEvent> events) {
        Map<String, Long> bytes = new HashMap<>();
        for (RecordedEvent e : events) {
            if (e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            // The allocating frame, then the first of jgrad's own (the JDK's vector classes come between).
            String site = e.getClass("objectClass").getName() + " at " + frame(frames.get(0)) + " ... "
                    + frames.stream().filter(f -> f.getMethod().getType().getName().startsWith("io.jgrad."))
                            .limit(FRAMES).map(AllocationSites::frame).collect(Collectors.joining(" < "));
            long size = e.hasField("tlabSize") ? e.getLong("tlabSize") : e.getLong("allocationSize");
            bytes.merge(site, size, Long::sum);
        }
        if (bytes.isEmpty()) {
            return "(no allocation recorded in the extra window)";
        }
        return bytes.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(SITES)
                .map(s -> "  " + s.getValue() + " bytes: " + s.getKey()).collect(Collectors.joining("\n"));
    }

    private static String frame(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName() + ":" + f.getLineNumber()
                + "[" + f.getType() + "]";
    }
}
