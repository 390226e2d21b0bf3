/* Text mode's article assembly for _textfast.c (included there: one extension, source files under
 * ~800 lines): dropped lines merged into named removed blocks, the kind of every kept line, and the
 * kept lines joined into the article text and its paragraphs. Uses Buf/get_buf from _textfast.c. */

/* s.count(" ") < limit, reading s only up to its limit-th space: a kept paragraph's full count was
 * 1.1% of text mode's CPU time (perf) for an answer that the first ~15 words settle. */
static int spaces_below(PyObject *s, Py_ssize_t limit) {
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    const Py_ssize_t len = PyUnicode_GET_LENGTH(s);
    Py_ssize_t count = 0;
    for (Py_ssize_t j = 0; j < len && count < limit; j++) count += PyUnicode_READ(kind, data, j) == ' ';
    return count < limit;
}

/* The Removed and Paragraph classes of the last call, filled slot by slot (_fastslots.h). */
static Maker removed_maker, paragraph_maker;

/* removed_blocks(texts, dropped, nw, x, n_cols, cols, byline_max, widget_max, names, cls):
 * text._removed_blocks_py(pl, dropped, text._reasons(x, flags)). dropped: int64 line indices in
 * increasing order; nw: n float32 word counts; x: (n, n_cols) float32 whose columns cols are the
 * keyword flags in reason order (the last one: byline). Runs of consecutive dropped lines with the
 * same reason become cls("\n".join(lines), names[reason]). */
static PyObject *removed_blocks(PyObject *self, PyObject *args) {
    PyObject *texts, *od, *onw, *ox, *ocols, *names, *cls;
    Py_ssize_t n_cols;
    double byline_max_d, widget_max_d;
    if (!PyArg_ParseTuple(args, "O!OOOnO!ddO!O", &PyList_Type, &texts, &od, &onw, &ox, &n_cols, &PyTuple_Type,
                          &ocols, &byline_max_d, &widget_max_d, &PyTuple_Type, &names, &cls))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts), nc = PyTuple_GET_SIZE(ocols);
    if (maker_for(&removed_maker, cls, 2) < 0) return NULL;
    Buf bufs[3];
    memset(bufs, 0, sizeof bufs);
    Py_ssize_t cols[32];
    int ok = nc >= 1 && nc <= 32 && PyTuple_GET_SIZE(names) == nc + 1;
    for (Py_ssize_t q = 0; ok && q < nc; q++) {
        cols[q] = PyLong_AsSsize_t(PyTuple_GET_ITEM(ocols, q));
        ok = cols[q] >= 0 && cols[q] < n_cols;
    }
    if (!ok || get_buf(od, &bufs[0], 8, 0, 0, "removed_blocks") < 0 ||
        get_buf(onw, &bufs[1], 4, n, 0, "removed_blocks") < 0 ||
        get_buf(ox, &bufs[2], 4, n * n_cols, 0, "removed_blocks") < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "removed_blocks: bad arguments");
        release(bufs, 3);
        return NULL;
    }
    const int64_t *dropped = bufs[0].b.buf;
    const Py_ssize_t nd = bufs[0].b.len / 8;
    const float *nw = bufs[1].b.buf, *x = bufs[2].b.buf;
    const float byline_max = (float)byline_max_d, widget_max = (float)widget_max_d;
    PyObject *sep = PyUnicode_FromString("\n"), *out = PyList_New(0), *run = NULL;
    if (!sep || !out) goto fail;
    Py_ssize_t prev = -2, prev_r = -1;
    for (Py_ssize_t q = 0; q <= nd; q++) {
        Py_ssize_t i = -1, r = -1;
        if (q < nd) {
            i = (Py_ssize_t)dropped[q];
            if (i < 0 || i >= n) {
                PyErr_SetString(PyExc_IndexError, "removed_blocks: line index out of range");
                goto fail;
            }
            r = nc;
            if (nw[i] <= widget_max) {
                for (Py_ssize_t g = 0; g < nc; g++) {
                    if (x[i * n_cols + cols[g]] > 0 && (g != nc - 1 || nw[i] <= byline_max)) {
                        r = g;
                        break;
                    }
                }
            }
        }
        if (run && (q == nd || i != prev + 1 || r != prev_r)) { /* close the current block */
            PyObject *joined = PyUnicode_Join(sep, run);
            Py_CLEAR(run);
            if (!joined) goto fail;
            PyObject *vals[2] = {joined, PyTuple_GET_ITEM(names, prev_r)};
            PyObject *block = make(&removed_maker, cls, vals, 2);
            Py_DECREF(joined);
            if (!block) goto fail;
            int err = PyList_Append(out, block);
            Py_DECREF(block);
            if (err < 0) goto fail;
        }
        if (q == nd) break;
        if (!run && !(run = PyList_New(0))) goto fail;
        if (PyList_Append(run, PyList_GET_ITEM(texts, i)) < 0) goto fail;
        prev = i;
        prev_r = r;
    }
    Py_DECREF(sep);
    release(bufs, 3);
    return out;
fail:
    Py_XDECREF(sep);
    Py_XDECREF(out);
    Py_XDECREF(run);
    release(bufs, 3);
    return NULL;
}

static int tailmatch_any(PyObject *s, PyObject *subs, int direction) {
    for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(subs); j++) {
        Py_ssize_t r = PyUnicode_Tailmatch(s, PyTuple_GET_ITEM(subs, j), 0, PY_SSIZE_T_MAX, direction);
        if (r != 0) return (int)r; /* 1 or -1 (error) */
    }
    return 0;
}

