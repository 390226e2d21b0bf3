/* Optional C fast path for the text-mode headline scorer (docs/design.md, "Text mode: headline and
 * finder loops in C"): the candidates' string columns, the candidate loop, the densest-run loop, the URL
 * shares and the feature matrix. Each function has its Python reference in headline.py (the *_py
 * functions); tests/test_extract_headlinefast.py checks both give equal results (arrays bit for bit)
 * on fixtures, random pages and the benchmark pages.
 *
 * Unicode case mapping is str.lower's own (called on every non-ASCII string, as the Python code does),
 * words are split at Py_UNICODE_ISSPACE as str.split splits them and \w+ tokens found as re finds
 * them; what this file saves is the interpreter loop, the per-word str objects, the repeated scans of
 * the candidate window and ~30 small numpy calls a page.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

#include "_buffers.h"
#include "_wordset.h"

typedef struct {
    WordSet *set;
    Py_ssize_t min_len;
} LongWords;

static int add_long_fn(void *ctx, PyObject *s, Py_ssize_t a, Py_ssize_t b, int lower) {
    LongWords *lw = ctx;
    return b - a >= lw->min_len ? word_add(lw->set, s, a, b, lower) : 0;
}

/* headline._body_words: the stripped lowercased words of the kept lines from ``start`` on, stopping
 * after the line that brings the count to ``max_words``; only those of min_len+ characters go in the
 * set, as overlap looks up no others (half the words a page are shorter: "the", "of", "a"). */
static int body_words(WordSet *set, PyObject *lines, const uint8_t *keep, Py_ssize_t start, Py_ssize_t max_words,
                      PyObject *chars, Py_ssize_t min_len) {
    LongWords lw = {set, min_len};
    if (words_init(set) < 0) return -1;
    Py_ssize_t count = 0;
    for (Py_ssize_t i = start; i < PyList_GET_SIZE(lines) && count < max_words; i++) {
        if (!keep[i]) continue;
        int lower;
        PyObject *low = lowered(PyList_GET_ITEM(lines, i), &lower);
        if (!low || PyList_Append(set->owned, low) < 0) { /* the set's words point into it */
            Py_XDECREF(low);
            return -1;
        }
        Py_DECREF(low);
        const Py_ssize_t n = each_word(low, lower, chars, add_long_fn, &lw);
        if (n < 0) return -1;
        count += n;
    }
    return 0;
}

typedef struct {
    const WordSet *body;
    Py_ssize_t min_len, n, hits;
} Overlap;

static int overlap_fn(void *ctx, PyObject *s, Py_ssize_t a, Py_ssize_t b, int lower) {
    Overlap *o = ctx;
    if (b - a >= o->min_len) {
        o->n++;
        o->hits += word_in(o->body, s, a, b, lower);
    }
    return 0;
}

/* headline._overlap: share of the text's stripped words of min_len+ characters found in body. */
static int overlap(PyObject *text, const WordSet *body, PyObject *chars, Py_ssize_t min_len, double *out,
                   Py_ssize_t *words) {
    int lower;
    PyObject *low = lowered(text, &lower);
    if (!low) return -1;
    Overlap o = {body, min_len, 0, 0};
    const Py_ssize_t r = each_word(low, lower, chars, overlap_fn, &o);
    Py_DECREF(low);
    if (r < 0) return -1;
    *words = r; /* len(text.split()): lowercasing never makes or removes whitespace */
    *out = o.n ? (double)o.hits / (double)o.n : 0.0;
    return 0;
}

/* Echo counts: page.count(f) for every folded candidate f, through an index of the page's 4-grams
 * (about 40 candidates a page each scanned the ~3,000-character window: 0.066 ms a page). Occurrences
 * are taken left to right, each from the end of the last one, as str.count counts them. */
#define GRAM 4

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t n;
    Py_ssize_t *head, *next; /* chains of positions, ascending */
    size_t mask;
} GramIndex;

