/* Optional C fast path for text mode (docs/design.md, "Text mode: C fast path").
 *
 * Each function here is a plain loop over a page's characters or lines that the numpy code in
 * textlines.py / textmodel.py / text.py does with many whole-array passes. Results must be
 * bit-identical to the numpy/Python versions (tests/test_textfast.py checks both paths): the same
 * lookup tables come from Python, integer counts are exact, and float arithmetic follows numpy's
 * order and precision (sequential float64 cumulative sums, float32 products where numpy uses them).
 * Built with -ffp-contract=off so no multiply-add is fused. The one exception is the MLP (_mlp.h): its
 * sums run in another order than OpenBLAS's, so its logits match numpy's only to ~1e-6.
 *
 * No numpy headers: arrays come in through the buffer protocol, so the build needs only Python's.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_buffers.h"
#include "_fastslots.h"

/* Must match textlines.py */
#define F_SPACE 1
#define F_SEP 2
#define F_DIGIT 4
#define F_TERM 8
#define C_COMMA 1
#define C_BAR 2
#define C_ASCII_DIGIT 3
#define C_UP 4
#define C_LOW 5
#define C_TIT 6
#define C_BAD 3
#define N_BASE 12
#define N_STOP_CODES 1024

typedef struct {
    const uint8_t *ftab, *cattab;
    const uint64_t *lowtab, *sbits, *ehash; /* vocabulary: slot bitmap, then entries in slot order */
    const int32_t *sprefix;
    const int64_t *elen, *ecode;
    float *cols, *flags;
    double *split; /* NULL, or len(line.split()) per line */
    Py_ssize_t tsize, n_groups;
    int shift;
    int skip_blank; /* raw is the whole page: blank lines are not lines (block_columns) */
} BlockTables;

/* block_columns' scan of the n lines; returns the number of lines found. Always inlined with a constant
 * kind, so each string width gets its own loop without a per-character switch (PyUnicode_READ). */
