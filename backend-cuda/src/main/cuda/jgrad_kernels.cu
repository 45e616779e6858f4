// jgrad's CUDA kernels: every backend op that is not a GEMM (those go to cuBLAS).
// Each kernel exists as NAME_f32 and NAME_f64. Scalars come in as double whatever the element type.
// Compiled to PTX by backend-cuda/build-ptx.sh; the PTX is committed so that builds need no nvcc.
// Op codes match the Java enums: BinaryOp {ADD, SUB, MUL, DIV}, UnaryOp {NEG, EXP, LOG, SQRT,
// SQUARE, ABS, SIGMOID, TANH, RELU}, ReduceOp {SUM, MEAN, MAX}.

#include <stdint.h>

#define GRID_STRIDE(i, n) for (long i = (long)blockIdx.x * blockDim.x + threadIdx.x; i < (n); i += (long)blockDim.x * gridDim.x)

// ---- counter-based random numbers: the same three lines as io.jgrad.core.backend.CounterRng ----
__device__ __forceinline__ uint64_t mix64(uint64_t seed, uint64_t index) {
    uint64_t z = seed + (index + 1) * 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}
__device__ __forceinline__ double uniform01(uint64_t seed, uint64_t index) {
    return (double)(mix64(seed, index) >> 11) * 0x1.0p-53;
}
__device__ __forceinline__ double normal01(uint64_t seed, uint64_t index) {
    double u1 = 1.0 - uniform01(seed, 2 * index);
    double u2 = uniform01(seed, 2 * index + 1);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * 3.141592653589793 * u2);
}

// ---- block reductions ----
template <typename A>
__device__ A block_sum(A v) {
    __shared__ A buf[32];
    for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffff, v, o);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) buf[warp] = v;
    __syncthreads();
    int warps = (blockDim.x + 31) >> 5;
    v = threadIdx.x < warps ? buf[threadIdx.x] : (A)0;
    if (warp == 0) for (int o = 16; o > 0; o >>= 1) v += __shfl_down_sync(0xffffffff, v, o);
    __shared__ A result;
    if (threadIdx.x == 0) result = v;
    __syncthreads();
    return result;
}
template <typename A>
__device__ A block_max(A v) {
    __shared__ A buf[32];
    for (int o = 16; o > 0; o >>= 1) v = max(v, __shfl_down_sync(0xffffffff, v, o));
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    if (lane == 0) buf[warp] = v;
    __syncthreads();
    int warps = (blockDim.x + 31) >> 5;
    v = threadIdx.x < warps ? buf[threadIdx.x] : -INFINITY;
    if (warp == 0) for (int o = 16; o > 0; o >>= 1) v = max(v, __shfl_down_sync(0xffffffff, v, o));
    __shared__ A result;
    if (threadIdx.x == 0) result = v;
    __syncthreads();
    return result;
}

// ---- elementwise ----
template <typename T> __device__ void fill_t(T* out, long n, double v) { GRID_STRIDE(i, n) out[i] = (T)v; }

template <typename S, typename D> __device__ void convert_t(const S* in, D* out, long n) { GRID_STRIDE(i, n) out[i] = (D)in[i]; }

template <typename T>
__device__ void binary_t(int op, const T* a, const T* b, T* out, long n, int cols, int bcast) {
    GRID_STRIDE(i, n) {
        T y = b[bcast ? i % cols : i];
        T x = a[i];
        out[i] = op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y;
    }
}

template <typename T>
__device__ void unary_t(int op, const T* a, T* out, long n) {
    GRID_STRIDE(i, n) {
        T x = a[i];
        T r;
        switch (op) {
            case 0: r = -x; break;
            case 1: r = exp(x); break;
            case 2: r = log(x); break;
            case 3: r = sqrt(x); break;
            case 4: r = x * x; break;
            case 5: r = fabs(x); break;
            case 6: r = (T)1 / ((T)1 + exp(-x)); break;
            case 7: r = tanh(x); break;
            default: r = x > (T)0 ? x : (T)0; break;
        }
        out[i] = r;
    }
}

