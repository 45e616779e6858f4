package io.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed PTX: up to date with its source, loadable by CUDA 12 drivers, accepted by ptxas. */
class PtxTest {
    private static final Path SOURCE = Path.of("src/main/cuda/jgrad_kernels.cu");

    /** The PTX as the backend loads it (from the class path, so this runs from the dist bundle too). */
    private static String ptx() {
        return Kernels.ptxText();
    }

    @Test
    void ptxIsNotOlderThanItsSource() throws Exception {
        Assumptions.assumeTrue(Files.exists(SOURCE), "run from the source tree");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(SOURCE)));
        assertTrue(ptx().contains("// source-sha256: " + sha),
                "jgrad_kernels.ptx is stale: run backend-cuda/build-ptx.sh");
    }

    @Test
    void isaVersionLoadsOnCuda12Drivers() throws IOException {
        Matcher m = Pattern.compile("(?m)^\\.version (\\d+)\\.(\\d+)").matcher(ptx());
        assertTrue(m.find(), "no .version line");
        int v = Integer.parseInt(m.group(1)) * 10 + Integer.parseInt(m.group(2));
        assertTrue(v <= 80, "PTX ISA " + m.group(1) + "." + m.group(2) + " needs a driver newer than CUDA 12.0");
    }

    @Test
    void ptxasAssemblesItForTuringAndHopper(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("jgrad_kernels.ptx");
        Files.writeString(file, ptx());
        for (String arch : new String[] {"sm_75", "sm_90"}) {
            Process p;
            try {
                p = new ProcessBuilder("ptxas", "-arch=" + arch, file.toString(), "-o", tmp.resolve(arch + ".cubin")
                        .toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                Assumptions.abort("ptxas is not installed");
                return;
            }
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), "ptxas " + arch + ": " + log);
        }
    }
}