static inline __attribute__((always_inline)) Py_ssize_t block_scan(const int kind, const void *data,
                                                                   Py_ssize_t len, Py_ssize_t n,
                                                                   const BlockTables *tb) {
    const uint8_t *ftab = tb->ftab, *cattab = tb->cattab;
    const uint64_t *lowtab = tb->lowtab, *sbits = tb->sbits, *ehash = tb->ehash;
    const int32_t *sprefix = tb->sprefix;
    const int64_t *elen = tb->elen, *ecode = tb->ecode;
    float *cols = tb->cols, *flags = tb->flags;
    double *split = tb->split;
    const Py_ssize_t tsize = tb->tsize, n_groups = tb->n_groups;
    const int shift = tb->shift;
    const uint64_t P = 0x9E3779B97F4A7C15ULL;
    Py_ssize_t seen[N_STOP_CODES]; /* line + 1 that last counted this stopword */
    memset(seen, 0, sizeof seen);
    Py_ssize_t pos = 0, line = 0;
    while (line < n && pos <= len) {
        long ncnt[10] = {0};
        Py_ssize_t start = pos, first = -1, last = -1, words = 0, nstop = 0, split_words = 0;
        int prev_cased = 0, prev_space = 1;
        Py_ssize_t wstart = -1;
        uint64_t h = 0, pw = 1;
        float *frow = flags + line * n_groups;
        for (;; pos++) {
            Py_UCS4 ch = pos < len ? PyUnicode_READ(kind, data, pos) : 10;
            Py_ssize_t t = (Py_ssize_t)ch < tsize ? (Py_ssize_t)ch : tsize - 1;
            uint8_t f = ftab[t];
            int is_sep = (f & F_SEP) != 0 || ch == 10;
            if (wstart >= 0 && is_sep) { /* a word ends: look it up */
                /* The slot's bit, then its entry: ~400 words in ~18 KB that stay in cache, where the
                 * 65,536-slot tables (1.5 MB) missed on most words once other steps had run. */
                const uint64_t at = (h >> shift) & 0xFFFF, word = sbits[at >> 6], bit = at & 63;
                const int64_t e = (word >> bit & 1) ? sprefix[at >> 6] + __builtin_popcountll(word & ((1ULL << bit) - 1)) : -1;
                if (e >= 0 && ehash[e] == h && elen[e] == pos - wstart) {
                    int64_t code = ecode[e];
                    int64_t stop = code & 1023, group = code >> 10;
                    if (stop > 0 && seen[stop] != line + 1) {
                        seen[stop] = line + 1;
                        nstop++;
                    }
                    if (group > 0 && group <= n_groups) frow[group - 1] = 1.0f;
                }
                words++;
                wstart = -1;
            }
            if (ch == 10) break;
            if (!is_sep) {
                if (wstart < 0) {
                    wstart = pos;
                    h = 0;
                    pw = 1;
                }
                h += lowtab[t] * pw;
                pw *= P;
            }
            if (!(f & F_SPACE)) {
                if (first < 0) first = pos;
                last = pos;
                split_words += prev_space; /* str.split() splits on str.isspace characters */
                prev_space = 0;
            } else {
                prev_space = 1;
            }
            uint8_t cat = cattab[t];
            int cased = cat >= C_UP;
            int bad = cased && (prev_cased ^ (cat == C_LOW));
            ncnt[cat + (bad ? C_BAD : 0)]++;
            prev_cased = cased;
        }
        if (first < 0 && tb->skip_blank) { /* a blank line of the whole page: page_lines dropped it */
            pos++;
            continue;
        }
        if (first < 0) { /* page_lines drops blank lines; keep going rather than read garbage */
            first = last = start;
        }
        Py_UCS4 cf = PyUnicode_READ(kind, data, first), cl = PyUnicode_READ(kind, data, last);
        uint8_t ff = ftab[(Py_ssize_t)cf < tsize ? (Py_ssize_t)cf : tsize - 1];
        uint8_t fl = ftab[(Py_ssize_t)cl < tsize ? (Py_ssize_t)cl : tsize - 1];
        long n_cased = 0;
        for (int k = C_UP; k < 10; k++) n_cased += ncnt[k];
        long n_bad = ncnt[C_UP + C_BAD] + ncnt[C_LOW + C_BAD] + ncnt[C_TIT + C_BAD];
        long n_lower_or_title = ncnt[C_LOW] + ncnt[C_TIT] + ncnt[C_LOW + C_BAD] + ncnt[C_TIT + C_BAD];
        float *row = cols + line * N_BASE;
        row[0] = (float)(last - first + 1);
        row[1] = (float)words;
        row[2] = (float)nstop;
        row[3] = (float)(first - start);
        row[4] = (fl & F_TERM) ? 1.0f : 0.0f;
        row[5] = cl == 58 ? 1.0f : 0.0f;
        row[6] = (float)ncnt[C_COMMA];
        row[7] = (n_bad == 0 && n_cased > 0) ? 1.0f : 0.0f;
        row[8] = (n_lower_or_title == 0 && n_cased > 0) ? 1.0f : 0.0f;
        row[9] = (ff & F_DIGIT) ? 1.0f : 0.0f;
        row[10] = (float)ncnt[C_BAR];
        row[11] = (float)ncnt[C_ASCII_DIGIT];
        if (split) split[line] = (double)split_words;
        pos++; /* past the newline */
        line++;
    }
    return line;
}

/* block_columns(raw, n, ftab, cattab, lowtab, (bits, prefix, hashes, lens, codes), shift, cols, flags[, split,
 * skip_blank]) The per-line statistics of textlines._block_columns for the n lines joined by "\n" in raw
 * (the vocabulary: textlines._compact_slots); with skip_blank, raw is the whole page and its blank
 * lines (str.isspace only, as page_lines drops them) are skipped, which saves joining the lines again:
 * cols (n, 12) float32 and flags (n, n_groups) float32 (zeroed by the caller), filled in place; and,
 * when given, split (n,) float64: len(line.split()) of every line (textlines.split_words). */
