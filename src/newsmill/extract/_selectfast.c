/* Optional C fast path for htmlselect.build_tree (docs/design.md, "HTML mode: C walk").
 *
 * htmlselect.build_tree_python is the reference: per-element passes over the walk's Elem and Block
 * records (the prose override of wrong hints, inherited hints and hidden flags, subtree ends,
 * teaser blocks, subtree weight sums). tree_pass() runs the same passes over the records' slots;
 * every rule constant and the hint categories come from Python (configure), so the rules live in one
 * place. Results, including the Elem fields the passes change and the float sums bit for bit, must
 * equal the Python ones (tests/test_extract_selectfast.py, on fixtures and every benchmark page).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <string.h>

#include "_fastslots.h"

/* Hint categories (bit flags), from configure's dict of hint slug -> flags. */
enum { H_KEEP = 1, H_MENU = 2, H_NOT_PROSE = 4, H_SUMMARY = 8, H_FORM = 16, H_REVIEWS = 32 };

enum { E_PARENT, E_HINT, E_STRONG, E_HIDDEN, E_DEK, E_N };
enum { B_TEXT, B_ELEM, B_KIND, B_LINKS, B_N };
static const char *elem_names[E_N] = {"parent", "hint", "strong", "hidden", "dek"};
static const char *block_names[B_N] = {"text", "elem", "kind", "link_chars"};
static Py_ssize_t e_off[E_N], b_off[B_N];
static PyTypeObject *elem_type, *block_type;
static PyObject *hint_flags, *is_data_match, *kind_heading, *kind_cell, *py_zero;
static long prose_override, teaser_chars, machine_copy, tail_chars, tail_repeats;
static double hinted, listing_link;

static int offsets(PyObject *type, const char **names, int n, Py_ssize_t *out) {
    for (int i = 0; i < n; i++) {
        PyObject *name = PyUnicode_FromString(names[i]);
        int ok = name == NULL ? -1 : slot_offset(type, name, &out[i]);
        Py_XDECREF(name);
        if (ok < 0) return -1;
        if (ok == 0) {
            PyErr_Format(PyExc_TypeError, "%s is not a plain slot", names[i]);
            return -1;
        }
    }
    return 0;
}

/* configure(Elem, Block, hint_flags, is_data_match, "heading", "cell", prose_override, hinted,
 *           teaser_chars, listing_link, machine_copy, tail_chars, tail_repeats) */
static PyObject *configure(PyObject *self, PyObject *args) {
    PyObject *et, *bt, *flags, *match, *heading, *cell;
    if (!PyArg_ParseTuple(args, "O!O!O!OUUldldlll", &PyType_Type, &et, &PyType_Type, &bt, &PyDict_Type, &flags,
                          &match, &heading, &cell, &prose_override, &hinted, &teaser_chars, &listing_link,
                          &machine_copy, &tail_chars, &tail_repeats))
        return NULL;
    if (offsets(et, elem_names, E_N, e_off) < 0 || offsets(bt, block_names, B_N, b_off) < 0) return NULL;
    PyObject *keep[6] = {et, bt, flags, match, heading, cell};
    PyObject **dst[6] = {(PyObject **)&elem_type, (PyObject **)&block_type, &hint_flags, &is_data_match,
                         &kind_heading, &kind_cell};
    keep_refs(dst, keep, 6);
    if (py_zero == NULL && (py_zero = PyLong_FromLong(0)) == NULL) return NULL;
    Py_RETURN_NONE;
}

/* The walk's records read once into C arrays: parents, block elements, and the text facts the
 * passes need (length, spaces, last character, link chars). */
typedef struct {
    Py_ssize_t n, nb;
    PyObject **elems, **blocks; /* borrowed: the caller's lists keep them alive */
    int *parent, *belem;
    Py_ssize_t *blen, *bspaces, *blinks;
    Py_UCS4 *bfirst, *blast;
    char *heading, *cell;
} Pass;

static int flags_of(PyObject *hint) {
    if (hint == Py_None) return 0;
    PyObject *f = PyDict_GetItemWithError(hint_flags, hint);
    return f == NULL ? 0 : (int)PyLong_AsLong(f);
}

static void set_slot(PyObject *o, Py_ssize_t off, PyObject *v) {
    Py_INCREF(v);
    Py_XSETREF(SLOT(o, off), v);
}

