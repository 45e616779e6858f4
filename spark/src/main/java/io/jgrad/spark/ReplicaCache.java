package io.jgrad.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The replicas living in this JVM (an executor, or the driver in local mode), by run and
 * partition. Only a cache: losing it (a new executor, {@link #clear()}) costs a rebuild, never a
 * different result.
 */
public final class ReplicaCache {
    private static final Map<String, Replica> REPLICAS = new ConcurrentHashMap<>();

    private ReplicaCache() {
    }

    static Replica get(String runId, int partition, Supplier<Replica> create) {
        return REPLICAS.computeIfAbsent(runId + "/" + partition, key -> create.get());
    }

    /** Frees the replicas of one run in this JVM. */
    static void release(String runId) {
        REPLICAS.entrySet().removeIf(e -> {
            if (e.getKey().startsWith(runId + "/")) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    /** Frees every replica in this JVM (the next round rebuilds those it needs). */
    public static void clear() {
        REPLICAS.entrySet().removeIf(e -> {
            e.getValue().close();
            return true;
        });
    }

    /** How many replicas this JVM holds. */
    public static int size() {
        return REPLICAS.size();
    }
}
