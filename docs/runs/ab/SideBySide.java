import java.net.*;
import java.nio.file.*;
import java.util.*;

/** Old and new builds in one JVM, timed in alternating windows: the host's drift hits both alike. */
public class SideBySide {
    public static void main(String[] args) throws Exception {
        String[] jars = {args[0], args[1]};
        String what = args[2];
        int rounds = Integer.parseInt(args.length > 3 ? args[3] : "30");
        Runnable[] r = new Runnable[2];
        for (int i = 0; i < 2; i++) {
            URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(jars[i]).toUri().toURL(), Path.of(System.getProperty("runner", "/tmp/ab/")).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            r[i] = (Runnable) cl.loadClass("StepRunner").getConstructor(String.class).newInstance(what);
        }
        long warm = System.nanoTime() + 6_000_000_000L;
        while (System.nanoTime() < warm) { for (int i = 0; i < 2; i++) for (int j = 0; j < 50; j++) r[i].run(); }
        long t0 = System.nanoTime(); for (int j = 0; j < 100; j++) r[0].run();
        int inner = (int) Math.max(10, 20e6 / ((System.nanoTime() - t0) / 100.0)); // ~20 ms windows
        double[][] s = new double[2][rounds];
        double[] ratio = new double[rounds];
        for (int k = 0; k < rounds; k++) {
            for (int q = 0; q < 2; q++) {
                int i = (k + q) % 2; // alternate which goes first
                long a = System.nanoTime();
                for (int j = 0; j < inner; j++) r[i].run();
                s[i][k] = (System.nanoTime() - a) / 1e3 / inner;
            }
            ratio[k] = s[1][k] / s[0][k];
        }
        double[] o = s[0].clone(), n = s[1].clone(), rr = ratio.clone();
        Arrays.sort(o); Arrays.sort(n); Arrays.sort(rr);
        System.out.printf(Locale.ROOT, "%s: old median %.2f us, new median %.2f us, new/old paired ratio median %.3f (quartiles %.3f-%.3f), %d rounds of %d calls%n",
                what, o[rounds / 2], n[rounds / 2], rr[rounds / 2], rr[rounds / 4], rr[3 * rounds / 4], rounds, inner);
    }
}