static int same_str(PyObject *a, PyObject *b) {
    if (a == b) return 1;
    if (a == Py_None || b == Py_None) return 0;
    return PyUnicode_Compare(a, b) == 0;
}

static Py_ssize_t count_spaces(PyObject *t) {
    int kind = PyUnicode_KIND(t);
    const void *data = PyUnicode_DATA(t);
    Py_ssize_t n = PyUnicode_GET_LENGTH(t), c = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *s = data;
        for (Py_ssize_t i = 0; i < n; i++) c += s[i] == ' ';
    } else {
        for (Py_ssize_t i = 0; i < n; i++) c += PyUnicode_READ(kind, data, i) == ' ';
    }
    return c;
}

static void pass_free(Pass *p) {
    PyMem_Free(p->parent);
    PyMem_Free(p->belem);
    PyMem_Free(p->blen);
    PyMem_Free(p->bspaces);
    PyMem_Free(p->blinks);
    PyMem_Free(p->bfirst);
    PyMem_Free(p->blast);
    PyMem_Free(p->heading);
    PyMem_Free(p->cell);
}

static int check(PyObject *o, PyTypeObject *t) {
    if (Py_IS_TYPE(o, t)) return 0;
    PyErr_Format(PyExc_TypeError, "expected %s, got %s", t->tp_name, Py_TYPE(o)->tp_name);
    return -1;
}

static int pass_load(Pass *p, PyObject *elems, PyObject *blocks) {
    p->n = PyList_GET_SIZE(elems);
    p->nb = PyList_GET_SIZE(blocks);
    p->elems = ((PyListObject *)elems)->ob_item;
    p->blocks = ((PyListObject *)blocks)->ob_item;
    Py_ssize_t n = p->n + 1, nb = p->nb + 1;
    p->parent = PyMem_Malloc(n * sizeof(int));
    p->belem = PyMem_Malloc(nb * sizeof(int));
    p->blen = PyMem_Malloc(nb * sizeof(Py_ssize_t));
    p->bspaces = PyMem_Malloc(nb * sizeof(Py_ssize_t));
    p->blinks = PyMem_Malloc(nb * sizeof(Py_ssize_t));
    p->bfirst = PyMem_Malloc(nb * sizeof(Py_UCS4));
    p->blast = PyMem_Malloc(nb * sizeof(Py_UCS4));
    p->heading = PyMem_Malloc(nb);
    p->cell = PyMem_Malloc(nb);
    if (!p->parent || !p->belem || !p->blen || !p->bspaces || !p->blinks || !p->bfirst || !p->blast ||
        !p->heading || !p->cell) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < p->n; i++) {
        PyObject *e = p->elems[i];
        if (check(e, elem_type) < 0) return -1;
        long par = PyLong_AsLong(SLOT(e, e_off[E_PARENT]));
        if (par >= i || par < -1 || (par < 0 && i > 0)) {
            if (!PyErr_Occurred()) PyErr_Format(PyExc_ValueError, "element %zd: bad parent %ld", i, par);
            return -1;
        }
        p->parent[i] = (int)par;
    }
    for (Py_ssize_t k = 0; k < p->nb; k++) {
        PyObject *b = p->blocks[k], *t, *kind;
        if (check(b, block_type) < 0) return -1;
        t = SLOT(b, b_off[B_TEXT]);
        kind = SLOT(b, b_off[B_KIND]);
        long el = PyLong_AsLong(SLOT(b, b_off[B_ELEM]));
        if (!PyUnicode_Check(t) || !PyUnicode_Check(kind) || el < 0 || el >= p->n) {
            if (!PyErr_Occurred()) PyErr_Format(PyExc_ValueError, "block %zd: bad record", k);
            return -1;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(t);
        p->belem[k] = (int)el;
        p->blen[k] = len;
        p->bspaces[k] = count_spaces(t);
        p->blinks[k] = PyLong_AsSsize_t(SLOT(b, b_off[B_LINKS]));
        p->bfirst[k] = len ? PyUnicode_READ_CHAR(t, 0) : 0;
        p->blast[k] = len ? PyUnicode_READ_CHAR(t, len - 1) : 0;
        p->heading[k] = (char)same_str(kind, kind_heading);
        p->cell[k] = (char)same_str(kind, kind_cell);
        if (PyErr_Occurred()) return -1;
    }
    return 0;
}