template <typename T>
__device__ void unary_backward_t(int op, const T* x, const T* y, const T* dout, T* dx, long n) {
    GRID_STRIDE(i, n) {
        T d = dout[i];
        T r;
        switch (op) {
            case 0: r = -d; break;
            case 1: r = d * y[i]; break;
            case 2: r = d / x[i]; break;
            case 3: r = d * (T)0.5 / y[i]; break;
            case 4: r = d * (T)2 * x[i]; break;
            case 5: r = x[i] > (T)0 ? d : x[i] < (T)0 ? -d : (T)0; break;
            case 6: r = d * y[i] * ((T)1 - y[i]); break;
            case 7: r = d * ((T)1 - y[i] * y[i]); break;
            default: r = x[i] > (T)0 ? d : (T)0; break;
        }
        dx[i] = r;
    }
}

template <typename T>
__device__ void scale_shift_t(const T* a, double scale, double shift, T* out, long n) {
    GRID_STRIDE(i, n) out[i] = a[i] * (T)scale + (T)shift;
}

template <typename T>
__device__ void leaky_relu_t(const T* x, double slope, T* out, long n) {
    GRID_STRIDE(i, n) out[i] = x[i] > (T)0 ? x[i] : x[i] * (T)slope;
}

template <typename T>
__device__ void leaky_relu_backward_t(const T* x, double slope, const T* dout, T* dx, long n) {
    GRID_STRIDE(i, n) dx[i] = x[i] > (T)0 ? dout[i] : dout[i] * (T)slope;
}

// ---- reductions ----
// One thread per column, walking down the rows: neighbouring threads read neighbouring addresses.
template <typename T>
__device__ void reduce_cols_t(int op, const T* a, T* out, int rows, int cols) {
    GRID_STRIDE(j, cols) {
        double acc = op == 2 ? -INFINITY : 0.0;
        for (int r = 0; r < rows; r++) {
            double v = a[(long)r * cols + j];
            acc = op == 2 ? fmax(acc, v) : acc + v;
        }
        out[j] = (T)(op == 1 ? acc / rows : acc);
    }
}

// One block per row (or one block for everything: rows = 1, cols = n).
template <typename T>
__device__ void reduce_rows_t(int op, const T* a, T* out, int rows, long cols) {
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const T* row = a + (long)r * cols;
        double acc = op == 2 ? -INFINITY : 0.0;
        for (long j = threadIdx.x; j < cols; j += blockDim.x) {
            double v = row[j];
            acc = op == 2 ? fmax(acc, v) : acc + v;
        }
        acc = op == 2 ? block_max(acc) : block_sum(acc);
        if (threadIdx.x == 0) out[r] = (T)(op == 1 ? acc / cols : acc);
        __syncthreads();
    }
}

// Partial dot products, one per block, summed on the host side by a second launch of reduce_rows.
template <typename T>
__device__ void dot_t(const T* a, const T* b, double* partial, long n) {
    double acc = 0.0;
    GRID_STRIDE(i, n) acc += (double)a[i] * (double)b[i];
    acc = block_sum(acc);
    if (threadIdx.x == 0) partial[blockIdx.x] = acc;
}

template <typename T>
__device__ void argmax_rows_t(const T* a, int* out, int rows, int cols) {
    GRID_STRIDE(r, rows) {
        const T* row = a + (long)r * cols;
        int best = 0;
        T bv = row[0];
        for (int j = 1; j < cols; j++) if (row[j] > bv) { bv = row[j]; best = j; }
        out[r] = best;
    }
}

