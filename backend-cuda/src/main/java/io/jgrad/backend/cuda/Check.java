package io.jgrad.backend.cuda;

import jcuda.driver.CUresult;
import jcuda.jcublas.cublasStatus;

/** Turns CUDA driver and cuBLAS status codes into exceptions that name the call. */
final class Check {
    private Check() {
    }

    static void cu(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new CudaException(call + " failed: " + CUresult.stringFor(result));
        }
    }

    static void blas(int status, String call) {
        if (status != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            throw new CudaException(call + " failed: " + cublasStatus.stringFor(status));
        }
    }
}