static PyObject *block_columns(PyObject *self, PyObject *args) {
    PyObject *raw, *o[11] = {NULL};
    Py_ssize_t n;
    int shift, skip_blank = 0;
    if (!PyArg_ParseTuple(args, "UnOOO(OOOOO)iOO|Op", &raw, &n, &o[0], &o[1], &o[2], &o[3], &o[4], &o[5], &o[6],
                          &o[7], &shift, &o[8], &o[9], &o[10], &skip_blank))
        return NULL;
    if (o[10] == Py_None) o[10] = NULL;
    Buf bufs[11];
    memset(bufs, 0, sizeof bufs);
    const Py_ssize_t sizes[11] = {1, 1, 8, 8, 4, 8, 8, 8, 4, 4, 8};
    for (int i = 0; i < 11; i++) {
        if (o[i] && get_buf(o[i], &bufs[i], sizes[i], 0, i >= 8, "block_columns") < 0) {
            release(bufs, 11);
            return NULL;
        }
    }
    const uint8_t *ftab = bufs[0].b.buf, *cattab = bufs[1].b.buf;
    const uint64_t *lowtab = bufs[2].b.buf, *sbits = bufs[3].b.buf, *ehash = bufs[5].b.buf;
    const int32_t *sprefix = bufs[4].b.buf;
    const int64_t *elen = bufs[6].b.buf, *ecode = bufs[7].b.buf;
    float *cols = bufs[8].b.buf, *flags = bufs[9].b.buf;
    const Py_ssize_t tsize = bufs[0].b.len, n_entries = bufs[5].b.len / 8;
    const Py_ssize_t n_groups = n ? bufs[9].b.len / (4 * n) : 0;
    int64_t bit_count = 0; /* the bitmap must number exactly the entries, or a lookup reads past them */
    for (int k = 0; k < 1024 && bufs[3].b.len == 8 * 1024; k++) {
        if (bufs[4].b.len != 4 * 1024 || sprefix[k] != bit_count) bit_count = -1;
        if (bit_count < 0) break;
        bit_count += __builtin_popcountll(sbits[k]);
    }
    if (bufs[1].b.len != tsize || bufs[2].b.len != 8 * tsize || bufs[3].b.len != 8 * 1024 ||
        bit_count != n_entries || bufs[6].b.len != 8 * n_entries || bufs[7].b.len != 8 * n_entries ||
        bufs[8].b.len != 4 * N_BASE * n || tsize < 1 || (o[10] && bufs[10].b.len != 8 * n)) {
        release(bufs, 11);
        PyErr_SetString(PyExc_ValueError, "block_columns: table or output sizes do not match");
        return NULL;
    }
    double *split = o[10] ? bufs[10].b.buf : NULL;
    const BlockTables tb = {ftab,  cattab, lowtab, sbits,    ehash, sprefix,   elen, ecode,
                            cols,  flags,  split,  tsize,    n_groups, shift, skip_blank};
    const void *data = PyUnicode_DATA(raw);
    const Py_ssize_t len = PyUnicode_GET_LENGTH(raw);
    Py_ssize_t line;
    switch (PyUnicode_KIND(raw)) {
    case PyUnicode_1BYTE_KIND:
        line = block_scan(PyUnicode_1BYTE_KIND, data, len, n, &tb);
        break;
    case PyUnicode_2BYTE_KIND:
        line = block_scan(PyUnicode_2BYTE_KIND, data, len, n, &tb);
        break;
    default:
        line = block_scan(PyUnicode_4BYTE_KIND, data, len, n, &tb);
    }
    release(bufs, 11);
    if (line != n) {
        PyErr_SetString(PyExc_ValueError, "block_columns: fewer lines than n");
        return NULL;
    }
    Py_RETURN_NONE;
}

/* context_columns(x, n_local, ctx, ks): the context part of textlines.line_features, in place. x: (n, F)
 * C-contiguous float32 with the local columns 0..n_local-1 filled (the rest may hold anything). Writes the line
 * before and after (all local columns), the lines 2 before and 2 after (columns ctx), the means of
 * the ctx columns over rows i-k..i+k for every k in ks (float64 running sums in row order, as numpy's
 * cumsum, divided in float64 and rounded to float32) and the bias column F-1. */
/* O3 for this function alone: it vectorises the window means' divisions (exactly rounded in SIMD as in
 * scalar code, so the bits stay numpy's), 12.6 -> 7.9 µs a page (the whole file at O3 gained no more). */