static inline size_t gram_hash(Py_UCS4 a, Py_UCS4 b, Py_UCS4 c, Py_UCS4 d) {
    uint64_t h = 1469598103934665603ULL;
    h = (h ^ a) * 1099511628211ULL;
    h = (h ^ b) * 1099511628211ULL;
    h = (h ^ c) * 1099511628211ULL;
    h = (h ^ d) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

static int gram_index(GramIndex *g, PyObject *page) {
    g->kind = PyUnicode_KIND(page);
    g->data = PyUnicode_DATA(page);
    g->n = PyUnicode_GET_LENGTH(page);
    size_t size = 64;
    while (size < (size_t)g->n * 2) size <<= 1;
    g->mask = size - 1;
    g->head = PyMem_Malloc(size * sizeof(Py_ssize_t));
    g->next = PyMem_Malloc((g->n ? g->n : 1) * sizeof(Py_ssize_t));
    if (!g->head || !g->next) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t j = 0; j < size; j++) g->head[j] = -1;
    /* Inserted from the end so that every chain lists its positions in ascending order. */
    for (Py_ssize_t p = g->n - GRAM; p >= 0; p--) {
        const size_t h = gram_hash(PyUnicode_READ(g->kind, g->data, p), PyUnicode_READ(g->kind, g->data, p + 1),
                                   PyUnicode_READ(g->kind, g->data, p + 2), PyUnicode_READ(g->kind, g->data, p + 3)) &
                         g->mask;
        g->next[p] = g->head[h];
        g->head[h] = p;
    }
    return 0;
}

static void gram_free(GramIndex *g) {
    PyMem_Free(g->head);
    PyMem_Free(g->next);
}


/* page.count(f) where f is the candidate (lowered on the fly when lower is set), or -1 when the
 * candidate is shorter than a 4-gram (the caller then uses PyUnicode_Count). */
static Py_ssize_t gram_count(const GramIndex *g, PyObject *f, int lower) {
    const int kind = PyUnicode_KIND(f);
    const void *data = PyUnicode_DATA(f);
    const Py_ssize_t m = PyUnicode_GET_LENGTH(f);
    if (m < GRAM) return -1;
    Py_UCS4 first[GRAM];
    for (int j = 0; j < GRAM; j++) first[j] = char_at(kind, data, j, lower);
    Py_ssize_t count = 0, free_from = 0;
    for (Py_ssize_t p = g->head[gram_hash(first[0], first[1], first[2], first[3]) & g->mask]; p >= 0;
         p = g->next[p]) {
        if (p < free_from || p + m > g->n) continue;
        Py_ssize_t j = 0;
        while (j < m && PyUnicode_READ(g->kind, g->data, p + j) == char_at(kind, data, j, lower)) j++;
        if (j == m) {
            count++;
            free_from = p + m;
        }
    }
    return count;
}

/* The replacement of c in typo (a tuple of (one-character str, str) pairs), or NULL. */
static PyObject *typo_of(PyObject *typo, Py_UCS4 c) {
    if (c < 128) return NULL;
    for (Py_ssize_t t = 0; t < PyTuple_GET_SIZE(typo); t++) {
        PyObject *pair = PyTuple_GET_ITEM(typo, t);
        if (PyUnicode_READ_CHAR(PyTuple_GET_ITEM(pair, 0), 0) == c) return PyTuple_GET_ITEM(pair, 1);
    }
    return NULL;
}

/* headline.fold_typography: s.lower(), then every typographic variant in typo replaced. The
 * replacements never make another variant, so one pass gives what Python's str.replace calls in turn
 * give. A string whose lowering is ASCII-only (lower_is_ascii) is lowered in the same pass. */
static PyObject *fold_typo(PyObject *s, PyObject *typo) {
    int lower;
    PyObject *low = lowered(s, &lower);
    if (!low) return NULL;
    const int kind = PyUnicode_KIND(low);
    const void *data = PyUnicode_DATA(low);
    const Py_ssize_t len = PyUnicode_GET_LENGTH(low);
    Py_ssize_t widest = 1; /* the longest replacement */
    for (Py_ssize_t t = 0; t < PyTuple_GET_SIZE(typo); t++) {
        const Py_ssize_t w = PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(PyTuple_GET_ITEM(typo, t), 1));
        if (w > widest) widest = w;
    }
    Py_UCS4 *buf = PyMem_Malloc((len ? len : 1) * widest * sizeof(Py_UCS4));
    if (!buf) {
        Py_DECREF(low);
        return PyErr_NoMemory();
    }
    Py_ssize_t q = 0;
    int changed = 0;
    for (Py_ssize_t j = 0; j < len; j++) { /* one pass: the buffer is dropped when nothing changed */
        const Py_UCS4 raw = PyUnicode_READ(kind, data, j);
        if (raw < 128) {
            const Py_UCS4 c = lower && raw >= 'A' && raw <= 'Z' ? raw + 32 : raw;
            changed |= c != raw;
            buf[q++] = c;
            continue;
        }
        PyObject *dst = typo_of(typo, raw); /* low's non-ASCII characters are already lowercase */
        if (!dst) {
            buf[q++] = raw;
            continue;
        }
        changed = 1;
        for (Py_ssize_t r = 0; r < PyUnicode_GET_LENGTH(dst); r++) buf[q++] = PyUnicode_READ_CHAR(dst, r);
    }
    PyObject *res = low;
    if (changed) {
        res = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, q);
        Py_DECREF(low);
    }
    PyMem_Free(buf);
    return res;
}

