package io.jgrad.backend.cuda;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

/**
 * A caching allocator: blocks are rounded to size classes and kept on free lists when their tensor
 * closes, so steady-state training calls cudaMalloc never. A failed allocation first gives the cache
 * back to the driver and tries again; {@link #close()} frees everything.
 */
final class DeviceAllocator implements AutoCloseable {
    private final Map<Long, ArrayDeque<CUdeviceptr>> free = new HashMap<>();
    private long inUse;
    private long cached;

    /** Size class: powers of two up to 4 MiB, then multiples of 2 MiB. */
    static long sizeClass(long bytes) {
        long b = Math.max(bytes, 256);
        if (b <= (4L << 20)) {
            return Long.highestOneBit(b - 1) << 1;
        }
        long chunk = 2L << 20;
        return (b + chunk - 1) / chunk * chunk;
    }

    synchronized CUdeviceptr allocate(long bytes) {
        long size = sizeClass(bytes);
        ArrayDeque<CUdeviceptr> list = free.get(size);
        if (list != null && !list.isEmpty()) {
            cached -= size;
            inUse += size;
            return list.pop();
        }
        CUdeviceptr p = new CUdeviceptr();
        int r = JCudaDriver.cuMemAlloc(p, size);
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY && cached > 0) {
            trim();
            r = JCudaDriver.cuMemAlloc(p, size);
        }
        if (r == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
            throw new CudaException("cuMemAlloc(" + size + " bytes) failed: out of GPU memory (" + inUse
                    + " bytes held by live tensors; close tensors or use a TensorScope)");
        }
        Check.cu(r, "cuMemAlloc(" + size + " bytes)");
        inUse += size;
        return p;
    }

    synchronized void release(CUdeviceptr p, long bytes) {
        long size = sizeClass(bytes);
        free.computeIfAbsent(size, k -> new ArrayDeque<>()).push(p);
        inUse -= size;
        cached += size;
    }

    /** Returns every cached block to the driver. */
    synchronized void trim() {
        for (ArrayDeque<CUdeviceptr> list : free.values()) {
            for (CUdeviceptr p : list) {
                JCudaDriver.cuMemFree(p);
            }
            list.clear();
        }
        cached = 0;
    }

    synchronized long bytesInUse() {
        return inUse;
    }

    synchronized long bytesCached() {
        return cached;
    }

    @Override
    public void close() {
        trim();
    }
}
