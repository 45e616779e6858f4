package io.jgrad.core.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds backends with {@link ServiceLoader} and chooses one. The choice comes from, in order: a
 * backend set in code ({@link #setDefault}), the system property {@code jgrad.backend}, the
 * environment variable {@code JGRAD_BACKEND}, else {@code auto}: the available provider with the
 * highest priority. A backend asked for by name that cannot run raises
 * {@link BackendUnavailableException}; there is never a silent fallback.
 */
public final class Backends {
    public static final String PROPERTY = "jgrad.backend";
    public static final String ENVIRONMENT = "JGRAD_BACKEND";
    public static final String AUTO = "auto";

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    private static volatile Backend current;

    private Backends() {
    }

    /** One discovered provider and what its probe said. */
    public record Status(BackendProvider provider, Availability availability) {
        public String name() {
            return provider.name();
        }
    }

    /** Every provider on the class path, highest priority first, each probed once. */
    public static List<Status> discover() {
        List<BackendProvider> providers = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(providers::add);
        return probe(providers);
    }

    /** Probes the given providers, highest priority first. */
    static List<Status> probe(List<BackendProvider> providers) {
        List<Status> out = new ArrayList<>();
        for (BackendProvider p : providers) {
            out.add(new Status(p, safeProbe(p)));
        }
        out.sort(Comparator.comparingInt((Status s) -> s.provider().priority()).reversed());
        return out;
    }

    /** The name asked for by property, then environment, else "auto". */
    public static String requestedName() {
        String name = System.getProperty(PROPERTY);
        if (name == null || name.isBlank()) {
            name = System.getenv(ENVIRONMENT);
        }
        return name == null || name.isBlank() ? AUTO : name.trim().toLowerCase(Locale.ROOT);
    }

    /** The process-wide default backend, chosen on first use. */
    public static Backend get() {
        Backend b = current;
        if (b == null) {
            synchronized (Backends.class) {
                b = current;
                if (b == null) {
                    b = create(requestedName());
                    current = b;
                }
            }
        }
        return b;
    }

    /** Chooses the default backend in code; wins over the property and the environment. */
    public static synchronized void setDefault(Backend backend) {
        current = backend;
    }

    /** Creates a new backend by name ("cpu", "cuda", "auto"), failing loudly if it cannot run. */
    public static Backend create(String name) {
        return create(name, discover());
    }

    static Backend create(String name, List<Status> all) {
        String wanted = name == null ? AUTO : name.trim().toLowerCase(Locale.ROOT);
        if (all.isEmpty()) {
            throw new BackendUnavailableException("no jgrad backend on the class path: add jgrad-backend-cpu"
                    + " (io.jgrad:jgrad-backend-cpu) to your dependencies");
        }
        Status chosen;
        if (wanted.equals(AUTO)) {
            chosen = all.stream().filter(s -> s.availability().available()).findFirst()
                    .orElseThrow(() -> new BackendUnavailableException("no backend is available: " + summary(all)));
        } else {
            chosen = all.stream().filter(s -> s.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new BackendUnavailableException("unknown backend '" + wanted
                            + "'; known backends: " + all.stream().map(Status::name).collect(Collectors.joining(", "))));
            if (!chosen.availability().available()) {
                throw new BackendUnavailableException("backend '" + wanted + "' is not available: "
                        + chosen.availability().detail() + ". Available backends: " + availableNames(all));
            }
        }
        Backend backend = chosen.provider().create();
        LOG.info("jgrad backend: {} ({}){}", backend.name(), backend.description(),
                wanted.equals(AUTO) ? " [auto]" : "");
        return backend;
    }

    private static Availability safeProbe(BackendProvider p) {
        try {
            return p.availability();
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String availableNames(List<Status> all) {
        String names = all.stream().filter(s -> s.availability().available()).map(Status::name)
                .collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }

    private static String summary(List<Status> all) {
        return all.stream().map(s -> s.name() + " (" + s.availability().detail() + ")")
                .collect(Collectors.joining("; "));
    }
}