// ---- softmax and cross-entropy: one block per row ----
template <typename T>
__device__ double softmax_row(const T* x, T* p, int cols) {
    double m = -INFINITY;
    for (int j = threadIdx.x; j < cols; j += blockDim.x) m = fmax(m, (double)x[j]);
    m = block_max(m);
    double s = 0.0;
    for (int j = threadIdx.x; j < cols; j += blockDim.x) {
        double e = exp((double)x[j] - m);
        p[j] = (T)e;
        s += e;
    }
    s = block_sum(s);
    for (int j = threadIdx.x; j < cols; j += blockDim.x) p[j] = (T)((double)p[j] / s);
    return log(s) + m;  // log-partition of the row
}

template <typename T>
__device__ void softmax_rows_t(const T* a, T* out, int rows, int cols) {
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        softmax_row(a + (long)r * cols, out + (long)r * cols, cols);
        __syncthreads();
    }
}

template <typename T>
__device__ void softmax_backward_t(const T* y, const T* dout, T* dx, int rows, int cols) {
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        const T* yr = y + (long)r * cols;
        const T* dr = dout + (long)r * cols;
        double s = 0.0;
        for (int j = threadIdx.x; j < cols; j += blockDim.x) s += (double)yr[j] * dr[j];
        s = block_sum(s);
        for (int j = threadIdx.x; j < cols; j += blockDim.x) dx[(long)r * cols + j] = (T)(yr[j] * (dr[j] - s));
        __syncthreads();
    }
}

// total[0] += sum over rows of -sum(t * log p); targets one-hot (or soft), same shape as logits.
template <typename T>
__device__ void softmax_xent_t(const T* x, const T* t, T* p, double* total, int rows, int cols) {
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        long o = (long)r * cols;
        double logz = softmax_row(x + o, p + o, cols);
        double l = 0.0;
        for (int j = threadIdx.x; j < cols; j += blockDim.x) if (t[o + j] != (T)0) l -= (double)t[o + j] * ((double)x[o + j] - logz);
        l = block_sum(l);
        if (threadIdx.x == 0) atomicAdd(total, l);
        __syncthreads();
    }
}

// Sparse labels; bad[0] ends as the smallest row whose label is outside [0, cols) (or stays INT_MAX).
template <typename T>
__device__ void sparse_softmax_xent_t(const T* x, const T* labels, T* p, double* total, int* bad, int rows, int cols) {
    for (int r = blockIdx.x; r < rows; r += gridDim.x) {
        long o = (long)r * cols;
        T lv = labels[r];
        int label = (int)lv;
        bool ok = lv >= (T)0 && lv < (T)cols && (T)label == lv;
        double logz = softmax_row(x + o, p + o, cols);
        if (threadIdx.x == 0) {
            if (ok) atomicAdd(total, logz - (double)x[o + label]);
            else atomicMin(bad, r);
        }
        __syncthreads();
    }
}

template <typename T>
__device__ void xent_backward_t(const T* p, const T* t, double scale, T* dx, long n) {
    GRID_STRIDE(i, n) dx[i] = (p[i] - t[i]) * (T)scale;
}

template <typename T>
__device__ void sparse_xent_backward_t(const T* p, const T* labels, double scale, T* dx, int rows, int cols, int* bad) {
    long n = (long)rows * cols;
    GRID_STRIDE(i, n) {
        int r = (int)(i / cols);
        int j = (int)(i % cols);
        T lv = labels[r];
        int label = (int)lv;
        bool ok = lv >= (T)0 && lv < (T)cols && (T)label == lv;
        if (!ok && j == 0) atomicMin(bad, r);
        dx[i] = (p[i] - (ok && j == label ? (T)1 : (T)0)) * (T)scale;
    }
}

// ---- data movement and optimizers ----
template <typename T>
__device__ void gather_rows_t(const T* src, const int* idx, T* out, int rows, int cols) {
    long n = (long)rows * cols;
    GRID_STRIDE(i, n) out[i] = src[(long)idx[i / cols] * cols + i % cols];
}

