/* ---- hints._classify_py in C ----------------------------------------------------------------
 * The class/id rules stay in hints.py (token tables, precedence); this is the same computation
 * without a Python frame and a regex split per element. tests/test_extract_htmlfast.py compares it
 * with _classify_py on every distinct (tag, class, id, role, itemprop, hidden) of the benchmark
 * pages and on random class strings. Included by _htmlfast.c: one extension, source files under
 * ~800 lines. */
static PyObject *h_role_reason, *h_tag_reason, *h_hidden, *h_shown_search, *h_strong, *h_positive,
    *h_negative, *h_caption, *h_id_only, *h_late, *h_comments, *h_byline, *h_comment;
static Py_ssize_t h_max_token, h_max_hidden; /* longest ASCII key of the token tables: longer tokens match nothing */

/* *longest = max(*longest, the longest str key of `table`); -1 on error. */
static int max_key_len(PyObject *table, Py_ssize_t *longest) {
    PyObject *it = PyObject_GetIter(table), *key;
    if (it == NULL) return -1;
    while ((key = PyIter_Next(it)) != NULL) {
        if (PyUnicode_GET_LENGTH(key) > *longest) *longest = PyUnicode_GET_LENGTH(key);
        Py_DECREF(key);
    }
    Py_DECREF(it);
    return PyErr_Occurred() ? -1 : 0;
}

static PyObject *configure_hints(PyObject *self, PyObject *args) {
    PyObject *o[10];
    if (!PyArg_ParseTuple(args, "O!O!O!OO!O!O!O!O!O!", &PyDict_Type, &o[0], &PyDict_Type, &o[1], &PyFrozenSet_Type,
                          &o[2], &o[3], &PyTuple_Type, &o[4], &PyFrozenSet_Type, &o[5], &PyDict_Type, &o[6],
                          &PyFrozenSet_Type, &o[7], &PyFrozenSet_Type, &o[8], &PyDict_Type, &o[9]))
        return NULL;
    PyObject **dst[10] = {&h_role_reason, &h_tag_reason, &h_hidden,  &h_shown_search, &h_strong,
                          &h_positive,    &h_negative,   &h_caption, &h_id_only,      &h_late};
    keep_refs(dst, o, 10);
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(h_strong); i++)
        if (!PyBytes_Check(PyTuple_GET_ITEM(h_strong, i)))
            return PyErr_Format(PyExc_TypeError, "strong literals must be bytes");
    h_max_token = 0;
    h_max_hidden = 0;
    if (max_key_len(h_positive, &h_max_token) < 0 || max_key_len(h_negative, &h_max_token) < 0 ||
        max_key_len(h_caption, &h_max_token) < 0 || max_key_len(h_late, &h_max_token) < 0 ||
        max_key_len(h_hidden, &h_max_hidden) < 0)
        return NULL;
    if (h_max_token > 63) return PyErr_Format(PyExc_ValueError, "token table key longer than 63 chars");
    if (h_comments == NULL) h_comments = PyUnicode_InternFromString("comments");
    if (h_byline == NULL) h_byline = PyUnicode_InternFromString("byline");
    if (h_comment == NULL) h_comment = PyUnicode_InternFromString("comment");
    Py_RETURN_NONE;
}

static inline int is_sep(Py_UCS4 c) {
    return c == '_' || c == '-' || c == ':' || c == '/' || c == '.' || Py_UNICODE_ISSPACE(c);
}

/* hints.tokens: split on [\s_\-:/.]+ and between an ASCII lowercase and an ASCII uppercase letter,
 * then lowercase. Tokens longer than every table key are skipped (they cannot match). */
static int class_tokens(PyObject *raw, PyObject *out) {
    int kind = PyUnicode_KIND(raw);
    const void *data = PyUnicode_DATA(raw);
    Py_ssize_t n = PyUnicode_GET_LENGTH(raw), i = 0;
    while (i < n) {
        while (i < n && is_sep(PyUnicode_READ(kind, data, i))) i++;
        if (i >= n) break;
        Py_ssize_t start = i;
        int ascii = 1;
        Py_UCS4 prev = 0;
        while (i < n) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            if (is_sep(c) || (i > start && prev >= 'a' && prev <= 'z' && c >= 'A' && c <= 'Z')) break;
            if (c > 127) ascii = 0;
            prev = c;
            i++;
        }
        Py_ssize_t len = i - start;
        PyObject *tok = NULL;
        if (ascii) {
            if (len > h_max_token) continue;
            char buf[64];
            for (Py_ssize_t k = 0; k < len; k++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, start + k);
                buf[k] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
            tok = PyUnicode_FromStringAndSize(buf, len);
        } else {
            PyObject *sub = PyUnicode_Substring(raw, start, i);
            if (sub != NULL) {
                tok = PyObject_CallMethod(sub, "lower", NULL);
                Py_DECREF(sub);
            }
        }
        if (tok == NULL || PyList_Append(out, tok) < 0) {
            Py_XDECREF(tok);
            return -1;
        }
        Py_DECREF(tok);
    }
    return 0;
}

