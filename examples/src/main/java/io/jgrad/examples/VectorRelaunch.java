package io.jgrad.examples;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar jgrad-examples.jar} starts without the Vector API module, which the fast CPU
 * kernels need, and a jar manifest cannot add modules. So the examples restart themselves once in a
 * child JVM with {@code --add-modules jdk.incubator.vector} (and the Vector API's per-access bounds
 * checks off: the kernels' indices are proven in range by construction and tested with the checks
 * on), asking for transparent huge pages where the kernel grants them on request. {@code
 * -Djgrad.relaunch=false} or {@code JGRAD_RELAUNCH=false} turns this off; the {@code ./jgrad}
 * launcher passes the flags itself.
 */
final class VectorRelaunch {
    static final String MODULE = "jdk.incubator.vector";

    /**
     * The Vector API kernels go to C2 after a tenth of the usual invocations: before C2 their
     * vector operations run as allocating Java fallbacks, hundreds of times slower, which costs a
     * short command (gradcheck) about half a second; long runs measured the same either way.
     * The {@code ./jgrad} launcher passes the same flags.
     */
    static final List<String> EARLY_KERNEL_COMPILATION = List.of("-XX:CompileCommand=quiet",
            "-XX:CompileCommand=CompileThresholdScaling,io.jgrad.backend.cpu.Vector*::*,0.1");

    /** Where the kernel says whether processes get transparent huge pages. */
    static final Path THP_SETTING = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    private VectorRelaunch() {
    }

    /**
     * Whether the JVM should ask for transparent huge pages, as the {@code ./jgrad} launcher does:
     * where the kernel grants them on request ({@code [madvise]} selected; with {@code [always]} every
     * process has them, with {@code [never]} none), unless {@code JGRAD_THP=off}.
     */
    static boolean asksForHugePages(String thpSetting, String jgradThp) {
        return thpSetting != null && thpSetting.contains("[madvise]") && !"off".equals(jgradThp);
    }

    private static String thpSetting() {
        try {
            return Files.readString(THP_SETTING);
        } catch (Exception e) {
            return null; // not Linux, or not readable: leave the JVM's default
        }
    }

    /**
     * The JVM flags the examples run with, which the shell launchers ({@code ./jgrad} and the
     * distribution's {@code bin/jgrad}) spell out too (LauncherFlagsTest keeps the three in step).
     */
    static List<String> launcherFlags(boolean hugePages) {
        List<String> flags = new ArrayList<>(List.of("--add-modules", MODULE,
                "-Djdk.incubator.vector.VECTOR_ACCESS_OOB_CHECK=0"));
        flags.addAll(EARLY_KERNEL_COMPILATION);
        if (hugePages) {
            flags.add("-XX:+UseTransparentHugePages");
        }
        return flags;
    }

    /** Runs the child JVM and returns its exit code, or -1 when this JVM should carry on itself. */
    static int relaunchIfUseful(String[] args) {
        if (ModuleLayer.boot().findModule(MODULE).isPresent() || "false".equals(System.getProperty("jgrad.relaunch"))
                || "false".equals(System.getenv("JGRAD_RELAUNCH"))) {
            return -1;
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String java = ProcessHandle.current().info().command().orElse(null);
            if (java == null || !Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
                return -1;
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(java);
            cmd.addAll(launcherFlags(asksForHugePages(thpSetting(), System.getenv("JGRAD_THP"))));
            cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments()); // after ours: they win
            cmd.add("-Djgrad.relaunch=false");
            cmd.add("-jar");
            cmd.add(jar.toString());
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            return p.waitFor();
        } catch (Exception e) {
            return -1; // carry on without the Vector API; the CPU backend logs how to enable it
        }
    }
}
