/* The URL cues of the text-mode headline scorer, for _headlinefast.c (included there: one extension,
 * source files under ~800 lines): the candidates' shares of URL path, slug and host tokens, and the
 * search for lines that spell out slug words. Uses _wordset.h's word sets and lowering and _buffers.h. */

/* URL cues (headline._url_columns, headline._slug_lines): the \w+ tokens of the lowered candidates
 * (re's \w on str: Py_UNICODE_ISALNUM or "_") looked up in the URL's path, host and slug words. */
typedef struct {
    const WordSet *path, *host, *slug;
    uint32_t *stamp; /* per slug slot: the candidate that last covered it, + 1 */
    uint32_t id;
    Py_ssize_t n, in_path, in_host, covered;
    Py_ssize_t (*spans)[2];
    Py_ssize_t n_spans, cap_spans;
} Tokens;

static int token_fn(Tokens *t, PyObject *s, Py_ssize_t a, Py_ssize_t b, int lower) {
    t->n++;
    t->in_path += word_in(t->path, s, a, b, lower);
    t->in_host += word_in(t->host, s, a, b, lower);
    if (t->slug->used) {
        const Word *w = word_slot(t->slug, s, a, b, lower, word_hash(s, a, b, lower));
        const size_t slot = (size_t)(w - t->slug->slots);
        if (w->src && t->stamp[slot] != t->id) {
            t->stamp[slot] = t->id;
            t->covered++;
        }
    }
    if (t->n_spans == t->cap_spans) {
        const Py_ssize_t cap = t->cap_spans ? 2 * t->cap_spans : 64;
        void *grown = PyMem_Realloc(t->spans, (size_t)cap * sizeof *t->spans);
        if (!grown) {
            PyErr_NoMemory();
            return -1;
        }
        t->spans = grown;
        t->cap_spans = cap;
    }
    t->spans[t->n_spans][0] = a;
    t->spans[t->n_spans][1] = b;
    t->n_spans++;
    return 0;
}

static int is_word_char(Py_UCS4 c) {
    if (c >= 128) return Py_UNICODE_ISALNUM(c);
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

static int each_token(Tokens *t, PyObject *s, int lower) {
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    const Py_ssize_t len = PyUnicode_GET_LENGTH(s);
    for (Py_ssize_t j = 0; j < len;) {
        if (!is_word_char(PyUnicode_READ(kind, data, j))) {
            j++;
            continue;
        }
        const Py_ssize_t a = j;
        while (j < len && is_word_char(PyUnicode_READ(kind, data, j))) j++;
        if (token_fn(t, s, a, j, lower) < 0) return -1;
    }
    return 0;
}

/* "".join(tokens) of the lowered string s. */
static PyObject *joined_tokens(const Tokens *t, PyObject *s, int lower) {
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    Py_ssize_t len = 0;
    for (Py_ssize_t k = 0; k < t->n_spans; k++) len += t->spans[k][1] - t->spans[k][0];
    Py_UCS4 *buf = PyMem_Malloc((size_t)(len ? len : 1) * sizeof(Py_UCS4));
    if (!buf) return PyErr_NoMemory();
    Py_ssize_t q = 0;
    for (Py_ssize_t k = 0; k < t->n_spans; k++)
        for (Py_ssize_t j = t->spans[k][0]; j < t->spans[k][1]; j++) buf[q++] = char_at(kind, data, j, lower);
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, len);
    PyMem_Free(buf);
    return out;
}

/* headline._host_share once the tokens are counted: 1 when the joined tokens are a host token or lie
 * inside one of 6+ characters ("Talking Home" -> talkinghome), else the share of tokens in the host. */
static int host_share(const Tokens *t, PyObject *s, int lower, PyObject *host, double *out) {
    *out = 0.0;
    if (!t->n || !t->host->used) return 0;
    PyObject *joined = joined_tokens(t, s, lower);
    if (!joined) return -1;
    int hit = word_in(t->host, joined, 0, PyUnicode_GET_LENGTH(joined), 0);
    for (Py_ssize_t k = 0; !hit && k < PyTuple_GET_SIZE(host); k++) {
        PyObject *h = PyTuple_GET_ITEM(host, k);
        if (PyUnicode_GET_LENGTH(h) < 6) continue;
        const Py_ssize_t at = PyUnicode_Find(h, joined, 0, PyUnicode_GET_LENGTH(h), 1);
        if (at == -2) {
            Py_DECREF(joined);
            return -1;
        }
        hit = at >= 0;
    }
    Py_DECREF(joined);
    *out = hit ? 1.0 : (double)t->in_host / (double)t->n;
    return 0;
}