__attribute__((optimize("O3"))) static PyObject *context_columns(PyObject *self, PyObject *args) {
    PyObject *ox, *octx, *oks;
    Py_ssize_t n, F, nl;
    if (!PyArg_ParseTuple(args, "OnnnO!O!", &ox, &n, &F, &nl, &PyTuple_Type, &octx, &PyTuple_Type, &oks))
        return NULL;
    Buf buf;
    if (get_buf(ox, &buf, 4, 0, 1, "context_columns") < 0) {
        release(&buf, 1);
        return NULL;
    }
    const Py_ssize_t nc = PyTuple_GET_SIZE(octx), nk = PyTuple_GET_SIZE(oks);
    Py_ssize_t ctx[64], ks[16];
    int ok = buf.b.len == 4 * n * F && nc <= 64 && nk <= 16 && 3 * nl + (2 + nk) * nc + 1 == F;
    for (Py_ssize_t c = 0; ok && c < nc; c++) {
        ctx[c] = PyLong_AsSsize_t(PyTuple_GET_ITEM(octx, c));
        ok = ctx[c] >= 0 && ctx[c] < nl;
    }
    for (Py_ssize_t q = 0; ok && q < nk; q++) {
        ks[q] = PyLong_AsSsize_t(PyTuple_GET_ITEM(oks, q));
        ok = ks[q] >= 0;
    }
    if (!ok) {
        release(&buf, 1);
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "context_columns: bad shapes");
        return NULL;
    }
    float *x = buf.b.buf;
    double *cs = PyMem_Malloc(sizeof(double) * (size_t)(n + 1) * (size_t)(nc ? nc : 1));
    if (!cs) {
        release(&buf, 1);
        return PyErr_NoMemory();
    }
    const Py_ssize_t o = 3 * nl;
    for (Py_ssize_t c = 0; c < nc; c++) cs[c] = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        float *row = x + i * F;
        /* Zeros past the page's edges, so that the caller need not zero the whole matrix first. */
        if (i >= 1)
            memcpy(row + nl, row - F, sizeof(float) * (size_t)nl);
        else
            memset(row + nl, 0, sizeof(float) * (size_t)nl);
        if (i + 1 < n)
            memcpy(row + 2 * nl, row + F, sizeof(float) * (size_t)nl);
        else
            memset(row + 2 * nl, 0, sizeof(float) * (size_t)nl);
        for (Py_ssize_t c = 0; c < nc; c++) {
            row[o + c] = i >= 2 ? x[(i - 2) * F + ctx[c]] : 0.0f;
            row[o + nc + c] = i + 2 < n ? x[(i + 2) * F + ctx[c]] : 0.0f;
            cs[(i + 1) * nc + c] = cs[i * nc + c] + (double)row[ctx[c]];
        }
        row[F - 1] = 1.0f;
    }
    for (Py_ssize_t q = 0; q < nk; q++) {
        const Py_ssize_t k = ks[q];
        for (Py_ssize_t i = 0; i < n; i++) {
            Py_ssize_t lo = i - k > 0 ? i - k : 0, hi = i + k + 1 < n ? i + k + 1 : n;
            double d = (double)(hi - lo);
            float *out = x + i * F + o + (2 + q) * nc;
            for (Py_ssize_t c = 0; c < nc; c++) out[c] = (float)((cs[hi * nc + c] - cs[lo * nc + c]) / d);
        }
    }
    PyMem_Free(cs);
    release(&buf, 1);
    Py_RETURN_NONE;
}

/* smooth_logits(logit, n, k, w, out): textmodel.smooth_logits for k > 0, w > 0 (float32 in and out).
 * numpy computes (1 - w) * logit in float32 (a Python float scalar does not upcast the array), adds
 * w * mean in float64 and casts back to float32. */
static PyObject *smooth_logits(PyObject *self, PyObject *args) {
    PyObject *ol, *oo;
    Py_ssize_t n, k;
    double w;
    if (!PyArg_ParseTuple(args, "OnndO", &ol, &n, &k, &w, &oo)) return NULL;
    Buf bufs[2];
    memset(bufs, 0, sizeof bufs);
    if (get_buf(ol, &bufs[0], 4, n, 0, "smooth_logits") < 0 || get_buf(oo, &bufs[1], 4, n, 1, "smooth_logits") < 0) {
        release(bufs, 2);
        return NULL;
    }
    const float *x = bufs[0].b.buf;
    float *out = bufs[1].b.buf;
    double *c = PyMem_Malloc(sizeof(double) * (size_t)(n + 1));
    if (!c) {
        release(bufs, 2);
        return PyErr_NoMemory();
    }
    c[0] = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) c[i + 1] = c[i] + (double)x[i];
    const float a = (float)(1.0 - w);
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t lo = i - k > 0 ? i - k : 0, hi = i + k + 1 < n ? i + k + 1 : n;
        double mean = (c[hi] - c[lo]) / (double)(hi - lo);
        float t = a * x[i];
        double wm = w * mean;
        out[i] = (float)((double)t + wm);
    }
    PyMem_Free(c);
    release(bufs, 2);
    Py_RETURN_NONE;
}

