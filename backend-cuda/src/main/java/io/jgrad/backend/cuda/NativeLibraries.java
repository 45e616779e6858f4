package io.jgrad.backend.cuda;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds shared libraries by file name the way the dynamic linker would (LD_LIBRARY_PATH, the
 * ldconfig cache, the usual CUDA folders) without loading them: loading a library whose own
 * dependencies are missing is how native crashes start.
 */
final class NativeLibraries {
    private static final List<String> USUAL = List.of("/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu", "/usr/lib64",
            "/lib64", "/usr/lib", "/usr/local/cuda/lib64", "/usr/local/cuda/targets/x86_64-linux/lib",
            "/usr/local/nvidia/lib64", "/usr/local/nvidia/lib", "/usr/lib/wsl/lib");

    private NativeLibraries() {
    }

    static List<Path> searchPath() {
        Set<Path> dirs = new LinkedHashSet<>();
        String ld = System.getenv("LD_LIBRARY_PATH");
        if (ld != null) {
            for (String d : ld.split(":")) {
                if (!d.isBlank()) {
                    dirs.add(Path.of(d));
                }
            }
        }
        for (String d : USUAL) {
            dirs.add(Path.of(d));
        }
        return new ArrayList<>(dirs);
    }

    static Optional<Path> find(String fileName) {
        for (Path dir : searchPath()) {
            Path p = dir.resolve(fileName);
            if (Files.exists(p)) {
                return Optional.of(p);
            }
        }
        return fromLdconfig(fileName);
    }

    private static Optional<Path> fromLdconfig(String fileName) {
        for (String exe : new String[] {"/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"}) {
            try {
                Process p = new ProcessBuilder(exe, "-p").redirectErrorStream(true).start();
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        String t = line.trim();
                        if (t.startsWith(fileName + " ") && t.contains("x86-64") && t.contains("=> ")) {
                            return Optional.of(Path.of(t.substring(t.indexOf("=> ") + 3).trim()));
                        }
                    }
                }
                p.waitFor(5, TimeUnit.SECONDS);
                return Optional.empty();
            } catch (Exception e) {
                // try the next location of ldconfig
            }
        }
        return Optional.empty();
    }
}
