package io.jgrad.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.jgrad.core.backend.Backend;
import io.jgrad.core.backend.Backends;

/**
 * The backend a task runs on: the JVM's default, or the one the run names, created once per JVM
 * and shared by its tasks (backends are thread-safe). A named backend that cannot run fails the
 * task with that backend's own reason; there is no fallback to another backend.
 */
final class ExecutorBackends {
    private static final Map<String, Backend> NAMED = new ConcurrentHashMap<>();

    private ExecutorBackends() {
    }

    static Backend forPlan(TrainingPlan plan) {
        if (plan.backendName() == null) {
            return Backends.get();
        }
        return NAMED.computeIfAbsent(plan.backendName(), Backends::create);
    }
}