static inline float minf(float a, float b) { return a < b ? a : b; }

/* local_columns(b, lineno, n_lines, comments, total, out, stride, block_lines, block_words,
 * comments_before): the columns of textlines._local that are plain float32 arithmetic (2, 4-13,
 * 15-20, 24, 26, 27) written into out (n, stride) float32, plus the contiguous inputs of its log
 * columns 22, 23, 25. b: (n, 12) float32 base columns; lineno: n int64; comments: n float32 (the
 * comments keyword flag); total: the page's word count as numpy sums it. Same operations, order and
 * float32 rounding as the numpy code (its cumulative sums are sequential). */
static PyObject *local_columns(PyObject *self, PyObject *args) {
    PyObject *o[7];
    Py_ssize_t n_lines, stride;
    double total_d;
    if (!PyArg_ParseTuple(args, "OOnOdOnOOO", &o[0], &o[1], &n_lines, &o[2], &total_d, &o[3], &stride, &o[4],
                          &o[5], &o[6]))
        return NULL;
    Buf bufs[7];
    memset(bufs, 0, sizeof bufs);
    const Py_ssize_t sizes[7] = {4, 8, 4, 4, 4, 4, 4};
    for (int i = 0; i < 7; i++) {
        if (get_buf(o[i], &bufs[i], sizes[i], 0, i >= 3, "local_columns") < 0) {
            release(bufs, 7);
            return NULL;
        }
    }
    const Py_ssize_t n = bufs[1].b.len / 8;
    if (bufs[0].b.len != 4 * N_BASE * n || bufs[2].b.len != 4 * n || bufs[3].b.len != 4 * stride * n ||
        stride < 28 || bufs[4].b.len != 4 * n || bufs[5].b.len != 4 * n || bufs[6].b.len != 4 * n) {
        release(bufs, 7);
        PyErr_SetString(PyExc_ValueError, "local_columns: sizes do not match");
        return NULL;
    }
    const float *b = bufs[0].b.buf, *comments = bufs[2].b.buf;
    const int64_t *lineno = bufs[1].b.buf;
    float *out = bufs[3].b.buf, *block_lines = bufs[4].b.buf, *block_words = bufs[5].b.buf;
    float *comments_before = bufs[6].b.buf;
    const float total = (float)total_d, fn = (float)(n > 1 ? n : 1);
    float nw_max = 0.0f, prose_sum = 0.0f;
    for (Py_ssize_t i = 0; i < n; i++) {
        float nw = b[i * N_BASE + 1];
        if (i == 0 || nw > nw_max) nw_max = nw;
        prose_sum += (nw >= 15 && b[i * N_BASE + 4] > 0) ? 1.0f : 0.0f; /* 0/1: exact in any order */
    }
    const float max_d = (float)((double)nw_max > 1.0 ? (double)nw_max : 1.0);
    const float prose_total = (float)((double)prose_sum > 1.0 ? (double)prose_sum : 1.0);
    float cum_w = 0.0f, cum_prose = 0.0f, cum_comments = 0.0f;
    Py_ssize_t block_start = 0;
    double words_in_block = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const float *r = b + i * N_BASE;
        float *q = out + i * stride;
        float nch = r[0], nw = r[1], nstop = r[2];
        float nw1 = nw > 1.0f ? nw : 1.0f;
        float blank_before = (i == 0 ? lineno[0] + 2 : lineno[i] - lineno[i - 1]) > 1 ? 1.0f : 0.0f;
        float blank_after = (i + 1 < n ? lineno[i + 1] - lineno[i] : n_lines + 1 - lineno[i]) > 1 ? 1.0f : 0.0f;
        float prose = (nw >= 15 && r[4] > 0) ? 1.0f : 0.0f;
        cum_prose += prose;
        cum_w += nw;
        cum_comments += comments[i];
        q[2] = nstop / nw1;
        q[4] = minf(r[3], 12.0f) / 12.0f;
        q[5] = r[4];
        q[6] = r[5];
        q[7] = minf(r[6] / nw1, 1.0f);
        q[8] = r[7];
        q[9] = r[8];
        q[10] = r[9];
        q[11] = minf(r[10], 4.0f) / 4.0f;
        q[12] = blank_before;
        q[13] = blank_after;
        q[15] = nw <= 3 ? 1.0f : 0.0f;
        q[16] = nw >= 15 ? 1.0f : 0.0f;
        q[17] = (float)i / fn;
        q[18] = (cum_w - nw) / total;
        q[19] = nw / max_d;
        q[20] = minf(nw / total * 10.0f, 1.0f);
        q[24] = minf(r[11] / (nch > 1.0f ? nch : 1.0f) * 4.0f, 1.0f);
        float prose_before = (cum_prose - prose) / prose_total;
        q[26] = prose_before;
        q[27] = 1.0f - prose_before - prose / prose_total;
        comments_before[i] = cum_comments - comments[i];
        /* blocks: lines between blank lines; every line of a block gets its line and word count */
        if (blank_before > 0 && i > 0) {
            for (Py_ssize_t j = block_start; j < i; j++) {
                block_lines[j] = (float)(i - block_start);
                block_words[j] = (float)words_in_block;
            }
            block_start = i;
            words_in_block = 0.0;
        }
        words_in_block += (double)nw;
    }
    for (Py_ssize_t j = block_start; j < n; j++) {
        block_lines[j] = (float)(n - block_start);
        block_words[j] = (float)words_in_block;
    }
    release(bufs, 7);
    Py_RETURN_NONE;
}

