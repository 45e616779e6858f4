package io.jgrad.backend.cuda;

import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUfunction;
import jcuda.driver.JCudaDriver;

/**
 * A reusable, typed launch of one kernel function: arguments are set in declaration order with the
 * setter of their declared type ({@link #ptr}, {@link #i32}, {@link #i64}, {@link #f64}), each
 * checked as it is set, and {@link #run} checks that all were given. The argument holders and the
 * parameter array are made once, so a launch allocates nothing on the Java heap. Not thread-safe:
 * the CUDA backend launches under its lock.
 */
final class KernelLaunch {
    private final Kernel kernel;
    private final String function;
    private final CUfunction handle;
    private final NativePointerObject[][] pointers;
    private final int[][] ints;
    private final long[][] longs;
    private final double[][] doubles;
    private final Pointer params;
    private int next;

    KernelLaunch(Kernel kernel, String function, CUfunction handle) {
        this.kernel = kernel;
        this.function = function;
        this.handle = handle;
        int n = kernel.params.size();
        pointers = new NativePointerObject[n][];
        ints = new int[n][];
        longs = new long[n][];
        doubles = new double[n][];
        Pointer[] slots = new Pointer[n];
        for (int i = 0; i < n; i++) {
            switch (kernel.params.get(i).type()) {
                case PTR -> slots[i] = Pointer.to(pointers[i] = new NativePointerObject[1]);
                case I32 -> slots[i] = Pointer.to(ints[i] = new int[1]);
                case I64 -> slots[i] = Pointer.to(longs[i] = new long[1]);
                default -> slots[i] = Pointer.to(doubles[i] = new double[1]);
            }
        }
        params = Pointer.to(slots);
    }

    KernelLaunch ptr(Pointer devicePointer) {
        pointers[slot(Kernel.Type.PTR)][0] = devicePointer;
        next++;
        return this;
    }

    KernelLaunch i32(int value) {
        ints[slot(Kernel.Type.I32)][0] = value;
        next++;
        return this;
    }

    KernelLaunch i64(long value) {
        longs[slot(Kernel.Type.I64)][0] = value;
        next++;
        return this;
    }

    KernelLaunch f64(double value) {
        doubles[slot(Kernel.Type.F64)][0] = value;
        next++;
        return this;
    }

    /** The 14 geometry ints of the convolution and pooling kernels, in GEOM order. */
    KernelLaunch geometry(io.jgrad.core.backend.ConvGeometry g) {
        return i32(g.batch()).i32(g.channels()).i32(g.height()).i32(g.width()).i32(g.kernelH()).i32(g.kernelW())
                .i32(g.strideH()).i32(g.strideW()).i32(g.padH()).i32(g.padW()).i32(g.dilationH()).i32(g.dilationW())
                .i32(g.outH()).i32(g.outW());
    }

    /** The index of the next argument, which must be declared as {@code type}. */
    private int slot(Kernel.Type type) {
        if (next >= kernel.params.size()) {
            next = 0;
            throw new IllegalArgumentException("kernel " + function + " takes " + kernel.params.size()
                    + " arguments, got a " + type + " beyond them");
        }
        Kernel.Param p = kernel.params.get(next);
        if (p.type() != type) {
            int at = next;
            next = 0;
            throw new IllegalArgumentException("kernel " + function + " argument " + at + " (" + p.name() + ") is "
                    + p.type() + ", got " + type);
        }
        return next;
    }

    /** Launches a 1-D grid once every argument is set. */
    void run(int blocks, int threads) {
        if (next != kernel.params.size()) {
            Kernel.Param missing = kernel.params.get(next);
            next = 0;
            throw new IllegalArgumentException("kernel " + function + " launched with " + missing.name()
                    + " (argument " + kernel.params.indexOf(missing) + ") and later ones missing");
        }
        next = 0;
        Check.cu(JCudaDriver.cuLaunchKernel(handle, blocks, 1, 1, threads, 1, 1, 0, null, params, null),
                "cuLaunchKernel(" + function + ")");
    }
}
