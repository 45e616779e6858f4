package io.jgrad.backend.cuda;

import io.jgrad.core.tensor.Storage;
import jcuda.driver.CUdeviceptr;

/** Device memory of one tensor; closing gives it back to the caching allocator. */
final class CudaStorage implements Storage {
    final CUdeviceptr ptr;
    final long bytes;
    private final DeviceAllocator allocator;

    CudaStorage(DeviceAllocator allocator, long bytes) {
        this.allocator = allocator;
        this.bytes = bytes;
        this.ptr = allocator.allocate(bytes);
    }

    @Override
    public void free() {
        allocator.release(ptr, bytes);
    }
}
