package io.jgrad.core.tensor;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Live tensors and bytes of one backend: raised when a tensor gets fresh memory, lowered when that
 * tensor closes. Views share their base's memory and count nothing. Tests use it to prove that
 * closing every owner gives back everything ({@code Backend.liveTensors()} back at its start).
 */
public final class AllocationCounter {
    private final AtomicLong tensors = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();

    void allocated(long size) {
        tensors.incrementAndGet();
        bytes.addAndGet(size);
    }

    void freed(long size) {
        tensors.decrementAndGet();
        bytes.addAndGet(-size);
    }

    public long tensors() {
        return tensors.get();
    }

    public long bytes() {
        return bytes.get();
    }
}