/* htmlselect._clear_shared_hints: a menu/share hint shared by several outermost elements that
 * together hold `limit` prose chars is cleared on all of them. */
static void clear_shared(Pass *p, const long *prose, long limit) {
    PyObject *seen[8];
    int nseen = 0;
    for (Py_ssize_t i = 0; i < p->n && nseen < 8; i++) {
        PyObject *h = SLOT(p->elems[i], e_off[E_HINT]);
        if (!(flags_of(h) & H_MENU) || !prose[i]) continue;
        int dup = 0;
        for (int s = 0; s < nseen; s++) dup |= same_str(seen[s], h);
        if (!dup) seen[nseen++] = h;
    }
    for (int s = 0; s < nseen; s++) { /* each hint's group, as the Python dict of lists */
        PyObject *h = seen[s];
        Py_ssize_t count = 0;
        long sum = 0;
        char *outer = PyMem_Calloc(p->n + 1, 1);
        if (outer == NULL) {
            PyErr_NoMemory();
            return;
        }
        for (Py_ssize_t i = 0; i < p->n; i++) {
            PyObject *hi = SLOT(p->elems[i], e_off[E_HINT]);
            if (!prose[i] || !same_str(hi, h)) continue;
            int q = p->parent[i];
            while (q >= 0 && !same_str(SLOT(p->elems[q], e_off[E_HINT]), h)) q = p->parent[q];
            if (q < 0) {
                outer[i] = 1;
                count++;
                sum += prose[i];
            }
        }
        if (count > 1 && sum >= limit)
            for (Py_ssize_t i = 0; i < p->n; i++)
                if (outer[i]) set_slot(p->elems[i], e_off[E_HINT], Py_None);
        PyMem_Free(outer);
    }
}

/* The last tail_chars chars of each block that shares them with tail_repeats or more blocks (a
 * templated repeat), NULL for the others; -1 on error. */
static int repeat_tails(Pass *p, PyObject **tails) {
    PyObject *counts = PyDict_New();
    if (counts == NULL) return -1;
    for (Py_ssize_t k = 0; k < p->nb; k++) {
        Py_ssize_t len = p->blen[k];
        if (len < 2 * tail_chars) continue;
        PyObject *t = PyUnicode_Substring(SLOT(p->blocks[k], b_off[B_TEXT]), len - tail_chars, len);
        if (t == NULL) goto fail;
        tails[k] = t;
        PyObject *c = PyDict_GetItemWithError(counts, t);
        if (c == NULL && PyErr_Occurred()) goto fail;
        PyObject *n = PyLong_FromLong(c == NULL ? 1 : PyLong_AsLong(c) + 1);
        if (n == NULL || PyDict_SetItem(counts, t, n) < 0) {
            Py_XDECREF(n);
            goto fail;
        }
        Py_DECREF(n);
    }
    for (Py_ssize_t k = 0; k < p->nb; k++) {
        if (tails[k] == NULL) continue;
        PyObject *c = PyDict_GetItemWithError(counts, tails[k]);
        if (c == NULL || PyLong_AsLong(c) < tail_repeats) Py_CLEAR(tails[k]);
    }
    Py_DECREF(counts);
    return PyErr_Occurred() ? -1 : 0;
fail:
    Py_DECREF(counts);
    return -1;
}

/* The prose chars of each element's own kept blocks (htmlselect._prose_by_elem): a templated repeat
 * counts at its first kept copy only. */
static int block_prose(Pass *p, const char *kept, long *prose) {
    PyObject **tails = PyMem_Calloc(p->nb + 1, sizeof(PyObject *));
    PyObject *seen = PySet_New(NULL);
    if (tails == NULL) PyErr_NoMemory();
    int rc = tails == NULL || seen == NULL ? -1 : repeat_tails(p, tails);
    for (Py_ssize_t k = 0; rc == 0 && k < p->nb; k++) {
        Py_ssize_t len = p->blen[k];
        if (!kept[p->belem[k]]) continue;
        if (tails[k] != NULL) {
            int in = PySet_Contains(seen, tails[k]);
            if (in < 0 || (!in && PySet_Add(seen, tails[k]) < 0)) rc = -1;
            if (in) continue;
        }
        if (p->bspaces[k] >= 14 && p->blinks[k] * 5 < len) prose[p->belem[k]] += (long)len;
    }
    for (Py_ssize_t k = 0; tails != NULL && k < p->nb; k++) Py_XDECREF(tails[k]);
    Py_XDECREF(seen);
    PyMem_Free(tails);
    return rc;
}

