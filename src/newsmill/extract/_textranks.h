/* The rank and repeat columns of text mode's line features, for _textfast.c (included there: one
 * extension, source files under ~800 lines). */

typedef struct {
    float nw;
    Py_ssize_t i;
} Ranked;

/* Descending word count, then ascending line: the order of a stable argsort of -nw. */
static int ranked_cmp(const void *pa, const void *pb) {
    const Ranked *a = pa, *b = pb;
    if (a->nw != b->nw) return a->nw > b->nw ? -1 : 1;
    return a->i < b->i ? -1 : (a->i > b->i);
}

/* The cap-th largest of v[0..n) (0-based cap < n), by quickselect on a copy. */
static float kth_largest(float *v, Py_ssize_t n, Py_ssize_t k) {
    Py_ssize_t lo = 0, hi = n - 1;
    while (lo < hi) {
        const float pivot = v[lo + (hi - lo) / 2];
        Py_ssize_t a = lo, b = hi;
        while (a <= b) {
            while (v[a] > pivot) a++;
            while (v[b] < pivot) b--;
            if (a <= b) {
                const float t = v[a];
                v[a++] = v[b];
                v[b--] = t;
            }
        }
        if (k <= b)
            hi = b;
        else if (k >= a)
            lo = a;
        else
            return v[k];
    }
    return v[k];
}

/* Capped ranks of the lines by word count (b[:, 1]): x[i, col] = min(rank_i, cap) / cap with rank the
 * position of line i in a stable argsort of -nw, as textlines._local_py computes it. Only the lines
 * with at least the cap-th largest count can rank below cap: those are sorted, the rest get cap. */
static int capped_ranks(const float *b, Py_ssize_t n, float *x, Py_ssize_t stride, Py_ssize_t col, Py_ssize_t cap) {
    float threshold = -1.0f; /* word counts are >= 0: every line is a candidate */
    if (n > cap) {
        float *tmp = PyMem_Malloc(n * sizeof(float));
        if (!tmp) return -1;
        for (Py_ssize_t i = 0; i < n; i++) tmp[i] = b[i * N_BASE + 1];
        threshold = kth_largest(tmp, n, cap - 1);
        PyMem_Free(tmp);
    }
    Ranked *cand = PyMem_Malloc((n ? n : 1) * sizeof(Ranked));
    if (!cand) return -1;
    Py_ssize_t m = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const float nw = b[i * N_BASE + 1];
        x[i * stride + col] = (float)cap / (float)cap;
        if (nw >= threshold) cand[m++] = (Ranked){nw, i};
    }
    qsort(cand, (size_t)m, sizeof(Ranked), ranked_cmp);
    for (Py_ssize_t k = 0; k < m && k < cap; k++) x[cand[k].i * stride + col] = (float)k / (float)cap;
    PyMem_Free(cand);
    return 0;
}

/* A hash of a str's code units, two lanes of 8 bytes (Python's SipHash of every line was ~10 of
 * repeat_counts' ~15 µs a page: the lines are new str objects, their hashes not cached yet). Equal
 * strings have equal kinds (CPython keeps every str in its narrowest form), so equal code units. */
static uint64_t units_hash(PyObject *s) {
    const unsigned char *p = PyUnicode_DATA(s);
    size_t n = (size_t)PyUnicode_GET_LENGTH(s) * (size_t)PyUnicode_KIND(s);
    uint64_t h0 = 0x9E3779B97F4A7C15ULL ^ n, h1 = 0xC2B2AE3D27D4EB4FULL ^ (uint64_t)PyUnicode_KIND(s);
    for (; n >= 16; p += 16, n -= 16) {
        uint64_t a, b;
        memcpy(&a, p, 8);
        memcpy(&b, p + 8, 8);
        h0 = (h0 ^ a) * 0xFF51AFD7ED558CCDULL;
        h1 = (h1 ^ b) * 0xC4CEB9FE1A85EC53ULL;
        h0 ^= h0 >> 29;
        h1 ^= h1 >> 31;
    }
    uint64_t a = 0, b = 0;
    memcpy(&a, p, n < 8 ? n : 8);
    if (n > 8) memcpy(&b, p + 8, n - 8);
    h0 = (h0 ^ a) * 0xFF51AFD7ED558CCDULL;
    h1 = (h1 ^ b) * 0xC4CEB9FE1A85EC53ULL;
    const uint64_t h = h0 ^ (h1 >> 7) ^ (h1 << 57);
    return h ^ (h >> 32);
}

