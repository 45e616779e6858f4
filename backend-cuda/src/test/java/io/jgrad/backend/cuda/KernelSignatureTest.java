package io.jgrad.backend.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jgrad.core.tensor.DType;
import jcuda.driver.CUdeviceptr;
import org.junit.jupiter.api.Test;

/** The declared kernel signatures against the committed PTX, and typed arguments; no GPU needed. */
class KernelSignatureTest {

    @Test
    void everyDeclaredKernelMatchesThePtxEntries() {
        String ptx = Kernels.ptxText();
        KernelTable.verify(ptx);
        int functions = 0;
        for (Kernel k : Kernel.values()) {
            functions += k.functions().size();
        }
        assertEquals(functions, KernelTable.entries(ptx).size(), "every PTX entry has a declared signature");
    }

    @Test
    void aMismatchedParameterTypeIsNamedWhenTheModuleLoads() {
        // adam_f32's lr_t (argument 4) declared .f64; make the PTX say .u64.
        String ptx = Kernels.ptxText().replace("\t.param .f64 adam_f32_param_4", "\t.param .u64 adam_f32_param_4");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelTable.verify(ptx));
        assertTrue(e.getMessage().contains("adam_f32") && e.getMessage().contains("argument 4 (lr_t)"),
                e.getMessage());
    }

    @Test
    void aMissingOrUndeclaredKernelIsNamed() {
        String renamed = Kernels.ptxText().replace(".entry fill_f64(", ".entry fill2_f64(");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> KernelTable.verify(renamed));
        assertTrue(e.getMessage().contains("fill_f64"), e.getMessage());
    }

    @Test
    void aSwappedArgumentIsAJavaErrorBeforeAnyLaunch() {
        KernelLaunch axpy = new KernelLaunch(Kernel.AXPY, Kernel.AXPY.function(DType.FLOAT32), null);
        // axpy(double alpha, T* x, T* y, long n): a pointer where alpha belongs
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> axpy.ptr(new CUdeviceptr()));
        assertTrue(e.getMessage().contains("axpy_f32 argument 0 (alpha) is F64, got PTR"), e.getMessage());
        // an int where the long n belongs
        IllegalArgumentException wide = assertThrows(IllegalArgumentException.class,
                () -> axpy.f64(0.5).ptr(new CUdeviceptr()).ptr(new CUdeviceptr()).i32(7));
        assertTrue(wide.getMessage().contains("argument 3 (n) is I64, got I32"), wide.getMessage());
        // too few arguments: refused at run, before cuLaunchKernel
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> axpy.f64(0.5).ptr(new CUdeviceptr()).run(1, 256));
        assertTrue(few.getMessage().contains("y (argument 2)"), few.getMessage());
    }
}