template <typename T>
__device__ void axpy_t(double alpha, const T* x, T* y, long n) { GRID_STRIDE(i, n) y[i] += (T)alpha * x[i]; }

template <typename T>
__device__ void momentum_t(T* p, const T* g, T* v, double lr, double mu, double wd, long n) {
    GRID_STRIDE(i, n) {
        T gi = g[i] + (T)wd * p[i];
        T vi = (T)mu * v[i] - (T)lr * gi;
        v[i] = vi;
        p[i] += vi;
    }
}

template <typename T>
__device__ void adam_t(T* p, const T* g, T* m, T* v, double lr_t, double b1, double b2, double eps, double wd, long n) {
    GRID_STRIDE(i, n) {
        T gi = g[i] + (T)wd * p[i];
        T mi = (T)b1 * m[i] + (T)(1 - b1) * gi;
        T vi = (T)b2 * v[i] + (T)(1 - b2) * gi * gi;
        m[i] = mi;
        v[i] = vi;
        p[i] -= (T)lr_t * mi / (sqrt(vi) + (T)eps);
    }
}

template <typename T>
__device__ void random_uniform_t(T* out, long n, double lo, double hi, uint64_t seed) {
    GRID_STRIDE(i, n) out[i] = (T)(lo + (hi - lo) * uniform01(seed, i));
}

template <typename T>
__device__ void random_normal_t(T* out, long n, double mean, double std, uint64_t seed) {
    GRID_STRIDE(i, n) out[i] = (T)(mean + std * normal01(seed, i));
}

template <typename T>
__device__ void dropout_mask_t(T* mask, long n, double p, uint64_t seed) {
    T keep = (T)(1.0 / (1.0 - p));
    GRID_STRIDE(i, n) mask[i] = uniform01(seed, i) >= p ? keep : (T)0;
}

// ---- the exported entry points: NAME_f32 and NAME_f64 of each kernel ----
// ---- convolution and pooling over NCHW batches ----
// Geometry as in io.jgrad.core.backend.ConvGeometry: input [n, c, h, w], window kh x kw, strides,
// paddings, dilations; output positions oh x ow. Every thread writes only its own element, so the
// adjoints (col2im, pooling backward) gather over the windows that cover an input element.
#define GEOM int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, int oh, int ow
#define GEOM_ARGS n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow

// The output index along one axis whose window tap k covers input coordinate in, or -1.
__device__ __forceinline__ int covering(int in, int k, int s, int p, int d, int out) {
    int num = in + p - k * d;
    if (num < 0 || num % s != 0) return -1;
    int o = num / s;
    return o < out ? o : -1;
}

// cols [c*kh*kw, n*oh*ow]: row (ch, ki, kj), column (img, oy, ox); consecutive threads read and
// write along ox, so both sides coalesce.
template <typename T>
__device__ void im2col_t(const T* x, T* cols, GEOM) {
    long positions = (long)n * oh * ow;
    long total = (long)c * kh * kw * positions;
    GRID_STRIDE(i, total) {
        long row = i / positions, col = i - row * positions;
        int ch = (int)(row / (kh * kw)), ki = (int)((row / kw) % kh), kj = (int)(row % kw);
        int img = (int)(col / ((long)oh * ow)), pos = (int)(col % ((long)oh * ow));
        int iy = (pos / ow) * sh - ph + ki * dh, ix = (pos % ow) * sw - pw + kj * dw;
        cols[i] = iy >= 0 && iy < h && ix >= 0 && ix < w ? x[(((long)img * c + ch) * h + iy) * w + ix] : (T)0;
    }
}

