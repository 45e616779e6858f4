package io.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CUDA 13 path without a GPU: a fake libcublas.so.13 (symbol version libcublas.so.13), the shim
 * built for it, and a program linked like JCublas2 (needing cublas*@libcublas.so.12). Its calls
 * must land in the .13 library, and a function .13 lacks must answer NOT_SUPPORTED, not crash.
 */
class CublasShimTest {
    @TempDir
    Path dir;

    private String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    @Test
    void forwardsTwelveToThirteen() throws Exception {
        try {
            new ProcessBuilder("cc", "--version").start().waitFor();
        } catch (IOException e) {
            Assumptions.abort("no C compiler");
        }
        Files.writeString(dir.resolve("fake13.c"),
                "int cublasGetVersion_v2(void *h, int *v) { *v = 130000; return 0; }\n"
                        + "int cublasCreate_v2(void **h) { *h = (void *) 0; return 7; }\n");
        Files.writeString(dir.resolve("v13.map"), "libcublas.so.13 { global: cublas*; local: *; };\n");
        run("cc", "-shared", "-fPIC", "-o", "libcublas.so.13", "fake13.c", "-Wl,-soname,libcublas.so.13",
                "-Wl,--version-script=v13.map");
        Path shim = dir.resolve("shim").resolve("libcublas.so.12");
        CublasShim.build(shim, dir.resolve("libcublas.so.13").toString());
        assertTrue(CublasShim.symbols().containsAll(List.of("cublasSgemm_v2", "cublasCreate_v2")));
        Files.writeString(dir.resolve("user.c"), "#include <stdio.h>\n"
                + "int cublasGetVersion_v2(void *h, int *v); int cublasCreate_v2(void **h);\n"
                + "int cublasSgemm_v2(void);\n"
                + "int main(void) { int v = 0; void *h; int r = cublasGetVersion_v2(0, &v);\n"
                + "  printf(\"%d %d %d %d\\n\", r, v, cublasCreate_v2(&h), cublasSgemm_v2()); return 0; }\n");
        run("cc", "-o", "user", "user.c", "-L" + shim.getParent(), "-l:libcublas.so.12");
        String versions = run("readelf", "-W", "--dyn-syms", "user");
        assertTrue(versions.contains("cublasGetVersion_v2@libcublas.so.12"), versions);
        ProcessBuilder pb = new ProcessBuilder(dir.resolve("user").toString()).directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("LD_LIBRARY_PATH", shim.getParent().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        // forwarded call: status 0 and version 130000; cublasCreate_v2 returns the fake's 7;
        // cublasSgemm_v2 is missing from the fake .13: NOT_SUPPORTED (15).
        assertEquals("0 130000 7 15", out);
    }
}