/* typo must be a tuple of (one-character str, str) pairs. */
static int check_typo(PyObject *typo) {
    for (Py_ssize_t t = 0; t < PyTuple_GET_SIZE(typo); t++) {
        PyObject *pair = PyTuple_GET_ITEM(typo, t);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0)) ||
            PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(pair, 0)) != 1 || !PyUnicode_Check(PyTuple_GET_ITEM(pair, 1))) {
            PyErr_SetString(PyExc_TypeError, "string_columns: typo must hold (character, str) pairs");
            return -1;
        }
    }
    return 0;
}

/* string_columns(lines, keep, texts, lo, hi, chars, max_words, min_len, typo, nwc, overlap, echoes):
 * headline.string_columns_py. lines: the page's lines; keep: one byte per line; texts: the candidates;
 * [lo, hi]: the candidate window (lines); typo: headline._TYPO (see fold_typo). nwc, overlap and echoes are
 * float32 buffers of len(texts), filled in place. */
static PyObject *string_columns(PyObject *self, PyObject *args) {
    PyObject *lines, *okeep, *texts, *chars, *typo, *o[3];
    Py_ssize_t lo, hi, max_words, min_len;
    if (!PyArg_ParseTuple(args, "O!OO!nnUnnO!OOO", &PyList_Type, &lines, &okeep, &PyList_Type, &texts, &lo, &hi,
                          &chars, &max_words, &min_len, &PyTuple_Type, &typo, &o[0], &o[1], &o[2]))
        return NULL;
    if (check_typo(typo) < 0) return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lines), nt = PyList_GET_SIZE(texts);
    if (lo < 0 || hi < lo || hi >= n) {
        PyErr_SetString(PyExc_ValueError, "string_columns: window out of range");
        return NULL;
    }
    Buf bufs[4];
    memset(bufs, 0, sizeof bufs);
    PyObject *window = NULL, *page = NULL, *sep = NULL, *slice = NULL;
    GramIndex grams = {0};
    WordSet body = {0};
    if (get_buf_exact(okeep, &bufs[0], 1, n, 0, "string_columns") < 0) goto fail;
    for (int k = 0; k < 3; k++)
        if (get_buf_exact(o[k], &bufs[k + 1], 4, nt, 1, "string_columns") < 0) goto fail;
    float *nwc = bufs[1].b.buf, *ovl = bufs[2].b.buf, *echoes = bufs[3].b.buf;
    if (body_words(&body, lines, bufs[0].b.buf, lo, max_words, chars, min_len) < 0) goto fail;
    sep = PyUnicode_FromString("\n");
    slice = PyList_GetSlice(lines, lo, hi + 1);
    if (!sep || !slice) goto fail;
    window = PyUnicode_Join(sep, slice);
    if (!window) goto fail;
    page = fold_typo(window, typo);
    if (!page) goto fail;
    /* An ASCII window has only ASCII candidates (its substrings). An ASCII candidate folds to its plain
     * lower() in any window (fold_typography replaces only non-ASCII characters), so it is lowered on the
     * fly while counting: on the many non-ASCII windows this skips a fold_typo string per candidate. */
    const int ascii = PyUnicode_IS_ASCII(window);
    if (gram_index(&grams, page) < 0) goto fail;
    for (Py_ssize_t k = 0; k < nt; k++) {
        PyObject *t = PyList_GET_ITEM(texts, k);
        if (!PyUnicode_Check(t)) {
            PyErr_SetString(PyExc_TypeError, "string_columns: lines and candidates must be str");
            goto fail;
        }
        double share;
        Py_ssize_t words;
        if (overlap(t, &body, chars, min_len, &share, &words) < 0) goto fail;
        nwc[k] = (float)words;
        ovl[k] = (float)share;
        Py_ssize_t c = PyUnicode_IS_ASCII(t) ? gram_count(&grams, t, 1) : -1;
        if (c < 0) {
            PyObject *folded = ascii ? PyObject_CallMethodNoArgs(t, s_lower) : fold_typo(t, typo);
            if (!folded) goto fail;
            if ((c = gram_count(&grams, folded, 0)) < 0) c = PyUnicode_Count(page, folded, 0, PY_SSIZE_T_MAX);
            Py_DECREF(folded);
            if (c < 0) goto fail;
        }
        echoes[k] = (float)c;
    }
    gram_free(&grams);
    words_free(&body);
    Py_DECREF(window);
    Py_DECREF(page);
    Py_DECREF(sep);
    Py_DECREF(slice);
    for (int k = 0; k < 4; k++) PyBuffer_Release(&bufs[k].b);
    Py_RETURN_NONE;