static int words_from_tuple(WordSet *set, PyObject *words) {
    if (words_init(set) < 0) return -1;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(words); k++) {
        PyObject *w = PyTuple_GET_ITEM(words, k);
        if (!PyUnicode_Check(w)) {
            PyErr_SetString(PyExc_TypeError, "url_shares: URL words must be str");
            return -1;
        }
        if (word_add(set, w, 0, PyUnicode_GET_LENGTH(w), 0) < 0) return -1;
    }
    return 0;
}

/* url_shares(texts, path, host, slug, in_path, cover, host_share): per text, the share of its tokens in
 * the URL path words, the share of the slug words it holds, and headline._host_share; path, host and
 * slug are tuples of lowercased str, the outputs float64 buffers of len(texts). */
static PyObject *url_shares(PyObject *self, PyObject *args) {
    PyObject *texts, *path, *host, *slug, *o[3];
    if (!PyArg_ParseTuple(args, "O!O!O!O!OOO", &PyList_Type, &texts, &PyTuple_Type, &path, &PyTuple_Type, &host,
                          &PyTuple_Type, &slug, &o[0], &o[1], &o[2]))
        return NULL;
    const Py_ssize_t nt = PyList_GET_SIZE(texts);
    Buf bufs[3];
    memset(bufs, 0, sizeof bufs);
    WordSet sets[3];
    memset(sets, 0, sizeof sets);
    Tokens t = {&sets[0], &sets[1], &sets[2], NULL, 0, 0, 0, 0, 0, NULL, 0, 0};
    PyObject *result = NULL;
    for (int k = 0; k < 3; k++)
        if (get_buf_exact(o[k], &bufs[k], 8, nt, 1, "url_shares") < 0) goto done;
    if (words_from_tuple(&sets[0], path) < 0 || words_from_tuple(&sets[1], host) < 0 ||
        words_from_tuple(&sets[2], slug) < 0)
        goto done;
    t.stamp = PyMem_Calloc(sets[2].mask + 1, sizeof(uint32_t));
    if (!t.stamp) {
        PyErr_NoMemory();
        goto done;
    }
    double *in_path = bufs[0].b.buf, *cover = bufs[1].b.buf, *hosts = bufs[2].b.buf;
    for (Py_ssize_t k = 0; k < nt; k++) {
        int lower;
        PyObject *low = lowered(PyList_GET_ITEM(texts, k), &lower);
        if (!low) goto done;
        t.id = (uint32_t)k + 1;
        t.n = t.in_path = t.in_host = t.covered = t.n_spans = 0;
        if (each_token(&t, low, lower) < 0 || host_share(&t, low, lower, host, &hosts[k]) < 0) {
            Py_DECREF(low);
            goto done;
        }
        Py_DECREF(low);
        in_path[k] = t.n ? (double)t.in_path / (double)t.n : 0.0;
        cover[k] = sets[2].used ? (double)t.covered / (double)sets[2].used : 0.0;
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyMem_Free(t.stamp);
    PyMem_Free(t.spans);
    for (int k = 0; k < 3; k++) {
        words_free(&sets[k]);
        if (bufs[k].held) PyBuffer_Release(&bufs[k].b);
    }
    return result;
}

#define SCAN_RELOWER 1 /* scan_words met a character str.lower maps elsewhere: lower the line properly */

typedef struct {
    Py_UCS4 c0, c1; /* first two characters (c1 = 0 for a one-character word) */
    int kind;
    const void *data;
    Py_ssize_t len;
} ScanWord;

/* Scans one line of the page (data[0..len), lowered on the fly when lower is set) for the words, one
 * pass over its characters: a word is compared only where its first character stands (ASCII first
 * characters through a bitmap). Appends *line to out on the first hit (then skips to the line's next
 * "\n", if any); every "\n" advances *line. With lower set, returns SCAN_RELOWER, before any hit, at the
 * first character whose lowercase is not itself (lower_is_ascii). Inlined per string width. */
static inline __attribute__((always_inline)) int scan_words(const int kind, const void *data, Py_ssize_t len,
                                                            int lower, const ScanWord *words, Py_ssize_t nw,
                                                            const uint64_t first[2], PyObject *out, Py_ssize_t *line) {
    for (Py_ssize_t j = 0; j < len; j++) {
        const Py_UCS4 c = char_at(kind, data, j, lower);
        if (c == '\n') {
            (*line)++;
            continue;
        }
        if (c < 128) {
            if (!(first[c >> 6] >> (c & 63) & 1)) continue;
        } else if (lower && Py_UNICODE_TOLOWER(c) != c) {
            return SCAN_RELOWER;
        }
        int found = 0;
        const Py_UCS4 c1 = j + 1 < len ? char_at(kind, data, j + 1, lower) : 0;
        for (Py_ssize_t w = 0; w < nw && !found; w++) {
            const ScanWord *sw = &words[w];
            if (sw->c0 != c || j + sw->len > len || (sw->len > 1 && sw->c1 != c1)) continue;
            Py_ssize_t k = 2;
            while (k < sw->len && char_at(kind, data, j + k, lower) == PyUnicode_READ(sw->kind, sw->data, k)) k++;
            found = k >= sw->len;
        }
        if (!found) continue;
        PyObject *v = PyLong_FromSsize_t(*line);
        if (!v || PyList_Append(out, v) < 0) {
            Py_XDECREF(v);
            return -1;
        }
        Py_DECREF(v);
        while (j + 1 < len && PyUnicode_READ(kind, data, j + 1) != '\n') j++; /* on to the line break */
    }
    return 0;
}

static int scan_line(PyObject *s, int lower, const ScanWord *words, Py_ssize_t nw, const uint64_t first[2],
                     PyObject *out, Py_ssize_t *line) {
    const void *data = PyUnicode_DATA(s);
    const Py_ssize_t len = PyUnicode_GET_LENGTH(s);
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND:
        return scan_words(PyUnicode_1BYTE_KIND, data, len, lower, words, nw, first, out, line);
    case PyUnicode_2BYTE_KIND:
        return scan_words(PyUnicode_2BYTE_KIND, data, len, lower, words, nw, first, out, line);
    default:
        return scan_words(PyUnicode_4BYTE_KIND, data, len, lower, words, nw, first, out, line);
    }
}

