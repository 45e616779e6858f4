package io.jgrad.backend.cpu;

import java.util.concurrent.atomic.AtomicBoolean;

import io.jgrad.core.backend.Settings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the float32 GEMM at run time, as Lucene picks its vectorization provider: the Vector API
 * kernel when the JVM was started with {@code --add-modules jdk.incubator.vector} (and
 * {@code -Djgrad.cpu.vector=false} does not turn it off), else EJML, with one log line telling
 * the user how to get the fast path.
 */
final class KernelChoice {
    static final String PROPERTY = "jgrad.cpu.vector";
    static final String MODULE = "jdk.incubator.vector";
    /** The kernels' vector width in bits: 128, 256 or 512 (default: the CPU's preferred width). */
    static final String BITS_PROPERTY = "jgrad.cpu.vectorBits";
    private static final Logger LOG = LoggerFactory.getLogger(KernelChoice.class);
    private static final AtomicBoolean TOLD = new AtomicBoolean();

    private KernelChoice() {
    }

    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /** Whether float32 GEMM can run on the Vector API kernel; logs once why not. */
    static boolean useVectorApi(WorkerPool pool) {
        requestedVectorBits(); // a mistyped width is refused, with or without the Vector API
        if (!Settings.booleanProperty(PROPERTY, true)) {
            tell("jgrad cpu: Vector API kernels disabled by -D{}=false; using EJML", PROPERTY);
            return false;
        }
        if (!vectorModulePresent()) {
            tell("jgrad cpu: the Vector API is not enabled, so matrix products use the slower EJML path;"
                    + " start java with --add-modules {} for the fast kernels", MODULE);
            return false;
        }
        try {
            vectorSgemm(pool); // every kernel links, or none is used
            vectorDgemm(pool);
            vectorLanes();
            return true;
        } catch (IllegalStateException e) {
            LOG.warn("jgrad cpu: Vector API kernels failed to load ({}); using EJML", e.getCause().toString());
            return false;
        }
    }

    /** The width -Djgrad.cpu.vectorBits asks for, or 0 for the CPU's preferred width. */
    static int requestedVectorBits() {
        String v = System.getProperty(BITS_PROPERTY);
        if (v == null || v.isBlank()) {
            return 0;
        }
        switch (v.trim()) {
            case "128":
                return 128;
            case "256":
                return 256;
            case "512":
                return 512;
            default:
                throw new IllegalArgumentException("-D" + BITS_PROPERTY + " must be 128, 256 or 512, got '" + v + "'");
        }
    }

    /** A new float32 Vector API GEMM (one per calling thread). */
    static Sgemm vectorSgemm(WorkerPool pool) {
        return load("VectorSgemm", Sgemm.class, pool);
    }

    /** Its float64 twin, generated from the same source. */
    static Dgemm vectorDgemm(WorkerPool pool) {
        return load("VectorDgemm", Dgemm.class, pool);
    }

    /** The Vector API's elementwise kernels (stateless, one per workspace all the same). */
    static FloatLanes vectorLanes() {
        return load("VectorFloatLanes", FloatLanes.class, null);
    }

    /**
     * Loaded by name, so that a kernel class links only where the incubator module is present; the
     * GEMMs take the worker pool, the stateless kernels ({@code pool} null) nothing.
     */
    private static <T> T load(String kernel, Class<T> type, WorkerPool pool) {
        try {
            Class<?> c = Class.forName("io.jgrad.backend.cpu." + kernel);
            return type.cast(pool == null ? c.getDeclaredConstructor().newInstance()
                    : c.getDeclaredConstructor(WorkerPool.class).newInstance(pool));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("cannot load the Vector API kernel " + kernel, e);
        }
    }

    private static void tell(String format, Object arg) {
        if (TOLD.compareAndSet(false, true)) {
            LOG.info(format, arg);
            if (loggingIsSilent(org.slf4j.LoggerFactory.getILoggerFactory())) {
                // An app without an SLF4J binding would never see why it runs 5x slower: say it once here.
                System.err.println(org.slf4j.helpers.MessageFormatter.format(format, arg).getMessage());
            }
        }
    }

    /** SLF4J without a provider falls back to a no-operation factory: nothing logged is ever shown. */
    static boolean loggingIsSilent(org.slf4j.ILoggerFactory factory) {
        return factory instanceof org.slf4j.helpers.NOPLoggerFactory;
    }
}