fail:
    gram_free(&grams);
    words_free(&body);
    Py_XDECREF(window);
    Py_XDECREF(page);
    Py_XDECREF(sep);
    Py_XDECREF(slice);
    for (int k = 0; k < 4; k++)
        if (bufs[k].held) PyBuffer_Release(&bufs[k].b);
    return NULL;
}


/* Length of the headline/affix separator match (headline._SEP, r"\s(?:\||-|–|—|::|»|>|·|/)\s") at p,
 * or 0. The alternatives start with distinct characters, so at most one can match at p. */
static inline Py_ssize_t sep_at(int kind, const void *data, Py_ssize_t len, Py_ssize_t p) {
    if (p + 2 >= len || !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, p))) return 0;
    const Py_UCS4 c = PyUnicode_READ(kind, data, p + 1);
    Py_ssize_t m = 3;
    if (c == ':') {
        if (PyUnicode_READ(kind, data, p + 2) != ':') return 0;
        m = 4;
    } else if (!(c == '|' || c == '-' || c == 0x2013 || c == 0x2014 || c == 0xbb || c == '>' || c == 0xb7 ||
                 c == '/')) {
        return 0;
    }
    return p + m - 1 < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, p + m - 1)) ? m : 0;
}

/* New reference to s[a:b].strip(). */
static PyObject *strip_span(PyObject *s, Py_ssize_t a, Py_ssize_t b) {
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, a))) a++;
    while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1))) b--;
    return PyUnicode_Substring(s, a, b);
}

static int append_new(PyObject *list, PyObject *item) {
    if (!item) return -1;
    const int r = PyList_Append(list, item);
    Py_DECREF(item);
    return r;
}

/* One candidate line: the whole line, then the halves at its first and at its last separator. */
static int add_line(PyObject *out[3], PyObject *s, Py_ssize_t i) {
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    const Py_ssize_t len = PyUnicode_GET_LENGTH(s);
    Py_ssize_t spans[2][2], ns = 0;
    for (Py_ssize_t p = 0; p < len;) {
        const Py_ssize_t m = sep_at(kind, data, len, p);
        if (!m) {
            p++;
            continue;
        }
        ns = ns ? 2 : 1;
        spans[ns - 1][0] = p;
        spans[ns - 1][1] = p + m;
        p += m;
    }
    if (append_new(out[0], PyLong_FromSsize_t(i)) < 0 || PyList_Append(out[1], s) < 0 ||
        append_new(out[2], PyLong_FromLong(0)) < 0)
        return -1;
    for (Py_ssize_t k = 0; k < ns; k++) {
        for (int half = 1; half <= 2; half++)
            if (append_new(out[0], PyLong_FromSsize_t(i)) < 0 || append_new(out[2], PyLong_FromLong(half)) < 0 ||
                append_new(out[1], half == 1 ? strip_span(s, 0, spans[k][0]) : strip_span(s, spans[k][1], len)) < 0)
                return -1;
    }
    return 0;
}

/* candidates(lines, nw, lo1, hi1, lo2, hi2, extra, min_words, max_words): headline.candidates_py's
 * loop. Lines [lo1, hi1), [lo2, hi2) and those in the list extra, in page order, whose word count nw
 * (float32, one per line) is within [min_words, max_words]; returns (line indices, texts, parts). */