/* log_columns(b, ins, rep, flags, x, stride, log1p_tab, log_tab): the logarithm columns of
 * textlines._local without numpy calls. Every input is a count, so the logarithms are looked up in
 * tables that numpy itself computed (bit-identical by construction): x[:, 0, 1, 3, 22, 23, 25] =
 * log1p_tab[v] / (8, 6, 4, 5, 8, 3) for v = b[:, 0], b[:, 1], b[:, 2], ins[0], ins[1], ins[2];
 * x[:, 14] = min(log_tab[rep], 4) / 4; x[:, 28:28+g] = flags (n, g). Returns False, having written
 * nothing that the numpy path would not overwrite, when a value is not an integer inside the tables
 * (a line of 65,536+ characters): the caller then takes the numpy path. A repeat count past the log
 * table is capped (log(k) > 4 there, which the table's last entry checks). */
static PyObject *log_columns(PyObject *self, PyObject *args) {
    PyObject *o[7];
    Py_ssize_t stride;
    if (!PyArg_ParseTuple(args, "OOOOOnOO", &o[0], &o[1], &o[2], &o[3], &o[4], &stride, &o[5], &o[6]))
        return NULL;
    Buf bufs[7];
    memset(bufs, 0, sizeof bufs);
    for (int i = 0; i < 7; i++) {
        if (get_buf(o[i], &bufs[i], 4, 0, i == 4, "log_columns") < 0) {
            release(bufs, 7);
            return NULL;
        }
    }
    const Py_ssize_t n = bufs[2].b.len / 4, g = n ? bufs[3].b.len / 4 / n : 0;
    const Py_ssize_t n1 = bufs[5].b.len / 4, n2 = bufs[6].b.len / 4;
    const float *tab = bufs[6].b.buf;
    if (bufs[0].b.len != 4 * N_BASE * n || bufs[1].b.len != 4 * 3 * n || bufs[3].b.len != 4 * g * n ||
        bufs[4].b.len != 4 * stride * n || stride < 28 + g || n1 < 1 || n2 < 2 || !(tab[n2 - 1] > 4.0f)) {
        release(bufs, 7);
        PyErr_SetString(PyExc_ValueError, "log_columns: sizes do not match");
        return NULL;
    }
    const float *b = bufs[0].b.buf, *ins = bufs[1].b.buf, *rep = bufs[2].b.buf, *flags = bufs[3].b.buf;
    const float *l1p = bufs[5].b.buf;
    float *x = bufs[4].b.buf;
    static const int cols[6] = {0, 1, 3, 22, 23, 25};
    static const float scale[6] = {8.0f, 6.0f, 4.0f, 5.0f, 8.0f, 3.0f};
    for (Py_ssize_t i = 0; i < n; i++) { /* check first: a fallback leaves nothing half done */
        const float v[4] = {b[i * N_BASE], b[i * N_BASE + 1], b[i * N_BASE + 2], rep[i]};
        for (int k = 0; k < 6; k++) {
            const float a = k < 3 ? v[k] : ins[(k - 3) * n + i];
            if (!(a >= 0.0f && a < (float)n1 && a == (float)(Py_ssize_t)a)) {
                release(bufs, 7);
                Py_RETURN_FALSE;
            }
        }
        if (!(v[3] >= 1.0f && v[3] == (float)(Py_ssize_t)v[3] && v[3] < 1e9f)) {
            release(bufs, 7);
            Py_RETURN_FALSE;
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        float *q = x + i * stride;
        for (int k = 0; k < 6; k++) {
            const float a = k < 3 ? b[i * N_BASE + k] : ins[(k - 3) * n + i];
            q[cols[k]] = l1p[(Py_ssize_t)a] / scale[k];
        }
        const Py_ssize_t r = (Py_ssize_t)rep[i];
        q[14] = minf(tab[r < n2 ? r : n2 - 1], 4.0f) / 4.0f;
        memcpy(q + 28, flags + i * g, (size_t)g * sizeof(float));
    }
    release(bufs, 7);
    Py_RETURN_TRUE;
}

#include "_textranks.h"

/* len(s.split()) of the string's code points; inlined with a constant kind (see block_scan). */
static inline __attribute__((always_inline)) Py_ssize_t count_words(const int kind, const void *data,
                                                                    Py_ssize_t len) {
    Py_ssize_t words = 0;
    int in_word = 0;
    for (Py_ssize_t j = 0; j < len; j++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, j);
        const int space = c < 128 ? (c == ' ' || (c >= 9 && c <= 13) || (c >= 28 && c <= 31)) : Py_UNICODE_ISSPACE(c);
        if (space) {
            in_word = 0;
        } else if (!in_word) {
            in_word = 1;
            words++;
        }
    }
    return words;
}

