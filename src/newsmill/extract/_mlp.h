/* The text models' one-hidden-layer MLP, logit = b2 + relu(x @ W1 + b1) @ w2, for _textfast.c
 * (textmodel.Dense.logit; included once, after _buffers.h).
 *
 * Why: the line model (162 -> 32 -> 1, ~260 rows a page) and the headline scorer (68 -> 80 -> 1,
 * ~60 candidates) cost 42 + 16 µs a page through numpy, of which only ~30 µs is the first product:
 * the rest is the 64-row chunking (textmodel._CHUNK), the bias/ReLU/second-layer calls and, for the
 * short headline matrix, OpenBLAS's per-call set-up. Here it is one pass with the whole hidden layer
 * of three rows in AVX registers (W1 stays in L1: 21 KB).
 *
 * Only with AVX2 and FMA (checked at run time, the function is compiled for them alone); elsewhere
 * mlp_logit returns False and numpy does the work. Sums run in a different order from OpenBLAS's, so
 * logits differ from numpy's in the last bits (|diff| < 1e-5 on the benchmark pages; which OpenBLAS
 * kernel runs already depends on the CPU). */
#ifndef NEWSMILL_MLP_H
#define NEWSMILL_MLP_H

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define MLP_AVX2 1
#else
#define MLP_AVX2 0
#endif

#define MLP_MAX_HIDDEN 128 /* 16 vectors of 8 */
#define MLP_ROWS 3         /* rows per block: 3 x 4 accumulators; 2 rows: 32.8 us, 4 rows (spills): 41.9 us a 258-row page, 3: 25.5 */

#if MLP_AVX2
#define MLP_TARGET __attribute__((always_inline, target("avx2,fma"))) static inline

/* Hidden units [g, g + 8 NV) of rows [0, R) of x (d columns) into hid: bias plus the products, with
 * R x NV accumulators in registers (R and NV are constants after inlining; GCC unrolls on the pragma). */
MLP_TARGET void mlp_group(const int R, const int NV, const float *x, Py_ssize_t d, const float *w1, Py_ssize_t h,
                          const float *b1, Py_ssize_t g, float hid[][MLP_MAX_HIDDEN]) {
    __m256 acc[MLP_ROWS][4];
#pragma GCC unroll 4
    for (int r = 0; r < R; r++)
#pragma GCC unroll 4
        for (int v = 0; v < NV; v++) acc[r][v] = _mm256_loadu_ps(b1 + g + 8 * v);
    const float *wk = w1 + g;
    for (Py_ssize_t k = 0; k < d; k++, wk += h) {
        __m256 wv[4];
#pragma GCC unroll 4
        for (int v = 0; v < NV; v++) wv[v] = _mm256_loadu_ps(wk + 8 * v);
#pragma GCC unroll 4
        for (int r = 0; r < R; r++) {
            const __m256 xv = _mm256_broadcast_ss(x + r * d + k);
#pragma GCC unroll 4
            for (int v = 0; v < NV; v++) acc[r][v] = _mm256_fmadd_ps(xv, wv[v], acc[r][v]);
        }
    }
#pragma GCC unroll 4
    for (int r = 0; r < R; r++)
#pragma GCC unroll 4
        for (int v = 0; v < NV; v++) _mm256_store_ps(hid[r] + g + 8 * v, acc[r][v]);
}

/* Logits of rows [0, R) of x: the hidden layer 32 units at a time, then ReLU and the dot with w2. */
MLP_TARGET void mlp_rows(const int R, const float *x, Py_ssize_t d, const float *w1, Py_ssize_t h, const float *b1,
                         const float *w2, float b2, float *out) {
    float hid[MLP_ROWS][MLP_MAX_HIDDEN] __attribute__((aligned(32)));
    Py_ssize_t g = 0;
    for (; g + 32 <= h; g += 32) mlp_group(R, 4, x, d, w1, h, b1, g, hid);
    switch ((h - g) / 8) {
    case 3: mlp_group(R, 3, x, d, w1, h, b1, g, hid); break;
    case 2: mlp_group(R, 2, x, d, w1, h, b1, g, hid); break;
    case 1: mlp_group(R, 1, x, d, w1, h, b1, g, hid); break;
    default: break;
    }
    const __m256 zero = _mm256_setzero_ps();
    for (int r = 0; r < R; r++) {
        __m256 s = zero;
        for (Py_ssize_t j = 0; j < h; j += 8)
            s = _mm256_fmadd_ps(_mm256_max_ps(_mm256_load_ps(hid[r] + j), zero), _mm256_loadu_ps(w2 + j), s);
        __m128 q = _mm_add_ps(_mm256_castps256_ps128(s), _mm256_extractf128_ps(s, 1));
        q = _mm_add_ps(q, _mm_movehl_ps(q, q));
        q = _mm_add_ss(q, _mm_movehdup_ps(q));
        out[r] = b2 + _mm_cvtss_f32(q);
    }
}

static __attribute__((target("avx2,fma"))) void mlp_avx2(const float *x, Py_ssize_t n, Py_ssize_t d,
                                                         const float *w1, Py_ssize_t h, const float *b1,
                                                         const float *w2, float b2, float *out) {
    Py_ssize_t i = 0;
    for (; i + MLP_ROWS <= n; i += MLP_ROWS) mlp_rows(MLP_ROWS, x + i * d, d, w1, h, b1, w2, b2, out + i);
    for (; i < n; i++) mlp_rows(1, x + i * d, d, w1, h, b1, w2, b2, out + i);
}
#endif

/* mlp_logit(x, n, d, w1, h, b1, w2, b2, out) -> bool: out[i] = b2 + relu(x[i] @ w1 + b1) @ w2 for the
 * n rows of x (float32, C-contiguous: x n*d, w1 d*h, b1 h, w2 h, out n). False, with out untouched,
 * when this CPU lacks AVX2/FMA or h is not a multiple of 8 up to MLP_MAX_HIDDEN. */
static PyObject *mlp_logit(PyObject *self, PyObject *args) {
    PyObject *o[5];
    Py_ssize_t n, d, h;
    double b2;
    if (!PyArg_ParseTuple(args, "OnnOnOOdO", &o[0], &n, &d, &o[1], &h, &o[2], &o[3], &b2, &o[4])) return NULL;
#if MLP_AVX2
    static int cpu = -1;
    if (cpu < 0) {
        __builtin_cpu_init();
        cpu = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
    if (!cpu || h <= 0 || h % 8 || h > MLP_MAX_HIDDEN || n < 0 || d <= 0) Py_RETURN_FALSE;
    Buf bufs[5];
    memset(bufs, 0, sizeof bufs);
    const Py_ssize_t len[5] = {n * d, d * h, h, h, n};
    for (int k = 0; k < 5; k++)
        if (get_buf_exact(o[k], &bufs[k], 4, len[k], k == 4, "mlp_logit") < 0) {
            release(bufs, 5);
            return NULL;
        }
    mlp_avx2(bufs[0].b.buf, n, d, bufs[1].b.buf, h, bufs[2].b.buf, bufs[3].b.buf, (float)b2, bufs[4].b.buf);
    release(bufs, 5);
    Py_RETURN_TRUE;
#else
    (void)o;
    Py_RETURN_FALSE;
#endif
}

#endif