/* _STRONG: any literal in the lowercased class/id (UTF-8) with '-' and '_' removed. */
static int strong_match(const char *s, Py_ssize_t n) {
    char stack[512];
    char *buf = n <= (Py_ssize_t)sizeof stack ? stack : PyMem_Malloc((size_t)n);
    if (buf == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t m = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (s[i] != '-' && s[i] != '_') buf[m++] = s[i];
    int found = 0;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(h_strong) && !found; k++) {
        PyObject *lit = PyTuple_GET_ITEM(h_strong, k);
        if (memmem(buf, (size_t)m, PyBytes_AS_STRING(lit), (size_t)PyBytes_GET_SIZE(lit)) != NULL) found = 1;
    }
    if (buf != stack) PyMem_Free(buf);
    return found;
}

/* An ASCII word of `s` (split on whitespace, as str.split) in h_hidden. */
static int ascii_word_in_hidden(const char *s, Py_ssize_t n) {
    Py_ssize_t i = 0;
    while (i < n) {
        while (i < n && Py_UNICODE_ISSPACE((unsigned char)s[i])) i++;
        Py_ssize_t start = i;
        while (i < n && !Py_UNICODE_ISSPACE((unsigned char)s[i])) i++;
        if (i > start && i - start <= h_max_hidden) {
            PyObject *w = PyUnicode_FromStringAndSize(s + start, i - start);
            if (w == NULL) return -1;
            int r = PySet_Contains(h_hidden, w);
            Py_DECREF(w);
            if (r != 0) return r;
        }
    }
    return 0;
}

/* any item of list `items` in set `set`: 1, 0, -1 on error */
static int any_in(PyObject *set, PyObject *items) {
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
        int r = PySet_Contains(set, PyList_GET_ITEM(items, i));
        if (r != 0) return r;
    }
    return 0;
}

static int all_space(PyObject *s) {
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(s); i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) return 0;
    return 1;
}

static int tag_is(PyObject *tag, const char *a, const char *b) {
    return PyUnicode_CompareWithASCIIString(tag, a) == 0 || (b && PyUnicode_CompareWithASCIIString(tag, b) == 0);
}