static PyObject *candidates(PyObject *self, PyObject *args) {
    PyObject *lines, *onw, *extra;
    Py_ssize_t lo[2], hi[2];
    double min_w, max_w;
    if (!PyArg_ParseTuple(args, "O!OnnnnO!dd", &PyList_Type, &lines, &onw, &lo[0], &hi[0], &lo[1], &hi[1],
                          &PyList_Type, &extra, &min_w, &max_w))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    Buf buf;
    if (get_buf_exact(onw, &buf, 4, n, 0, "candidates") < 0) {
        if (buf.held) PyBuffer_Release(&buf.b);
        return NULL;
    }
    const float *nw = buf.b.buf;
    PyObject *out[3] = {PyList_New(0), PyList_New(0), PyList_New(0)};
    uint8_t *take = PyMem_Calloc(n ? n : 1, 1);
    if (!out[0] || !out[1] || !out[2] || !take) goto fail;
    for (int r = 0; r < 2; r++)
        for (Py_ssize_t i = lo[r] < 0 ? 0 : lo[r]; i < hi[r] && i < n; i++) take[i] = 1;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(extra); k++) {
        const Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(extra, k));
        if (i < 0 || i >= n) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_IndexError, "candidates: line index out of range");
            goto fail;
        }
        take[i] = 1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!take[i] || !(min_w <= nw[i] && nw[i] <= max_w)) continue;
        PyObject *s = PyList_GET_ITEM(lines, i);
        if (!PyUnicode_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "candidates: lines must be str");
            goto fail;
        }
        if (add_line(out, s, i) < 0) goto fail;
    }
    PyMem_Free(take);
    PyBuffer_Release(&buf.b);
    PyObject *res = PyTuple_Pack(3, out[0], out[1], out[2]);
    for (int k = 0; k < 3; k++) Py_DECREF(out[k]);
    return res;
fail:
    PyMem_Free(take);
    PyBuffer_Release(&buf.b);
    for (int k = 0; k < 3; k++) Py_XDECREF(out[k]);
    return NULL;
}

/* One step of headline.run_start's Kadane loop (in double, as run_start_py's Python floats): score v
 * at line i. */
typedef struct {
    double best, cur;
    Py_ssize_t start, best_start;
} Kadane;

static inline void kadane_step(Kadane *k, double v, Py_ssize_t i) {
    if (k->cur <= 0) {
        k->cur = v;
        k->start = i;
    } else {
        k->cur += v;
    }
    if (k->cur > k->best) {
        k->best = k->cur;
        k->best_start = k->start;
    }
}

/* anchors(x, stride, col, long_min, nw, keep, penalty) -> (anchor, run start): headline.anchor and
 * headline.run_start in one call (their ~8 numpy calls were ~10 µs a page). x: (n, stride) float32
 * features, col its log word-count column; long_min: the float32 threshold of an 8-word line (numpy
 * casts the Python float to float32 for the comparison, so does this); nw: float32 word counts;
 * keep: n bytes; the score of a dropped line is -penalty in float32 (np.where with a float32 scalar). */
static PyObject *anchors(PyObject *self, PyObject *args) {
    PyObject *ox, *onw, *okeep;
    Py_ssize_t stride, col;
    double long_min, penalty;
    if (!PyArg_ParseTuple(args, "OnndOOd", &ox, &stride, &col, &long_min, &onw, &okeep, &penalty)) return NULL;
    Buf bufs[3];
    memset(bufs, 0, sizeof bufs);
    PyObject *res = NULL;
    if (get_buf(okeep, &bufs[2], 1, 0, 0, "anchors") < 0) goto done;
    const Py_ssize_t n = bufs[2].b.len;
    if (stride < 1 || col < 0 || col >= stride || get_buf_exact(ox, &bufs[0], 4, n * stride, 0, "anchors") < 0 ||
        get_buf_exact(onw, &bufs[1], 4, n, 0, "anchors") < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "anchors: bad arguments");
        goto done;
    }
    const float *x = bufs[0].b.buf, *nw = bufs[1].b.buf, lmin = (float)long_min, pen = (float)-penalty;
    const uint8_t *keep = bufs[2].b.buf;
    Py_ssize_t first = -1, first_long = -1;
    Kadane run = {-1.0, 0.0, 0, 0};
    for (Py_ssize_t i = 0; i < n; i++) {
        if (keep[i]) {
            if (first < 0) first = i;
            if (first_long < 0 && x[i * stride + col] >= lmin) first_long = i;
        }
        kadane_step(&run, keep[i] ? (double)nw[i] : (double)pen, i);
    }
    res = Py_BuildValue("(nn)", first_long >= 0 ? first_long : first >= 0 ? first : 0, run.best_start);
done:
    for (int k = 0; k < 3; k++)
        if (bufs[k].held) PyBuffer_Release(&bufs[k].b);
    return res;
}

/* run_start(score): headline.run_start's Kadane loop over the float32 line scores. */
static PyObject *run_start(PyObject *self, PyObject *arg) {
    Py_buffer b;
    if (PyObject_GetBuffer(arg, &b, PyBUF_C_CONTIGUOUS) < 0) return NULL;
    if (b.itemsize != 4 || b.len % 4) {
        PyBuffer_Release(&b);
        PyErr_SetString(PyExc_ValueError, "run_start: float32 scores expected");
        return NULL;
    }
    const float *score = b.buf;
    Kadane run = {-1.0, 0.0, 0, 0};
    for (Py_ssize_t i = 0; i < b.len / 4; i++) kadane_step(&run, score[i], i);
    PyBuffer_Release(&b);
    return PyLong_FromSsize_t(run.best_start);
}