static int same_units(PyObject *a, PyObject *b) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(a);
    const int kind = PyUnicode_KIND(a);
    return n == PyUnicode_GET_LENGTH(b) && kind == PyUnicode_KIND(b) &&
           memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)n * (size_t)kind) == 0;
}

/* rep[i] = how many lines equal texts[i] (Counter(texts)[texts[i]]): an open-addressing table over
 * units_hash, equal strings found by their code units. */
static int repeat_counts(PyObject *texts, float *rep) {
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    size_t size = 16;
    while (size < (size_t)n * 2) size <<= 1;
    Py_ssize_t *first = PyMem_Malloc(size * sizeof(Py_ssize_t)), *slot_of = PyMem_Malloc((n ? n : 1) * sizeof(Py_ssize_t));
    uint64_t *hashes = PyMem_Malloc(size * sizeof(uint64_t));
    float *count = PyMem_Calloc(size, sizeof(float));
    int rc = -1;
    if (!first || !slot_of || !hashes || !count) {
        PyErr_NoMemory();
        goto done;
    }
    for (size_t j = 0; j < size; j++) first[j] = -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *s = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "rep_rank: texts must be str");
            goto done;
        }
        const uint64_t h = units_hash(s);
        size_t j = (size_t)h & (size - 1);
        while (first[j] >= 0) {
            if (hashes[j] == h && same_units(PyList_GET_ITEM(texts, first[j]), s)) break;
            j = (j + 1) & (size - 1);
        }
        if (first[j] < 0) {
            first[j] = i;
            hashes[j] = h;
        }
        count[j] += 1.0f;
        slot_of[i] = (Py_ssize_t)j;
    }
    for (Py_ssize_t i = 0; i < n; i++) rep[i] = count[slot_of[i]];
    rc = 0;
done:
    PyMem_Free(first);
    PyMem_Free(slot_of);
    PyMem_Free(hashes);
    PyMem_Free(count);
    return rc;
}

/* rep_rank(texts, b, rep, x, stride, col, cap): repeat_counts of texts into rep (n float32) and
 * capped_ranks of the word counts in b (n, 12 float32) into column col of x (n, stride float32). */
static PyObject *rep_rank(PyObject *self, PyObject *args) {
    PyObject *texts, *o[3];
    Py_ssize_t stride, col, cap;
    if (!PyArg_ParseTuple(args, "O!OOOnnn", &PyList_Type, &texts, &o[0], &o[1], &o[2], &stride, &col, &cap))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    Buf bufs[3];
    memset(bufs, 0, sizeof bufs);
    for (int i = 0; i < 3; i++) {
        if (get_buf(o[i], &bufs[i], 4, 0, i >= 1, "rep_rank") < 0) {
            release(bufs, 3);
            return NULL;
        }
    }
    if (bufs[0].b.len != 4 * N_BASE * n || bufs[1].b.len != 4 * n || bufs[2].b.len != 4 * stride * n || col < 0 ||
        col >= stride || cap < 1) {
        release(bufs, 3);
        PyErr_SetString(PyExc_ValueError, "rep_rank: sizes do not match");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++)
        if (!PyUnicode_Check(PyList_GET_ITEM(texts, i))) {
            release(bufs, 3);
            PyErr_SetString(PyExc_TypeError, "rep_rank: texts must be str");
            return NULL;
        }
    const int rc = repeat_counts(texts, bufs[1].b.buf) < 0 ? -1
                   : capped_ranks(bufs[0].b.buf, n, bufs[2].b.buf, stride, col, cap) < 0 ? (PyErr_NoMemory(), -1)
                                                                                          : 0;
    release(bufs, 3);
    if (rc < 0) return NULL;
    Py_RETURN_NONE;
}