/* The hidden level and the strong flag from the lowercased "cls ident": 0, or -1 on error. */
static int low_checks(PyObject *cls, PyObject *ident, long *hidden, int *strong) {
    int sr, m;
    if (PyUnicode_IS_ASCII(cls) && PyUnicode_IS_ASCII(ident)) {
        Py_ssize_t a = PyUnicode_GET_LENGTH(cls), b = PyUnicode_GET_LENGTH(ident), n = a + 1 + b;
        char stack[512];
        char *buf = n <= (Py_ssize_t)sizeof stack ? stack : PyMem_Malloc((size_t)n);
        if (buf == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        const char *c = (const char *)PyUnicode_DATA(cls), *d = (const char *)PyUnicode_DATA(ident);
        for (Py_ssize_t i = 0; i < a; i++) buf[i] = (char)(c[i] >= 'A' && c[i] <= 'Z' ? c[i] + 32 : c[i]);
        buf[a] = ' ';
        for (Py_ssize_t i = 0; i < b; i++) buf[a + 1 + i] = (char)(d[i] >= 'A' && d[i] <= 'Z' ? d[i] + 32 : d[i]);
        sr = ascii_word_in_hidden(buf, n);
        m = (sr < 0 || *strong) ? 0 : strong_match(buf, n);
        if (buf != stack) PyMem_Free(buf);
    } else {
        PyObject *low = PyUnicode_FromFormat("%U %U", cls, ident), *l2;
        if (low == NULL) return -1;
        l2 = PyObject_CallMethod(low, "lower", NULL);
        Py_DECREF(low);
        if (l2 == NULL) return -1;
        PyObject *words = PyUnicode_Split(l2, NULL, -1);
        sr = words == NULL ? -1 : any_in(h_hidden, words);
        Py_XDECREF(words);
        m = 0;
        if (sr >= 0 && !*strong) {
            Py_ssize_t n;
            const char *u = PyUnicode_AsUTF8AndSize(l2, &n);
            m = u == NULL ? -1 : strong_match(u, n);
        }
        Py_DECREF(l2);
    }
    if (sr < 0 || m < 0) return -1;
    if (sr) {
        PyObject *hit = PyObject_CallOneArg(h_shown_search, cls); /* "hidden md:flex": shown on wide screens */
        if (hit == NULL) return -1;
        if (hit == Py_None) *hidden = 2; /* hints.SCREEN_READER */
        Py_DECREF(hit);
    }
    if (m) *strong = 1;
    return 0;
}

/* classify_hint(tag, cls, ident, role, prop, hidden): hints._classify_py */
static PyObject *classify_hint(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 6 || !PyUnicode_Check(args[0]) || !PyUnicode_Check(args[1]) || !PyUnicode_Check(args[2]) ||
        !PyUnicode_Check(args[3]) || !PyUnicode_Check(args[4]) || !PyLong_Check(args[5]))
        return PyErr_Format(PyExc_TypeError, "classify_hint(tag, cls, ident, role, prop, hidden)");
    if (h_negative == NULL) return PyErr_Format(PyExc_RuntimeError, "configure_hints was not called");
    PyObject *tag = args[0], *cls = args[1], *ident = args[2], *role = args[3], *prop = args[4];
    long hidden = PyLong_AsLong(args[5]);
    PyObject *reason = NULL, *toks = NULL, *result = NULL;
    PyObject *fallback = PyDict_GetItemWithError(h_tag_reason, tag);
    if (fallback == NULL && PyErr_Occurred()) return NULL;
    if (PyUnicode_GET_LENGTH(role)) {
        PyObject *r = PyDict_GetItemWithError(h_role_reason, role);
        if (r == NULL && PyErr_Occurred()) return NULL;
        if (r != NULL) fallback = r;
    }
    int strong = tag_is(prop, "articlebody", "text") || tag_is(prop, "reviewbody", NULL);
    int positive = strong, article_tag = tag_is(tag, "article", "main");
    if (!all_space(cls) || !all_space(ident)) {
        int was = strong;
        if (low_checks(cls, ident, &hidden, &strong) < 0) return NULL;
        if (strong && !was) positive = 1;
        toks = PyList_New(0);
        if (toks == NULL || class_tokens(cls, toks) < 0) goto done;
        Py_ssize_t ncls = PyList_GET_SIZE(toks); /* tokens before this index come from the class */
        if (class_tokens(ident, toks) < 0) goto done;
        if (!positive) {
            int p = any_in(h_positive, toks);
            if (p < 0) goto done;
            positive = p;
        }
        if (!(positive && article_tag)) {
            for (Py_ssize_t i = 0; i < PyList_GET_SIZE(toks) && reason == NULL; i++) {
                if (i < ncls) {
                    int id_only = PySet_Contains(h_id_only, PyList_GET_ITEM(toks, i));
                    if (id_only < 0) goto done;
                    if (id_only) continue;
                }
                reason = PyDict_GetItemWithError(h_negative, PyList_GET_ITEM(toks, i));
                if (reason == NULL && PyErr_Occurred()) goto done;
            }
        }
    }
    if (strong && reason != NULL && PyUnicode_CompareWithASCIIString(reason, "comments") != 0) reason = NULL;
    if (reason == NULL && article_tag && toks != NULL) {
        int c = PySequence_Contains(toks, h_comment);
        if (c < 0) goto done;
        if (c) reason = h_comments;
    }
    if (reason == NULL) reason = fallback;
    if (reason == NULL && PyUnicode_CompareWithASCIIString(prop, "author") == 0) reason = h_byline;
    for (Py_ssize_t i = 0; reason == NULL && !strong && toks != NULL && i < PyList_GET_SIZE(toks); i++) {
        reason = PyDict_GetItemWithError(h_late, PyList_GET_ITEM(toks, i));
        if (reason == NULL && PyErr_Occurred()) goto done;
    }
    int caption = tag_is(tag, "figure", NULL);
    if (!caption && toks != NULL) {
        caption = any_in(h_caption, toks);
        if (caption < 0) goto done;
    }
    PyObject *level = PyLong_FromLong(hidden);
    if (level == NULL) goto done;
    result = PyTuple_Pack(5, reason ? reason : Py_None, positive ? Py_True : Py_False, strong ? Py_True : Py_False,
                          level, caption ? Py_True : Py_False);
    Py_DECREF(level);
done:
    Py_XDECREF(toks);
    return result;
}
