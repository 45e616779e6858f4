package io.jgrad.backend.cuda;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import io.jgrad.core.backend.Availability;
import io.jgrad.core.backend.Settings;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasStatus;

/**
 * The process's CUDA state, created once by a probe that checks, in order and without risking the
 * JVM: the platform, the driver library, cuBLAS (with the CUDA 13 forwarding shim if only
 * libcublas.so.13 is there), cuInit, a device, a context, jgrad's PTX module and a cuBLAS handle. If
 * any step fails the backend is unavailable with that step's reason; if all pass, the very same
 * context, module and handle serve the backend, so "available" means it runs.
 */
final class CudaRuntime {
    /** Which CUDA device the backend uses (default 0). */
    static final String DEVICE_PROPERTY = "jgrad.cuda.device";
    private static Availability availability;
    private static CudaRuntime instance;

    final CUcontext context;
    final CUdevice device;
    final Kernels kernels;
    final cublasHandle cublas;
    final String deviceName;
    final int computeMajor;
    final int computeMinor;
    final int driverVersion;

    private CudaRuntime(CUcontext context, CUdevice device, Kernels kernels, cublasHandle cublas, String name,
                        int major, int minor, int driverVersion) {
        this.context = context;
        this.device = device;
        this.kernels = kernels;
        this.cublas = cublas;
        this.deviceName = name;
        this.computeMajor = major;
        this.computeMinor = minor;
        this.driverVersion = driverVersion;
    }

    /** The driver's control node on Linux (also in GPU containers), and WSL's GPU device. */
    private static final java.util.List<String> NVIDIA_DEVICE_NODES = java.util.List.of("/dev/nvidiactl", "/dev/dxg");

    static synchronized Availability probe() {
        if (availability == null) {
            try {
                availability = initialize();
            } catch (Throwable t) { // UnsatisfiedLinkError and friends: unavailable, never fatal
                availability = Availability.unavailable("CUDA initialization failed: " + t);
            }
        }
        return availability;
    }

    static synchronized CudaRuntime get() {
        Availability a = probe();
        if (!a.available()) {
            throw new CudaException("the CUDA backend is unavailable: " + a.detail());
        }
        return instance;
    }

    private static Availability initialize() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return Availability.unavailable("jgrad bundles JCuda natives for linux-x86_64 only (this is " + os + "/"
                    + arch + ")");
        }
        // No driver device node, no GPU: said without spawning ldconfig (70 ms of every CPU-only start).
        if (NVIDIA_DEVICE_NODES.stream().noneMatch(p -> java.nio.file.Files.exists(Path.of(p)))) {
            return Availability.unavailable("no NVIDIA GPU driver on this machine (none of " + NVIDIA_DEVICE_NODES
                    + " exists)");
        }
        if (NativeLibraries.find("libcuda.so.1").isEmpty()) {
            return Availability.unavailable("no CUDA driver found (libcuda.so.1 is not in " + NativeLibraries.searchPath()
                    + " nor in the ldconfig cache)");
        }
        Optional<Path> cublas12 = NativeLibraries.find("libcublas.so.12");
        if (cublas12.isEmpty()) {
            Optional<Path> cublas13 = NativeLibraries.find("libcublas.so.13");
            if (cublas13.isEmpty()) {
                return Availability.unavailable("cuBLAS not found: JCuda 12.6 needs libcublas.so.12 (CUDA 12 toolkit or"
                        + " the nvidia-cublas-cu12 libraries) on LD_LIBRARY_PATH");
            }
            String shim = CublasShim.load(cublas13.get());
            if (shim != null) {
                return Availability.unavailable("only libcublas.so.13 found (" + cublas13.get() + ") and the"
                        + " forwarding library libcublas.so.12 could not be built: " + shim);
            }
        }
        JCudaDriver.setExceptionsEnabled(false);
        int r = JCudaDriver.cuInit(0);
        if (r != CUresult.CUDA_SUCCESS) {
            return Availability.unavailable("cuInit failed: " + CUresult.stringFor(r));
        }
        int[] count = new int[1];
        r = JCudaDriver.cuDeviceGetCount(count);
        if (r != CUresult.CUDA_SUCCESS || count[0] == 0) {
            return Availability.unavailable("no CUDA device (" + (r == 0 ? "0 devices" : CUresult.stringFor(r)) + ")");
        }
        int ordinal;
        try {
            ordinal = Settings.intProperty(DEVICE_PROPERTY, 0, 0);
        } catch (IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage());
        }
        if (ordinal >= count[0]) {
            return Availability.unavailable("-Djgrad.cuda.device=" + ordinal + " but there are " + count[0] + " devices");
        }
        CUdevice device = new CUdevice();
        Check.cu(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet");
        byte[] nameBytes = new byte[256];
        JCudaDriver.cuDeviceGetName(nameBytes, nameBytes.length, device);
        String name = new String(nameBytes, StandardCharsets.US_ASCII).trim().replace("\0", "");
        int[] major = new int[1];
        int[] minor = new int[1];
        JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, device);
        JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, device);
        if (major[0] < 7 || (major[0] == 7 && minor[0] < 5)) {
            return Availability.unavailable(name + " has compute capability " + major[0] + "." + minor[0]
                    + "; jgrad's kernels need 7.5 (Turing) or newer");
        }
        int[] driver = new int[1];
        JCudaDriver.cuDriverGetVersion(driver);
        CUcontext ctx = new CUcontext();
        r = JCudaDriver.cuCtxCreate(ctx, 0, device);
        if (r != CUresult.CUDA_SUCCESS) {
            return Availability.unavailable("cuCtxCreate failed on " + name + ": " + CUresult.stringFor(r));
        }
        Kernels kernels;
        try {
            kernels = new Kernels();
        } catch (CudaException e) {
            return Availability.unavailable(e.getMessage() + " (driver " + driverVersion(driver[0]) + ")");
        }
        cublasHandle handle = new cublasHandle();
        int s = JCublas2.cublasCreate(handle);
        if (s != cublasStatus.CUBLAS_STATUS_SUCCESS) {
            return Availability.unavailable("cublasCreate failed: " + cublasStatus.stringFor(s));
        }
        instance = new CudaRuntime(ctx, device, kernels, handle, name, major[0], minor[0], driver[0]);
        return Availability.available(name + " (compute " + major[0] + "." + minor[0] + ", driver "
                + driverVersion(driver[0]) + ")");
    }

    static String driverVersion(int v) {
        return "CUDA " + v / 1000 + "." + (v % 1000) / 10;
    }
}