/* htmlselect._clear_wrong_hints */
static int clear_wrong(Pass *p, int article) {
    long *prose = PyMem_Calloc(p->n + 1, sizeof(long));
    char *kept = PyMem_Malloc(p->n + 1);
    if (prose == NULL || kept == NULL) {
        PyMem_Free(prose);
        PyMem_Free(kept);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < p->n; i++) {
        int fl = flags_of(SLOT(p->elems[i], e_off[E_HINT]));
        kept[i] = !(article && (fl & H_NOT_PROSE)) && (p->parent[i] < 0 || kept[p->parent[i]]);
    }
    if (block_prose(p, kept, prose) < 0) {
        PyMem_Free(prose);
        PyMem_Free(kept);
        return -1;
    }
    for (Py_ssize_t i = p->n - 1; i > 0; i--) prose[p->parent[i]] += prose[i];
    long limit = p->n ? prose[0] / 2 : 0;
    if (limit < prose_override) limit = prose_override;
    for (Py_ssize_t i = 0; i < p->n; i++) {
        if (prose[i] < limit) continue;
        PyObject *e = p->elems[i], *h = SLOT(e, e_off[E_HINT]);
        if (PyLong_AsLong(SLOT(e, e_off[E_HIDDEN])) != machine_copy) set_slot(e, e_off[E_HIDDEN], py_zero);
        if (h != Py_None && !(flags_of(h) & H_KEEP)) set_slot(e, e_off[E_HINT], Py_None);
    }
    clear_shared(p, prose, limit);
    PyMem_Free(prose);
    PyMem_Free(kept);
    return PyErr_Occurred() ? -1 : 0;
}

/* htmlselect.block_weight */
static double weight(Pass *p, Py_ssize_t k, int article) {
    double n = (double)p->blen[k];
    Py_UCS4 first = p->bfirst[k], last = p->blast[k];
    if (first == '{' || first == '[') {
        PyObject *m = PyObject_CallOneArg(is_data_match, SLOT(p->blocks[k], b_off[B_TEXT]));
        if (m == NULL) return 0.0;
        int data = m != Py_None;
        Py_DECREF(m);
        if (data) return -0.3 * n;
    }
    double ld = p->blen[k] ? (double)p->blinks[k] / n : 1.0;
    Py_ssize_t words = p->bspaces[k] + 1;
    if (ld > 0.5) return article || words <= 3 ? -n : listing_link * n;
    if (words >= 15 && ld < 0.3) return n * (1.0 - ld);
    if (words >= 6 && last && strchr(".!?:\"')", (int)(last < 128 ? last : 1)) != NULL) return 0.5 * n;
    if (words >= 6 && (last == 0x201D || last == 0xBB)) return 0.5 * n; /* ” » */
    if (p->cell[k]) return 0.0;
    return -0.3 * n;
}

/* htmlselect.teasers */
static void teasers(Pass *p, const Py_ssize_t *end, char *out) {
    Py_ssize_t last = -10, card = -1;
    for (Py_ssize_t i = 0; i < p->nb; i++) {
        int el = p->belem[i];
        out[i] = 0;
        if (p->heading[i]) {
            last = p->blinks[i] * 2 > p->blen[i] ? i : -10;
            int q = p->parent[el];
            card = q > 0 ? p->parent[q] : q;
        } else if (i - last <= 3 && p->blen[i] < teaser_chars) {
            Py_ssize_t c = card < 0 ? card + p->n : card; /* Python's negative index */
            if (card <= el && el <= end[c]) out[i] = 1;
        }
    }
}

static PyObject *list_of_bools(const char *v, Py_ssize_t n) {
    PyObject *l = PyList_New(n);
    for (Py_ssize_t i = 0; l != NULL && i < n; i++) PyList_SET_ITEM(l, i, Py_NewRef(v[i] ? Py_True : Py_False));
    return l;
}

