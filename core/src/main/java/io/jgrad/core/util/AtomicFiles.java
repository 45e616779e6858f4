package io.jgrad.core.util;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file under a temporary name in the same folder, then renames it: never a half file.
 * The temporary file is created with the default permissions (the user's umask applies, as for any
 * file a program writes; {@code Files.createTempFile} would make it 0600), and temporaries that a
 * killed writer left behind for the same target are removed by the next write.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes the content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        String prefix = "." + target.getFileName() + ".";
        removeStale(dir, prefix);
        Path tmp = dir.resolve(prefix + Long.toUnsignedString(new java.security.SecureRandom().nextLong(), 36) + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE))) {
                writer.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temporaries of the same target untouched for a minute: a write that was killed, not one in progress. */
    private static void removeStale(Path dir, String prefix) throws IOException {
        long cutoff = System.currentTimeMillis() - 60_000;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && n.endsWith(".tmp") && Files.getLastModifiedTime(p).toMillis() < cutoff) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