/* kinds(texts, kept, x, n_cols, col_before, col_after, keep, names, bullets, terminal, max_spaces):
 * text._kinds_py: the paragraph kind of every kept line, as one of names = (list_item, heading,
 * paragraph). x: (n, n_cols) float32; keep: n bools. */
static PyObject *kinds(PyObject *self, PyObject *args) {
    PyObject *texts, *kept, *ox, *okeep, *names, *bullets, *terminal;
    Py_ssize_t n_cols, cb, ca, max_spaces;
    if (!PyArg_ParseTuple(args, "O!O!OnnnOO!O!O!n", &PyList_Type, &texts, &PyList_Type, &kept, &ox, &n_cols,
                          &cb, &ca, &okeep, &PyTuple_Type, &names, &PyTuple_Type, &bullets, &PyTuple_Type,
                          &terminal, &max_spaces))
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(texts), nk = PyList_GET_SIZE(kept);
    Buf bufs[2];
    memset(bufs, 0, sizeof bufs);
    if (PyTuple_GET_SIZE(names) != 3 || cb < 0 || ca < 0 || cb >= n_cols || ca >= n_cols ||
        get_buf(ox, &bufs[0], 4, n * n_cols, 0, "kinds") < 0 || get_buf(okeep, &bufs[1], 1, n, 0, "kinds") < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "kinds: bad arguments");
        release(bufs, 2);
        return NULL;
    }
    const float *x = bufs[0].b.buf;
    const uint8_t *keep = bufs[1].b.buf;
    PyObject *out = PyList_New(nk);
    if (!out) goto fail;
    for (Py_ssize_t q = 0; q < nk; q++) {
        Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(kept, q));
        if (i < 0 || i >= n) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_IndexError, "kinds: kept index out of range");
            goto fail;
        }
        PyObject *s = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "kinds: texts must be str");
            goto fail;
        }
        int alone = x[i * n_cols + cb] > 0 && x[i * n_cols + ca] > 0;
        int next_kept = i + 1 < n && keep[i + 1];
        int kind = 2; /* paragraph */
        int bullet = alone ? tailmatch_any(s, bullets, -1) : 1;
        if (bullet < 0) goto fail;
        if (bullet) {
            kind = 0;
        } else if (next_kept) {
            if (spaces_below(s, max_spaces)) {
                int term = tailmatch_any(s, terminal, 1);
                if (term < 0) goto fail;
                if (!term) kind = 1;
            }
        }
        PyObject *name = PyTuple_GET_ITEM(names, kind);
        Py_INCREF(name);
        PyList_SET_ITEM(out, q, name);
    }
    release(bufs, 2);
    return out;
fail:
    Py_XDECREF(out);
    release(bufs, 2);
    return NULL;
}

/* join_blocks(lines, kept, kinds, paragraph): model.join_paragraphs over the blocks (lines[kept[k]],
 * kinds[k]): (the texts joined by blank lines, [paragraph(text, start, end, kind), ...]) with start/end
 * the offsets of each text in the joined string. */
static PyObject *join_blocks(PyObject *self, PyObject *args) {
    PyObject *lines, *kept, *kinds, *paragraph;
    if (!PyArg_ParseTuple(args, "O!O!O!O", &PyList_Type, &lines, &PyList_Type, &kept, &PyList_Type, &kinds,
                          &paragraph))
        return NULL;
    const Py_ssize_t m = PyList_GET_SIZE(kept);
    if (maker_for(&paragraph_maker, paragraph, 4) < 0) return NULL;
    if (PyList_GET_SIZE(kinds) != m) {
        PyErr_SetString(PyExc_ValueError, "join_blocks: kept and kinds differ in length");
        return NULL;
    }
    PyObject *texts = PyList_New(m), *paras = PyList_New(m), *sep = NULL, *body = NULL;
    if (!texts || !paras) goto fail;
    Py_ssize_t pos = 0;
    for (Py_ssize_t k = 0; k < m; k++) {
        const Py_ssize_t i = PyLong_AsSsize_t(PyList_GET_ITEM(kept, k));
        if (i < 0 || i >= PyList_GET_SIZE(lines) || !PyUnicode_Check(PyList_GET_ITEM(lines, i))) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_IndexError, "join_blocks: bad line index");
            goto fail;
        }
        PyObject *t = PyList_GET_ITEM(lines, i);
        Py_INCREF(t);
        PyList_SET_ITEM(texts, k, t);
        if (k) pos += 2;
        const Py_ssize_t end = pos + PyUnicode_GET_LENGTH(t);
        PyObject *start = PyLong_FromSsize_t(pos), *stop = PyLong_FromSsize_t(end), *para = NULL;
        if (start && stop) {
            PyObject *vals[4] = {t, start, stop, PyList_GET_ITEM(kinds, k)};
            para = make(&paragraph_maker, paragraph, vals, 4);
        }
        Py_XDECREF(start);
        Py_XDECREF(stop);
        if (!para) goto fail;
        PyList_SET_ITEM(paras, k, para);
        pos = end;
    }
    sep = PyUnicode_FromString("\n\n");
    if (!sep || !(body = PyUnicode_Join(sep, texts))) goto fail;
    Py_DECREF(sep);
    Py_DECREF(texts);
    return Py_BuildValue("(NN)", body, paras);
fail:
    Py_XDECREF(texts);
    Py_XDECREF(paras);
    Py_XDECREF(sep);
    return NULL;
}