/* tree_pass(elems, blocks, article, product) -> (end, reason, hidden, total, dek), as build_tree_python. */
static PyObject *tree_pass(PyObject *self, PyObject *args) {
    PyObject *elems, *blocks, *out = NULL;
    int article, product;
    if (!PyArg_ParseTuple(args, "O!O!pp", &PyList_Type, &elems, &PyList_Type, &blocks, &article, &product))
        return NULL;
    if (elem_type == NULL) return PyErr_Format(PyExc_RuntimeError, "configure() first");
    Pass p = {0};
    Py_ssize_t *end = NULL;
    char *hidden = NULL, *dek = NULL, *teaser = NULL;
    double *total = NULL;
    PyObject *reason = NULL;
    if (pass_load(&p, elems, blocks) < 0 || clear_wrong(&p, article) < 0) goto done;
    Py_ssize_t n = p.n;
    end = PyMem_Malloc((n + 1) * sizeof(Py_ssize_t));
    total = PyMem_Calloc(n + 1, sizeof(double));
    hidden = PyMem_Malloc(n + 1);
    dek = PyMem_Malloc(n + 1);
    teaser = PyMem_Calloc(p.nb + 1, 1);
    reason = PyList_New(n);
    if (!end || !total || !hidden || !dek || !teaser || !reason) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *e = p.elems[i];
        int q = p.parent[i];
        if (flags_of(SLOT(e, e_off[E_HINT])) & H_SUMMARY) {
            set_slot(e, e_off[E_HINT], Py_None);
            set_slot(e, e_off[E_DEK], article ? Py_True : Py_False);
        }
        dek[i] = PyObject_IsTrue(SLOT(e, e_off[E_DEK])) || (q >= 0 ? dek[q] : 0);
        PyObject *h = SLOT(e, e_off[E_HINT]);
        if ((!article && (flags_of(h) & H_FORM)) || (!product && (flags_of(h) & H_REVIEWS))) {
            set_slot(e, e_off[E_HINT], Py_None);
            h = Py_None;
        }
        PyObject *r = h != Py_None ? h
                      : (q >= 0 && !PyObject_IsTrue(SLOT(e, e_off[E_STRONG]))) ? PyList_GET_ITEM(reason, q)
                                                                               : Py_None;
        PyList_SET_ITEM(reason, i, Py_NewRef(r));
        hidden[i] = PyObject_IsTrue(SLOT(e, e_off[E_HIDDEN])) || (q >= 0 ? hidden[q] : 0);
        end[i] = i;
    }
    for (Py_ssize_t i = n - 1; i > 0; i--)
        if (end[i] > end[p.parent[i]]) end[p.parent[i]] = end[i];
    if (article) teasers(&p, end, teaser);
    for (Py_ssize_t k = 0; k < p.nb; k++) {
        int el = p.belem[k];
        if (hidden[el]) continue;
        double w;
        if (PyList_GET_ITEM(reason, el) != Py_None) {
            w = -hinted * (double)p.blen[k];
        } else {
            w = weight(&p, k, article);
            if (w > 0 && teaser[k]) w = -0.5 * w;
        }
        total[el] += w;
    }
    if (PyErr_Occurred()) goto done;
    for (Py_ssize_t i = n - 1; i > 0; i--) total[p.parent[i]] += total[i];
    PyObject *l_end = PyList_New(n), *l_total = PyList_New(n);
    for (Py_ssize_t i = 0; l_end && l_total && i < n; i++) {
        PyList_SET_ITEM(l_end, i, PyLong_FromSsize_t(end[i]));
        PyList_SET_ITEM(l_total, i, PyFloat_FromDouble(total[i]));
    }
    PyObject *l_hidden = list_of_bools(hidden, n), *l_dek = list_of_bools(dek, n);
    if (l_end && l_total && l_hidden && l_dek && !PyErr_Occurred())
        out = PyTuple_Pack(5, l_end, reason, l_hidden, l_total, l_dek);
    Py_XDECREF(l_end);
    Py_XDECREF(l_total);
    Py_XDECREF(l_hidden);
    Py_XDECREF(l_dek);
done:
    Py_XDECREF(reason);
    PyMem_Free(end);
    PyMem_Free(total);
    PyMem_Free(hidden);
    PyMem_Free(dek);
    PyMem_Free(teaser);
    pass_free(&p);
    return out;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS, "Record types, hint categories and rule constants."},
    {"tree_pass", tree_pass, METH_VARARGS, "build_tree's passes: (end, reason, hidden, total, dek)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_selectfast", "build_tree C fast path.", -1, methods};

PyMODINIT_FUNC PyInit__selectfast(void) { return PyModule_Create(&module); }
