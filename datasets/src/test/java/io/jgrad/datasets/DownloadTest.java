package io.jgrad.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a server on loopback: checksums, caching, fallbacks and the offline message. */
class DownloadTest {
    @TempDir
    Path tmp;

    private HttpServer server;
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body = files.get(ex.getRequestURI().getPath().substring(1));
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static String md5(byte[] b) {
        java.security.MessageDigest d = Downloader.md5Digest();
        return HexFormat.of().formatHex(d.digest(b));
    }

    private RemoteDataset dataset(String checksum) {
        return new RemoteDataset("toy", Map.of("a.bin", checksum), List.of(base()), List.of());
    }

    @Test
    void downloadsVerifiesAndCaches() throws IOException {
        byte[] content = "hello jgrad".getBytes();
        files.put("a.bin", content);
        DatasetLocator loc = new DatasetLocator(null, tmp.resolve("data"), tmp.resolve("home"), true, quiet);
        Path got = loc.locate(dataset(md5(content)), List.of("a.bin")).get("a.bin");
        assertEquals(tmp.resolve("data").resolve("toy").resolve("a.bin"), got);
        assertEquals("hello jgrad", Files.readString(got));
        loc.locate(dataset(md5(content)), List.of("a.bin"));
        assertEquals(1, requests.get(), "the second lookup finds the cached file");
    }

    @Test
    void checksumMismatchLeavesNothingBehind() throws IOException {
        files.put("a.bin", "tampered".getBytes());
        DatasetLocator loc = new DatasetLocator(null, tmp.resolve("data"), tmp.resolve("home"), true, quiet);
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> loc.locate(dataset(md5("original".getBytes())), List.of("a.bin")));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        try (var listing = Files.list(tmp.resolve("data").resolve("toy"))) {
            assertEquals(0, listing.count(), "no partial or wrong file is cached");
        }
    }

    @Test
    void secondMirrorIsTriedWhenTheFirstFails() throws IOException {
        byte[] content = {1, 2, 3};
        files.put("a.bin", content);
        RemoteDataset ds = new RemoteDataset("toy", Map.of("a.bin", md5(content)),
                List.of(URI.create("http://127.0.0.1:1/"), base()), List.of());
        DatasetLocator loc = new DatasetLocator(null, null, tmp.resolve("home"), true, quiet);
        Path got = loc.locate(ds, List.of("a.bin")).get("a.bin");
        assertTrue(got.startsWith(tmp.resolve("home").resolve(".jgrad").resolve("datasets")), got.toString());
    }

    @Test
    void offlineNamesTheFilesAndFolders() {
        RemoteDataset ds = new RemoteDataset("toy", Map.of("a.bin", "0"), List.of(URI.create("http://127.0.0.1:1/")),
                List.of(Path.of("/nonexistent/system")));
        DatasetLocator loc = new DatasetLocator(tmp.resolve("given"), tmp.resolve("data"), tmp.resolve("home"), true,
                quiet);
        DataNotFoundException e = assertThrows(DataNotFoundException.class, () -> loc.locate(ds, List.of("a.bin")));
        String m = e.getMessage();
        assertTrue(m.contains("a.bin") && m.contains(tmp.resolve("given").toString())
                && m.contains(tmp.resolve("data").resolve("toy").toString()) && m.contains("/nonexistent/system"), m);
    }

    @Test
    void localFilesWinAndUncompressedTwinsCount() throws IOException {
        Files.createDirectories(tmp.resolve("given"));
        Files.write(tmp.resolve("given").resolve("a.bin"), new byte[] {7});
        RemoteDataset ds = new RemoteDataset("toy", Map.of("a.bin.gz", "0"), List.of(base()), List.of());
        DatasetLocator loc = new DatasetLocator(tmp.resolve("given"), null, tmp.resolve("home"), true, quiet);
        assertEquals(tmp.resolve("given").resolve("a.bin"), loc.locate(ds, List.of("a.bin.gz")).get("a.bin.gz"));
        assertEquals(0, requests.get());
    }
}