/* lines_with_any(lines, words): headline._lines_with_any_py: the line numbers (counting "\n" in the
 * lowered joined lines) of the lines that hold one of words (lowercase str; \w+ words, so none spans a
 * line break). Line by line, without joining: lowered on the fly, or by str.lower where only that
 * gives Python's answer. 0.067 -> ~0.03 ms a page given a URL. */
static PyObject *lines_with_any(PyObject *self, PyObject *args) {
    PyObject *lines, *words;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &lines, &PyTuple_Type, &words)) return NULL;
    uint64_t first[2] = {0, 0};
    ScanWord *sw = PyMem_Malloc((size_t)(PyTuple_GET_SIZE(words) + 1) * sizeof(ScanWord)); /* any slug length */
    Py_ssize_t nw = 0;
    PyObject *out = NULL;
    if (!sw) return PyErr_NoMemory();
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(words); k++) {
        PyObject *w = PyTuple_GET_ITEM(words, k);
        if (!PyUnicode_Check(w)) {
            PyErr_SetString(PyExc_TypeError, "lines_with_any: words must be str");
            goto fail;
        }
        const Py_ssize_t m = PyUnicode_GET_LENGTH(w);
        if (m == 0) continue; /* \w+ words are never empty */
        const Py_UCS4 c = PyUnicode_READ_CHAR(w, 0);
        sw[nw++] = (ScanWord){c, m > 1 ? PyUnicode_READ_CHAR(w, 1) : 0, PyUnicode_KIND(w), PyUnicode_DATA(w), m};
        if (c < 128) first[c >> 6] |= (uint64_t)1 << (c & 63);
    }
    if (!(out = PyList_New(0))) goto fail;
    Py_ssize_t line = 0;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(lines); i++) {
        PyObject *s = PyList_GET_ITEM(lines, i);
        if (!PyUnicode_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "lines_with_any: lines must be str");
            goto fail;
        }
        const Py_ssize_t at = line;
        int rc = scan_line(s, 1, sw, nw, first, out, &line);
        if (rc == SCAN_RELOWER) {
            line = at;
            PyObject *low = PyObject_CallMethodNoArgs(s, s_lower);
            rc = low ? scan_line(low, 0, sw, nw, first, out, &line) : -1;
            Py_XDECREF(low);
        }
        if (rc < 0) goto fail;
        line++; /* the "\n" that joins the lines */
    }
    PyMem_Free(sw);
    return out;
fail:
    PyMem_Free(sw);
    Py_XDECREF(out);
    return NULL;
}