/* split_counts(texts, out): len(s.split()) of every str in the list texts, into out (float64, one per
 * line). Python's str.split() separates at Py_UNICODE_ISSPACE code points, as here. */
static PyObject *split_counts(PyObject *self, PyObject *args) {
    PyObject *texts, *oout;
    if (!PyArg_ParseTuple(args, "O!O", &PyList_Type, &texts, &oout)) return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    Buf buf;
    if (get_buf(oout, &buf, 8, n, 1, "split_counts") < 0) {
        if (buf.held) PyBuffer_Release(&buf.b);
        return NULL;
    }
    double *out = buf.b.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *s = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(s)) {
            PyBuffer_Release(&buf.b);
            PyErr_SetString(PyExc_TypeError, "split_counts: texts must be str");
            return NULL;
        }
        const void *data = PyUnicode_DATA(s);
        const Py_ssize_t len = PyUnicode_GET_LENGTH(s);
        switch (PyUnicode_KIND(s)) {
        case PyUnicode_1BYTE_KIND:
            out[i] = (double)count_words(PyUnicode_1BYTE_KIND, data, len);
            break;
        case PyUnicode_2BYTE_KIND:
            out[i] = (double)count_words(PyUnicode_2BYTE_KIND, data, len);
            break;
        default:
            out[i] = (double)count_words(PyUnicode_4BYTE_KIND, data, len);
        }
    }
    PyBuffer_Release(&buf.b);
    Py_RETURN_NONE;
}

#include "_textfinders.h"

/* split_lines(text[, want_raw]): textlines.page_lines_py's lists — (raw lines, stripped lines, line
 * numbers as int64 bytes, number of lines) of the lines of text.split("\n") that are not empty once
 * str.strip()ped (Py_UNICODE_ISSPACE, as str.strip); raw lines None when want_raw is false. Blank lines
 * make no str object at all. */
