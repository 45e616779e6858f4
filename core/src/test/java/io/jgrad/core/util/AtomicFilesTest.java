package io.jgrad.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void writtenFilesGetTheUsualPermissionsNotTempFileOnes() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x");
        Path atomic = dir.resolve("atomic.txt");
        AtomicFiles.writeString(atomic, "y");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
        assertEquals("y", Files.readString(atomic));
    }

    @Test
    void aStaleTemporaryOfTheSameTargetIsRemoved() throws IOException {
        Path stale = Files.writeString(dir.resolve(".model.ck.abc123.tmp"), "half a checkpoint");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path other = Files.writeString(dir.resolve(".other.ck.abc123.tmp"), "someone else's");
        Files.setLastModifiedTime(other, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        AtomicFiles.writeString(dir.resolve("model.ck"), "whole");
        assertTrue(!Files.exists(stale), "the killed write's leftover is gone");
        assertTrue(Files.exists(other), "another target's temporary is left alone");
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "model.ck, the other temporary and nothing else");
        }
    }
}
