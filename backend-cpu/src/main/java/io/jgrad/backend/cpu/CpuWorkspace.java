package io.jgrad.backend.cpu;

/**
 * What one calling thread needs to run ops on a {@link CpuBackend}: the GEMM objects and the
 * parallel loops keep their call state and packing buffers in fields (so dispatch allocates
 * nothing), which makes them unsafe to share. The backend hands every thread its own workspace,
 * so any number of threads may use one backend at once; the worker pool behind them takes one
 * job at a time and a caller that finds it busy runs its parts itself.
 */
final class CpuWorkspace {
    final EjmlGemm ejml;
    final Sgemm sgemm;
    final Dgemm dgemm;
    final ParallelLoops loops;
    final ConvLoops conv;
    final ElementwiseLoops elementwise;
    final NormLoops norm;
    /** The Vector API's float32 loops for ops that run on the caller alone; null without the module. */
    final FloatLanes lanes;

    CpuWorkspace(WorkerPool pool, boolean vector) {
        ejml = new EjmlGemm(pool);
        sgemm = vector ? KernelChoice.vectorSgemm(pool) : ejml;
        dgemm = vector ? KernelChoice.vectorDgemm(pool) : ejml;
        loops = new ParallelLoops(pool);
        lanes = vector ? KernelChoice.vectorLanes() : null;
        conv = new ConvLoops(pool, lanes);
        elementwise = new ElementwiseLoops(pool, lanes);
        norm = new NormLoops(pool, lanes);
    }
}
