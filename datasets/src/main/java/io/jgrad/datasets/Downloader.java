package io.jgrad.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Fetches one file over HTTP(S) into a folder: streamed to a temporary file while its MD5 is
 * computed, then renamed into place only when the checksum matches. Shows progress on a stream.
 */
public final class Downloader {
    private final HttpClient client;
    private final PrintStream progress;

    public Downloader(PrintStream progress) {
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        this.progress = progress;
    }

    /** Downloads {@code url} to {@code target}; fails on HTTP errors and checksum mismatch. */
    public void download(URI url, Path target, String md5) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
        try {
            HttpResponse<InputStream> response;
            try {
                response = client.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while downloading " + url, e);
            }
            if (response.statusCode() != 200) {
                response.body().close();
                throw new IOException(url + " answered HTTP " + response.statusCode());
            }
            long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            MessageDigest digest = md5Digest();
            long done = 0;
            long lastShown = 0;
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[1 << 16];
                for (int r; (r = in.read(buf)) > 0; ) {
                    out.write(buf, 0, r);
                    digest.update(buf, 0, r);
                    done += r;
                    long now = System.nanoTime();
                    if (now - lastShown > 500_000_000L) {
                        lastShown = now;
                        show(target, done, total);
                    }
                }
            }
            show(target, done, total);
            progress.println();
            String got = HexFormat.of().formatHex(digest.digest());
            if (md5 != null && !got.equalsIgnoreCase(md5)) {
                throw new IOException(url + ": checksum mismatch (MD5 " + got + ", expected " + md5 + ")");
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private void show(Path target, long done, long total) {
        if (total > 0) {
            progress.printf(Locale.ROOT, "\rdownloading %s: %3d%% (%.1f / %.1f MB)", target.getFileName(),
                    done * 100 / total, done / 1e6, total / 1e6);
        } else {
            progress.printf(Locale.ROOT, "\rdownloading %s: %.1f MB", target.getFileName(), done / 1e6);
        }
        progress.flush();
    }

    static MessageDigest md5Digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }
}