static PyObject *split_lines(PyObject *self, PyObject *args) {
    PyObject *arg;
    int want_raw = 1;
    if (!PyArg_ParseTuple(args, "U|p", &arg, &want_raw)) return NULL;
    const int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    const Py_ssize_t len = PyUnicode_GET_LENGTH(arg);
    PyObject *raw = want_raw ? PyList_New(0) : Py_NewRef(Py_None), *text = PyList_New(0), *lineno = NULL;
    int64_t *numbers = NULL; /* line numbers of the kept lines, returned as int64 bytes */
    Py_ssize_t n = 0, kept = 0, cap = 64;
    if (!raw || !text || !(numbers = PyMem_Malloc(cap * sizeof(int64_t)))) goto fail;
    for (Py_ssize_t a = 0; a <= len; n++) {
        Py_ssize_t b = a;
        while (b < len && PyUnicode_READ(kind, data, b) != '\n') b++;
        Py_ssize_t sa = a, sb = b;
        while (sa < sb && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, sa))) sa++;
        while (sb > sa && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, sb - 1))) sb--;
        if (sb > sa) {
            /* Without want_raw only the stripped line is made (textlines.raw_lines rebuilds the raw ones
             * for the numpy fallback): 153 of a page's 258 lines differ from their stripped form. */
            PyObject *r = want_raw ? PyUnicode_Substring(arg, a, b) : Py_NewRef(Py_None), *t = NULL;
            if (r && want_raw && sa == a && sb == b) {
                Py_INCREF(r);
                t = r;
            } else if (r) {
                t = PyUnicode_Substring(arg, sa, sb);
            }
            if (kept == cap) {
                int64_t *grown = PyMem_Realloc(numbers, 2 * cap * sizeof(int64_t));
                if (!grown) {
                    Py_XDECREF(r);
                    Py_XDECREF(t);
                    PyErr_NoMemory();
                    goto fail;
                }
                numbers = grown;
                cap *= 2;
            }
            numbers[kept++] = n;
            const int bad = !r || !t || (want_raw && PyList_Append(raw, r) < 0) || PyList_Append(text, t) < 0;
            Py_XDECREF(r);
            Py_XDECREF(t);
            if (bad) goto fail;
        }
        a = b + 1;
    }
    lineno = PyBytes_FromStringAndSize((const char *)numbers, kept * (Py_ssize_t)sizeof(int64_t));
    PyMem_Free(numbers);
    if (!lineno) {
        Py_DECREF(raw);
        Py_DECREF(text);
        return NULL;
    }
    return Py_BuildValue("(NNNn)", raw, text, lineno, n);
fail:
    PyMem_Free(numbers);
    Py_XDECREF(raw);
    Py_XDECREF(text);
    Py_XDECREF(lineno);
    return NULL;
}

#include "_textassembly.h"
#include "_mlp.h"

static PyMethodDef methods[] = {
    {"split_counts", split_counts, METH_VARARGS, "Word count (str.split) of every line."},
    {"stopword_counts", stopword_counts, METH_VARARGS, "Letter, token and stopword counts of a sample."},
    {"split_lines", split_lines, METH_VARARGS, "The non-empty lines of a page, raw (unless told not to) and stripped."},
    {"heading_lines", heading_lines, METH_VARARGS, "Lines that can start a list heading."},
    {"teaser_scan", teaser_scan, METH_VARARGS, "Kept-word sums and candidate lines of the teaser finder."},
    {"short_lines", short_lines, METH_VARARGS, "Short lines that may hold a comment or teaser marker."},
    {"local_columns", local_columns, METH_VARARGS, "Plain-arithmetic columns of the local features."},
    {"rep_rank", rep_rank, METH_VARARGS, "Repeat counts of the lines and their capped word-count ranks."},
    {"removed_blocks", removed_blocks, METH_VARARGS, "Dropped lines merged into named blocks."},
    {"kinds", kinds, METH_VARARGS, "Paragraph kind of every kept line."},
    {"join_blocks", join_blocks, METH_VARARGS, "The kept lines joined into the article text and paragraphs."},
    {"log_columns", log_columns, METH_VARARGS, "The log columns of textlines._local by table lookup."},
    {"block_columns", block_columns, METH_VARARGS, "Per-line character/word statistics of a block."},
    {"context_columns", context_columns, METH_VARARGS, "Neighbour and window columns of the line features."},
    {"smooth_logits", smooth_logits, METH_VARARGS, "Blend logits with their window mean."},
    {"mlp_logit", mlp_logit, METH_VARARGS, "Logits of a one-hidden-layer MLP (AVX2/FMA only)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_textfast", "Text-mode C fast path.", -1, methods};

PyMODINIT_FUNC PyInit__textfast(void) { return PyModule_Create(&module); }