template <typename T>
__device__ void col2im_t(const T* cols, T* dx, GEOM) {
    long total = (long)n * c * h * w;
    long positions = (long)n * oh * ow;
    GRID_STRIDE(i, total) {
        int ix = (int)(i % w), iy = (int)((i / w) % h), ch = (int)((i / ((long)w * h)) % c);
        int img = (int)(i / ((long)w * h * c));
        T sum = 0;
        for (int ki = 0; ki < kh; ki++) {
            int oy = covering(iy, ki, sh, ph, dh, oh);
            if (oy < 0) continue;
            for (int kj = 0; kj < kw; kj++) {
                int ox = covering(ix, kj, sw, pw, dw, ow);
                if (ox < 0) continue;
                sum += cols[(((long)ch * kh + ki) * kw + kj) * positions + ((long)img * oh + oy) * ow + ox];
            }
        }
        dx[i] = sum;
    }
}

// out [inner, outer, block] = a [outer, inner, block] with the outer axes swapped, + bias[outer index]
// where has_bias (bias is then [outer]; otherwise it is not read).
template <typename T>
__device__ void swap_outer_axes_t(const T* a, const T* bias, T* out, int outer, int inner, int block, int has_bias) {
    long total = (long)outer * inner * block;
    GRID_STRIDE(i, total) {
        long s = i % block, ji = i / block;
        long o = ji % outer, j = ji / outer;
        T v = a[(o * inner + j) * block + s];
        out[i] = has_bias ? v + bias[o] : v;
    }
}

template <typename T>
__device__ void max_pool_t(const T* x, T* out, T* argmax, GEOM) {
    long total = (long)n * c * oh * ow;
    GRID_STRIDE(i, total) {
        int ox = (int)(i % ow), oy = (int)((i / ow) % oh);
        long plane = i / ((long)ow * oh);
        const T* xp = x + plane * h * w;
        T best = (T)0;
        int at = -1;
        for (int ki = 0; ki < kh; ki++) {
            int iy = oy * sh - ph + ki * dh;
            if (iy < 0 || iy >= h) continue;
            for (int kj = 0; kj < kw; kj++) {
                int ix = ox * sw - pw + kj * dw;
                if (ix < 0 || ix >= w) continue;
                T v = xp[iy * w + ix];
                if (at < 0 || v > best || (v != v && best == best)) { best = v; at = iy * w + ix; }
            }
        }
        out[i] = at < 0 ? (T)(-INFINITY) : best;
        argmax[i] = (T)at;
    }
}

template <typename T>
__device__ void max_pool_backward_t(const T* dout, const T* argmax, T* dx, GEOM) {
    long total = (long)n * c * h * w;
    GRID_STRIDE(i, total) {
        int ix = (int)(i % w), iy = (int)((i / w) % h);
        long plane = i / ((long)w * h);
        int self = iy * w + ix;
        T sum = 0;
        for (int ki = 0; ki < kh; ki++) {
            int oy = covering(iy, ki, sh, ph, dh, oh);
            if (oy < 0) continue;
            for (int kj = 0; kj < kw; kj++) {
                int ox = covering(ix, kj, sw, pw, dw, ow);
                if (ox < 0) continue;
                long o = (plane * oh + oy) * ow + ox;
                if ((int)argmax[o] == self) sum += dout[o];
            }
        }
        dx[i] = sum;
    }
}

template <typename T>
__device__ void avg_pool_t(const T* x, T* out, GEOM) {
    long total = (long)n * c * oh * ow;
    double scale = 1.0 / ((double)kh * kw);
    GRID_STRIDE(i, total) {
        int ox = (int)(i % ow), oy = (int)((i / ow) % oh);
        long plane = i / ((long)ow * oh);
        const T* xp = x + plane * h * w;
        double sum = 0;
        for (int ki = 0; ki < kh; ki++) {
            int iy = oy * sh - ph + ki * dh;
            if (iy < 0 || iy >= h) continue;
            for (int kj = 0; kj < kw; kj++) {
                int ix = ox * sw - pw + kj * dw;
                if (ix >= 0 && ix < w) sum += xp[iy * w + ix];
            }
        }
        out[i] = (T)(sum * scale);
    }
}