#include "_headlineurl.h"

/* Maximum of v[0..m) as numpy's max gives it (a NaN wins). */
static float max_f32(const float *v, Py_ssize_t m) {
    float best = v[0];
    for (Py_ssize_t k = 1; k < m && !isnan(best); k++)
        if (isnan(v[k]) || v[k] > best) best = v[k];
    return best;
}

enum { R_NWC, R_OVERLAP, R_LOG_NWC, R_LOG_ECHO, R_LOGIT, R_SIG, R_SIG_PREV, R_SIG_NEXT, R_PATH, R_COVER, R_HOST,
       R_OTHER, N_ROWS };

typedef struct {
    const float *x, *rows;
    const int64_t *parts, *ck;
    const uint8_t *keep;
    Py_ssize_t m, n, n_cols, n_local, col_words, a1, a2;
    int has_url;
    double before, after;
    float best_cover, best_ovl, best_logit;
} Matrix;

/* Row k of the feature matrix, for the candidate line i (title_matrix). */
static void fill_row(const Matrix *mx, Py_ssize_t k, int64_t i, float *row) {
    const float *x = mx->x, *rows = mx->rows;
    const int64_t *ck = mx->ck, *parts = mx->parts;
    const uint8_t *keep = mx->keep;
    const Py_ssize_t m = mx->m, n = mx->n, n_cols = mx->n_cols, n_local = mx->n_local, a1 = mx->a1, a2 = mx->a2;
    const Py_ssize_t col_words = mx->col_words;
    const double before = mx->before, after = mx->after;
    const float best_cover = mx->best_cover, best_ovl = mx->best_ovl, best_logit = mx->best_logit;
    const int has_url = mx->has_url;
#define ROW(r, k) rows[(r) * m + (k)]
    float *e = row + mx->n_local;
    memcpy(row, x + i * n_cols, (size_t)n_local * sizeof(float));
    for (int r = 0; r < 2; r++) { /* the distances to both anchors */
        const float d = (float)(i - (r ? a2 : a1));
        const float c = d < (float)-before ? (float)-before : d > (float)after ? (float)after : d;
        e[4 * r] = c / 10.0f;
        e[4 * r + 1] = sqrtf(fabsf(d)) / 5.0f; /* numpy computes ** 0.5 as sqrt */
        e[4 * r + 2] = d < 0;
    }
    const float d1 = (float)(i - a1);
    e[3] = (float)((double)(d1 == -1) + (double)(d1 == -2) * 0.5);
    e[7] = ROW(R_SIG, k);
    e[8] = keep[i];
    e[9] = ROW(R_NWC, k) >= 4 && ROW(R_NWC, k) <= 18;
    e[10] = ROW(R_LOG_NWC, k);
    e[11] = ROW(R_OVERLAP, k);
    const int64_t between = ck[i] - keep[i], gap = ck[a1] > between ? ck[a1] - between : between - ck[a1];
    e[12] = (float)((double)(gap < 10 ? gap : 10) / 10.0);
    e[13] = (float)has_url;
    e[14] = ROW(R_PATH, k);
    e[15] = ROW(R_COVER, k);
    e[16] = ROW(R_HOST, k);
    e[17] = parts[k] > 0;
    e[18] = parts[k] == 2;
    e[19] = ROW(R_OTHER, k);
    e[20] = ROW(R_COVER, k) >= best_cover && best_cover > 0;
    e[21] = best_cover - ROW(R_COVER, k);
    const float lgap = best_logit - ROW(R_LOGIT, k);
    e[22] = (isnan(lgap) || lgap < 10 ? lgap : 10.0f) / 10.0f;
    e[23] = best_ovl - ROW(R_OVERLAP, k);
    e[24] = ROW(R_OVERLAP, k) >= best_ovl && best_ovl > 0;
    e[25] = ROW(R_LOG_ECHO, k);
    e[26] = i > 0 ? x[(i - 1) * n_cols + col_words] : 0;
    e[27] = i < n - 1 ? x[(i + 1) * n_cols + col_words] : 0;
    e[28] = i > 0 ? ROW(R_SIG_PREV, k) : 0;
    e[29] = i < n - 1 ? ROW(R_SIG_NEXT, k) : 0;
    e[30] = 1;
#undef ROW
}

