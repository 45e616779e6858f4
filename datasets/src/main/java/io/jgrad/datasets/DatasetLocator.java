package io.jgrad.datasets;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds a dataset's files, in order: {@code --data-dir}, {@code $JGRAD_DATA/<name>},
 * {@code ~/.jgrad/datasets/<name>}, then system folders (Debian's Fashion-MNIST package). A file
 * may be stored gzip-compressed or not ({@code x.gz} or {@code x}). Missing files are downloaded
 * from the dataset's mirrors (or the one given by {@code -Djgrad.mirror=URL}), checked and cached
 * in the first writable of {@code $JGRAD_DATA/<name>} or {@code ~/.jgrad/datasets/<name>}.
 */
public final class DatasetLocator {
    /** Overrides every dataset's mirror list with one base URL (an internal mirror, a test server). */
    public static final String MIRROR_PROPERTY = "jgrad.mirror";

    private final Path dataDir;
    private final Path jgradData;
    private final Path home;
    private final boolean download;
    private final PrintStream progress;

    public DatasetLocator(Path dataDir, boolean download, PrintStream progress) {
        this(dataDir, envPath("JGRAD_DATA"), Path.of(System.getProperty("user.home")), download, progress);
    }

    DatasetLocator(Path dataDir, Path jgradData, Path home, boolean download, PrintStream progress) {
        this.dataDir = dataDir;
        this.jgradData = jgradData;
        this.home = home;
        this.download = download;
        this.progress = progress;
    }

    private static Path envPath(String name) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? null : Path.of(v);
    }

    /** The folders searched, in order. */
    public List<Path> searchPath(RemoteDataset ds) {
        List<Path> dirs = new ArrayList<>();
        if (dataDir != null) {
            dirs.add(dataDir);
        }
        if (jgradData != null) {
            dirs.add(jgradData.resolve(ds.name()));
        }
        dirs.add(cacheHome(ds));
        dirs.addAll(ds.systemDirs());
        return dirs;
    }

    private Path cacheHome(RemoteDataset ds) {
        return home.resolve(".jgrad").resolve("datasets").resolve(ds.name());
    }

    private Path cacheDir(RemoteDataset ds) {
        return jgradData != null ? jgradData.resolve(ds.name()) : cacheHome(ds);
    }

    /** Finds {@code file} (or its uncompressed twin) in the search path, or null. */
    public Path find(RemoteDataset ds, String file) {
        for (Path dir : searchPath(ds)) {
            Path p = findIn(dir, file);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** {@code file} or its uncompressed twin in {@code dir}, or null. */
    public static Path findIn(Path dir, String file) {
        String plain = file.endsWith(".gz") ? file.substring(0, file.length() - 3) : file;
        for (String name : List.of(file, plain)) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The first folder of the search path that holds all of {@code files}, or null. */
    public Path folderWith(RemoteDataset ds, String... files) {
        for (Path dir : searchPath(ds)) {
            if (java.util.Arrays.stream(files).allMatch(f -> findIn(dir, f) != null)) {
                return dir;
            }
        }
        return null;
    }

    /** Every requested file, downloading the missing ones; throws {@link DataNotFoundException}. */
    public Map<String, Path> locate(RemoteDataset ds, List<String> files) throws IOException {
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String f : files) {
            Path p = find(ds, f);
            if (p != null) {
                found.put(f, p);
            } else {
                missing.add(f);
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        if (!download) {
            throw notFound(ds, missing, "downloading is turned off");
        }
        List<URI> mirrors = mirrors(ds);
        Downloader downloader = new Downloader(progress);
        Path cache = cacheDir(ds);
        for (String f : missing) {
            List<String> errors = new ArrayList<>();
            Path target = cache.resolve(f);
            for (URI mirror : mirrors) {
                try {
                    downloader.download(mirror.resolve(f), target, ds.md5ByFile().get(f));
                    errors.clear();
                    break;
                } catch (IOException e) {
                    errors.add(mirror.resolve(f) + ": " + describe(e));
                }
            }
            if (!errors.isEmpty()) {
                throw notFound(ds, missing, String.join("; ", errors));
            }
            found.put(f, target);
        }
        return found;
    }

    private static List<URI> mirrors(RemoteDataset ds) {
        String override = System.getProperty(MIRROR_PROPERTY);
        if (override == null || override.isBlank()) {
            return ds.mirrors();
        }
        String base = override.endsWith("/") ? override : override + "/";
        return List.of(URI.create(base));
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
    }

    private DataNotFoundException notFound(RemoteDataset ds, List<String> files, String why) {
        String dirs = searchPath(ds).stream().map(Path::toString).collect(Collectors.joining(", "));
        return new DataNotFoundException("dataset '" + ds.name() + "' not found and could not be downloaded ("
                + why + ").\nMissing: " + String.join(", ", files) + " (gzip-compressed or not)"
                + "\nin one of: " + dirs + "\nPut the files in one of those folders, or pass --data-dir DIR.", null);
    }
}