template <typename T>
__device__ void avg_pool_backward_t(const T* dout, T* dx, GEOM) {
    long total = (long)n * c * h * w;
    T scale = (T)(1.0 / ((double)kh * kw));
    GRID_STRIDE(i, total) {
        int ix = (int)(i % w), iy = (int)((i / w) % h);
        long plane = i / ((long)w * h);
        T sum = 0;
        for (int ki = 0; ki < kh; ki++) {
            int oy = covering(iy, ki, sh, ph, dh, oh);
            if (oy < 0) continue;
            for (int kj = 0; kj < kw; kj++) {
                int ox = covering(ix, kj, sw, pw, dw, ow);
                if (ox >= 0) sum += dout[(plane * oh + oy) * ow + ox] * scale;
            }
        }
        dx[i] = sum;
    }
}

// ---- batch normalisation over x [n, c, s] (s = 1 for dense features): one block per channel ----
template <typename T>
__device__ void batch_norm_t(const T* x, const T* gamma, const T* beta, T* mean, T* var, T* y, int n, int c, int s,
                             double eps) {
    long count = (long)n * s;
    for (int ch = blockIdx.x; ch < c; ch += gridDim.x) {
        double sum = 0;
        for (long i = threadIdx.x; i < count; i += blockDim.x) sum += x[((i / s) * c + ch) * s + i % s];
        double m = block_sum(sum) / count;
        double sq = 0;
        for (long i = threadIdx.x; i < count; i += blockDim.x) {
            double d = x[((i / s) * c + ch) * s + i % s] - m;
            sq += d * d;
        }
        double v = block_sum(sq) / count;
        double scale = (double)gamma[ch] / sqrt(v + eps);
        T a = (T)scale, b = (T)((double)beta[ch] - m * scale);
        for (long i = threadIdx.x; i < count; i += blockDim.x) {
            long at = ((i / s) * c + ch) * s + i % s;
            y[at] = x[at] * a + b;
        }
        if (threadIdx.x == 0) { mean[ch] = (T)m; var[ch] = (T)v; }
    }
}

template <typename T>
__device__ void batch_norm_inference_t(const T* x, const T* gamma, const T* beta, const T* mean, const T* var, T* y,
                                       int n, int c, int s, double eps) {
    long total = (long)n * c * s;
    GRID_STRIDE(i, total) {
        int ch = (int)((i / s) % c);
        double scale = (double)gamma[ch] / sqrt((double)var[ch] + eps);
        T a = (T)scale, b = (T)((double)beta[ch] - (double)mean[ch] * scale);
        y[i] = x[i] * a + b;
    }
}

template <typename T>
__device__ void batch_norm_backward_t(const T* x, const T* gamma, const T* mean, const T* var, const T* dy, T* dx,
                                      T* dgamma, T* dbeta, int n, int c, int s, double eps) {
    long count = (long)n * s;
    for (int ch = blockIdx.x; ch < c; ch += gridDim.x) {
        double inv = 1.0 / sqrt((double)var[ch] + eps), m = mean[ch];
        double sdy = 0, sdx = 0;
        for (long i = threadIdx.x; i < count; i += blockDim.x) {
            long at = ((i / s) * c + ch) * s + i % s;
            double g = dy[at];
            sdy += g;
            sdx += g * (x[at] - m) * inv;
        }
        sdy = block_sum(sdy);
        sdx = block_sum(sdx);
        double k1 = (double)gamma[ch] * inv / count;
        for (long i = threadIdx.x; i < count; i += blockDim.x) {
            long at = ((i / s) * c + ch) * s + i % s;
            double xhat = (x[at] - m) * inv;
            dx[at] = (T)(k1 * (count * (double)dy[at] - sdy - xhat * sdx));
        }
        if (threadIdx.x == 0) { dbeta[ch] = (T)sdy; dgamma[ch] = (T)sdx; }
    }
}