/* title_rows(cand, nwc, overlap, echoes, logit, sig, in_path, cover, host, other, log1p_table, log_table,
 * rows) -> bool: the (N_ROWS, m) inputs of title_matrix as headline.feature_matrix builds them with
 * numpy: the logarithms of the word and echo counts looked up in tables of numpy's own float32 values
 * (textlines._LOG1P_TABLE, _LOG_TABLE) and the sigmoids read from sig (numpy's, of every line's
 * logit), so that the rows are bit for bit numpy's; ~20 numpy calls a page less. False (rows
 * unspecified) when a count is past its table or not a whole number: numpy then does it. cand: int64
 * per candidate; logit, sig: float32 per line; the rest float32 per candidate. */
static PyObject *title_rows(PyObject *self, PyObject *args) {
    PyObject *o[13];
    if (!PyArg_ParseTuple(args, "OOOOOOOOOOOOO", &o[0], &o[1], &o[2], &o[3], &o[4], &o[5], &o[6], &o[7], &o[8],
                          &o[9], &o[10], &o[11], &o[12]))
        return NULL;
    Buf bufs[13];
    memset(bufs, 0, sizeof bufs);
    PyObject *result = NULL;
    if (get_buf(o[0], &bufs[0], 8, 1, 0, "title_rows") < 0 || get_buf(o[4], &bufs[4], 4, 1, 0, "title_rows") < 0)
        goto done;
    const Py_ssize_t m = bufs[0].b.len / 8, n = bufs[4].b.len / 4;
    const Py_ssize_t want[13] = {m, m, m, m, n, n, m, m, m, m, 0, 0, N_ROWS * m};
    for (int k = 1; k < 13; k++) {
        if (k == 4) continue;
        const int ok = k >= 10 && k <= 11 ? get_buf(o[k], &bufs[k], 4, 1, 0, "title_rows")
                                          : get_buf_exact(o[k], &bufs[k], 4, want[k], k == 12, "title_rows");
        if (ok < 0) goto done;
    }
    const int64_t *cand = bufs[0].b.buf;
    const float *nwc = bufs[1].b.buf, *ovl = bufs[2].b.buf, *echoes = bufs[3].b.buf, *logit = bufs[4].b.buf;
    const float *sig = bufs[5].b.buf, *l1p = bufs[10].b.buf, *lg = bufs[11].b.buf;
    const Py_ssize_t n_l1p = bufs[10].b.len / 4, n_lg = bufs[11].b.len / 4;
    float *rows = bufs[12].b.buf;
    result = Py_True;
    for (Py_ssize_t k = 0; k < m; k++) {
        const int64_t i = cand[k];
        if (i < 0 || i >= n) {
            PyErr_SetString(PyExc_IndexError, "title_rows: candidate line out of range");
            result = NULL;
            goto done;
        }
        const float w = nwc[k], e = echoes[k] > 1.0f ? echoes[k] : 1.0f; /* np.maximum(echoes, 1) */
        if (!(w >= 0 && w < (float)n_l1p && w == (float)(int64_t)w && e < (float)n_lg && e == (float)(int64_t)e)) {
            result = Py_False; /* past a table (or not a count): numpy's calls */
            break;
        }
        const int64_t prev = i > 0 ? i - 1 : 0, next = i + 1 < n ? i + 1 : n - 1;
        rows[R_NWC * m + k] = w;
        rows[R_OVERLAP * m + k] = ovl[k];
        rows[R_LOG_NWC * m + k] = l1p[(int64_t)w] / 4.0f;
        rows[R_LOG_ECHO * m + k] = lg[(int64_t)e] / 2.0f;
        rows[R_LOGIT * m + k] = logit[i];
        rows[R_SIG * m + k] = sig[i];
        rows[R_SIG_PREV * m + k] = sig[prev];
        rows[R_SIG_NEXT * m + k] = sig[next];
        for (int r = 0; r < 4; r++) rows[(R_PATH + r) * m + k] = ((const float *)bufs[6 + r].b.buf)[k];
    }
    Py_INCREF(result);
done:
    for (int k = 0; k < 13; k++)
        if (bufs[k].held) PyBuffer_Release(&bufs[k].b);
    return result;
}

/* title_matrix(x, n_cols, n_local, col_words, cand, a1, a2, keep, parts, has_url, before, after, rows,
 * out): the arithmetic of headline.feature_matrix_py. x: (n, n_cols) float32 line features; cand and
 * parts: int64 per candidate; keep: n bytes; rows: (N_ROWS, m) float32 per-candidate inputs in the
 * order of the enum above (the exp/log ones come from numpy, whose SIMD float32 exp/log are not
 * libm's); out: (m, n_local + 31) float32. Every other column follows numpy's precision: float32 where
 * numpy computes in float32, float64 rounded to float32 where numpy promotes. */