#define DEFINE(NAME, SIG, ARGS) \
    extern "C" __global__ void NAME##_f32 SIG(float) { NAME##_t<float> ARGS; } \
    extern "C" __global__ void NAME##_f64 SIG(double) { NAME##_t<double> ARGS; }

#define SIG_FILL(T) (T* out, long n, double v)
DEFINE(fill, SIG_FILL, (out, n, v))
#define SIG_BINARY(T) (int op, const T* a, const T* b, T* out, long n, int cols, int bcast)
DEFINE(binary, SIG_BINARY, (op, a, b, out, n, cols, bcast))
#define SIG_UNARY(T) (int op, const T* a, T* out, long n)
DEFINE(unary, SIG_UNARY, (op, a, out, n))
#define SIG_UNARY_BACKWARD(T) (int op, const T* x, const T* y, const T* dout, T* dx, long n)
DEFINE(unary_backward, SIG_UNARY_BACKWARD, (op, x, y, dout, dx, n))
#define SIG_SCALE_SHIFT(T) (const T* a, double scale, double shift, T* out, long n)
DEFINE(scale_shift, SIG_SCALE_SHIFT, (a, scale, shift, out, n))
#define SIG_LEAKY(T) (const T* x, double slope, T* out, long n)
DEFINE(leaky_relu, SIG_LEAKY, (x, slope, out, n))
#define SIG_LEAKY_BACKWARD(T) (const T* x, double slope, const T* dout, T* dx, long n)
DEFINE(leaky_relu_backward, SIG_LEAKY_BACKWARD, (x, slope, dout, dx, n))
#define SIG_REDUCE_COLS(T) (int op, const T* a, T* out, int rows, int cols)
DEFINE(reduce_cols, SIG_REDUCE_COLS, (op, a, out, rows, cols))
#define SIG_REDUCE_ROWS(T) (int op, const T* a, T* out, int rows, long cols)
DEFINE(reduce_rows, SIG_REDUCE_ROWS, (op, a, out, rows, cols))
#define SIG_DOT(T) (const T* a, const T* b, double* partial, long n)
DEFINE(dot, SIG_DOT, (a, b, partial, n))
#define SIG_ARGMAX(T) (const T* a, int* out, int rows, int cols)
DEFINE(argmax_rows, SIG_ARGMAX, (a, out, rows, cols))
#define SIG_SOFTMAX(T) (const T* a, T* out, int rows, int cols)
DEFINE(softmax_rows, SIG_SOFTMAX, (a, out, rows, cols))
#define SIG_SOFTMAX_BACKWARD(T) (const T* y, const T* dout, T* dx, int rows, int cols)
DEFINE(softmax_backward, SIG_SOFTMAX_BACKWARD, (y, dout, dx, rows, cols))
#define SIG_XENT(T) (const T* x, const T* t, T* p, double* total, int rows, int cols)
DEFINE(softmax_xent, SIG_XENT, (x, t, p, total, rows, cols))
#define SIG_SPARSE_XENT(T) (const T* x, const T* labels, T* p, double* total, int* bad, int rows, int cols)
DEFINE(sparse_softmax_xent, SIG_SPARSE_XENT, (x, labels, p, total, bad, rows, cols))
#define SIG_XENT_BACKWARD(T) (const T* p, const T* t, double scale, T* dx, long n)
DEFINE(xent_backward, SIG_XENT_BACKWARD, (p, t, scale, dx, n))
#define SIG_SPARSE_XENT_BACKWARD(T) (const T* p, const T* labels, double scale, T* dx, int rows, int cols, int* bad)
DEFINE(sparse_xent_backward, SIG_SPARSE_XENT_BACKWARD, (p, labels, scale, dx, rows, cols, bad))
#define SIG_GATHER(T) (const T* src, const int* idx, T* out, int rows, int cols)
DEFINE(gather_rows, SIG_GATHER, (src, idx, out, rows, cols))
#define SIG_AXPY(T) (double alpha, const T* x, T* y, long n)
DEFINE(axpy, SIG_AXPY, (alpha, x, y, n))
#define SIG_MOMENTUM(T) (T* p, const T* g, T* v, double lr, double mu, double wd, long n)
DEFINE(momentum, SIG_MOMENTUM, (p, g, v, lr, mu, wd, n))
#define SIG_ADAM(T) (T* p, const T* g, T* m, T* v, double lr_t, double b1, double b2, double eps, double wd, long n)
DEFINE(adam, SIG_ADAM, (p, g, m, v, lr_t, b1, b2, eps, wd, n))
#define SIG_UNIFORM(T) (T* out, long n, double lo, double hi, uint64_t seed)
DEFINE(random_uniform, SIG_UNIFORM, (out, n, lo, hi, seed))
#define SIG_NORMAL(T) (T* out, long n, double mean, double std, uint64_t seed)
DEFINE(random_normal, SIG_NORMAL, (out, n, mean, std, seed))
#define SIG_DROPOUT(T) (T* mask, long n, double p, uint64_t seed)
DEFINE(dropout_mask, SIG_DROPOUT, (mask, n, p, seed))
#define SIG_IM2COL(T) (const T* x, T* cols, GEOM)
DEFINE(im2col, SIG_IM2COL, (x, cols, GEOM_ARGS))
#define SIG_COL2IM(T) (const T* cols, T* dx, GEOM)
DEFINE(col2im, SIG_COL2IM, (cols, dx, GEOM_ARGS))
#define SIG_SWAP_OUTER_AXES(T) (const T* a, const T* bias, T* out, int outer, int inner, int block, int has_bias)
DEFINE(swap_outer_axes, SIG_SWAP_OUTER_AXES, (a, bias, out, outer, inner, block, has_bias))
#define SIG_MAX_POOL(T) (const T* x, T* out, T* argmax, GEOM)
DEFINE(max_pool, SIG_MAX_POOL, (x, out, argmax, GEOM_ARGS))
#define SIG_MAX_POOL_BACKWARD(T) (const T* dout, const T* argmax, T* dx, GEOM)
DEFINE(max_pool_backward, SIG_MAX_POOL_BACKWARD, (dout, argmax, dx, GEOM_ARGS))
#define SIG_AVG_POOL(T) (const T* x, T* out, GEOM)
DEFINE(avg_pool, SIG_AVG_POOL, (x, out, GEOM_ARGS))
#define SIG_AVG_POOL_BACKWARD(T) (const T* dout, T* dx, GEOM)
DEFINE(avg_pool_backward, SIG_AVG_POOL_BACKWARD, (dout, dx, GEOM_ARGS))
#define SIG_BATCH_NORM(T) (const T* x, const T* gamma, const T* beta, T* mean, T* var, T* y, int n, int c, int s, double eps)
DEFINE(batch_norm, SIG_BATCH_NORM, (x, gamma, beta, mean, var, y, n, c, s, eps))
#define SIG_BATCH_NORM_INFERENCE(T) (const T* x, const T* gamma, const T* beta, const T* mean, const T* var, T* y, int n, int c, int s, double eps)
DEFINE(batch_norm_inference, SIG_BATCH_NORM_INFERENCE, (x, gamma, beta, mean, var, y, n, c, s, eps))
#define SIG_BATCH_NORM_BACKWARD(T) (const T* x, const T* gamma, const T* mean, const T* var, const T* dy, T* dx, T* dgamma, T* dbeta, int n, int c, int s, double eps)
DEFINE(batch_norm_backward, SIG_BATCH_NORM_BACKWARD, (x, gamma, mean, var, dy, dx, dgamma, dbeta, n, c, s, eps))

extern "C" __global__ void convert_f32_to_f64(const float* in, double* out, long n) { convert_t<float, double>(in, out, n); }
extern "C" __global__ void convert_f64_to_f32(const double* in, float* out, long n) { convert_t<double, float>(in, out, n); }