static PyObject *title_matrix(PyObject *self, PyObject *args) {
    PyObject *ox, *ocand, *okeep, *oparts, *orows, *oout;
    Py_ssize_t n_cols, n_local, col_words, a1, a2;
    int has_url;
    double before, after;
    if (!PyArg_ParseTuple(args, "OnnnOnnOOpddOO", &ox, &n_cols, &n_local, &col_words, &ocand, &a1, &a2, &okeep,
                          &oparts, &has_url, &before, &after, &orows, &oout))
        return NULL;
    Buf bufs[6];
    memset(bufs, 0, sizeof bufs);
    int64_t *ck = NULL;
    PyObject *result = NULL;
    if (PyObject_GetBuffer(ocand, &bufs[0].b, PyBUF_C_CONTIGUOUS) < 0) goto done;
    bufs[0].held = 1;
    if (PyObject_GetBuffer(okeep, &bufs[1].b, PyBUF_C_CONTIGUOUS) < 0) goto done;
    bufs[1].held = 1;
    const Py_ssize_t m = bufs[0].b.len / 8, n = bufs[1].b.len, n_out = n_local + 31;
    if (bufs[0].b.itemsize != 8 || bufs[1].b.itemsize != 1 || m < 1 || n < 1 || n_local > n_cols ||
        col_words < 0 || col_words >= n_cols || a1 < 0 || a1 >= n ||
        get_buf_exact(ox, &bufs[2], 4, n * n_cols, 0, "title_matrix") < 0 ||
        get_buf_exact(oparts, &bufs[3], 8, m, 0, "title_matrix") < 0 ||
        get_buf_exact(orows, &bufs[4], 4, N_ROWS * m, 0, "title_matrix") < 0 ||
        get_buf_exact(oout, &bufs[5], 4, m * n_out, 1, "title_matrix") < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "title_matrix: bad arguments");
        goto done;
    }
    const int64_t *cand = bufs[0].b.buf, *parts = bufs[3].b.buf;
    const uint8_t *keep = bufs[1].b.buf;
    const float *x = bufs[2].b.buf, *rows = bufs[4].b.buf;
    float *out = bufs[5].b.buf;
    ck = PyMem_Malloc((size_t)n * sizeof(int64_t)); /* np.cumsum(keep) */
    if (!ck) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0, c = 0; i < n; i++) ck[i] = (c += keep[i]);
    const Matrix mx = {x, rows, parts, ck, keep, m, n, n_cols, n_local, col_words, a1, a2, has_url, before, after,
                       max_f32(rows + R_COVER * m, m), max_f32(rows + R_OVERLAP * m, m), max_f32(rows + R_LOGIT * m, m)};
    for (Py_ssize_t k = 0; k < m; k++) {
        const int64_t i = cand[k];
        if (i < 0 || i >= n) {
            PyErr_SetString(PyExc_IndexError, "title_matrix: candidate line out of range");
            goto done;
        }
        fill_row(&mx, k, i, out + k * n_out);
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyMem_Free(ck);
    for (int k = 0; k < 6; k++)
        if (bufs[k].held) PyBuffer_Release(&bufs[k].b);
    return result;
}

static PyMethodDef methods[] = {
    {"title_rows", title_rows, METH_VARARGS, "The per-candidate input rows of title_matrix."},
    {"anchors", anchors, METH_VARARGS, "The headline anchor and the densest kept run's start."},
    {"string_columns", string_columns, METH_VARARGS,
     "Word count, body overlap and window echoes of the headline candidates."},
    {"title_matrix", title_matrix, METH_VARARGS, "The headline scorer's feature matrix."},
    {"url_shares", url_shares, METH_VARARGS, "Shares of the candidates' tokens in the URL path, slug and host."},
    {"candidates", candidates, METH_VARARGS, "Headline candidate lines and their affix-split halves."},
    {"run_start", run_start, METH_O, "Start of the densest run of kept lines (Kadane)."},
    {"lines_with_any", lines_with_any, METH_VARARGS, "The lines whose lowered text holds one of the words."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_headlinefast", "Text-mode headline C fast path.",
                                    -1, methods};

PyMODINIT_FUNC PyInit__headlinefast(void) {
    s_lower = PyUnicode_InternFromString("lower");
    if (!s_lower) return NULL;
    return PyModule_Create(&module);
}
