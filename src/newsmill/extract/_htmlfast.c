/* Optional C fast path for the HTML walk (docs/design.md, "HTML mode: C walk").
 *
 * htmlblocks.walk_python is the reference: one depth-first walk over the lexbor tree that turns
 * block-level elements into Elem records and runs of inline text into Block records. This file does
 * the same walk without creating a Python object per node: it follows lexbor's own pointers through
 * the functions selectolax's extension module exports (dlsym on that module, so nothing is linked
 * or vendored), and calls back into Python only for what Python decides: the class/id hint
 * (hints._classify, lru-cached), the Elem/Block constructors, the kind of a tag. The results must be
 * equal to walk_python's (tests/test_extract_htmlfast.py compares both on fixtures and, when
 * ../shared/data is present, on every benchmark page).
 *
 * Reading a text node's characters needs lexbor's struct layout (lxb_dom_character_data_t); bind()
 * is followed by a probe in htmlblocks.py that checks it against selectolax's text_content, and the
 * Python walk is used when the probe fails or a symbol is missing.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include "_fastslots.h"
#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

/* lexbor/dom/interfaces/node.h and character_data.h (lexbor 2.x, as in selectolax 1.0's lexbor.pxd) */
typedef struct {
    unsigned char *data;
    size_t length;
} lx_str;
typedef struct {
    void *events;
    uintptr_t local_name, prefix, ns;
    void *owner_document, *next, *prev, *parent, *first_child, *last_child, *user;
    int type;
} lx_node;
typedef struct {
    lx_node node;
    lx_str data;
} lx_chardata;

#define NODE_ELEMENT 1
#define NODE_TEXT 3

static void *(*f_first_child)(void *);
static void *(*f_last_child)(void *);
static void *(*f_prev)(void *);
static void *(*f_next)(void *);
static void *(*f_parent)(void *);
static int (*f_type)(void *);
static uintptr_t (*f_tag_id)(void *);
static const unsigned char *(*f_qname)(void *, size_t *);
static const unsigned char *(*f_get_attr)(void *, const unsigned char *, size_t, size_t *);
static bool (*f_has_attrs)(void *);
static bool (*f_has_attr)(void *, const unsigned char *, size_t);
static int bound = 0;

/* Python objects from configure(): one source of truth for the tag sets and the hint rules. */
static PyObject *py_skip, *py_block, *py_kind_of, *py_classify, *py_tag_reason, *py_elem_type,
    *py_block_type, *py_display_none, *py_cell, *py_empty, *py_space, *py_zero;

enum { CAT_INLINE, CAT_SKIP, CAT_BLOCK, CAT_A, CAT_BR };
enum { F_FIGURE = 1, F_QUOTE = 2, F_TR = 4, F_PAGE = 8 };

typedef struct {
    uintptr_t id;
    PyObject *name; /* str */
    PyObject *kind; /* str from htmlblocks._kind, for block tags */
    int cat, flags;
} TagInfo;

typedef struct {
    void *node;
    int what; /* 0 enter node, 1 leave element, 2 leave <a> */
    int elem, prev, row;
} Entry;

typedef struct {
    TagInfo *tags;
    int ntags, cap_tags;
    int *table; /* open addressing: tag id -> index into tags, -1 empty */
    int table_size;
    Entry *stack;
    Py_ssize_t nstack, cap_stack;
    int *e_depth, *e_tag;
    char *e_caption;
    Py_ssize_t nelems, cap_elems;
    char *buf;
    size_t nbuf, cap_buf;
    Py_ssize_t links;
    int link_depth, quote_depth, caption_depth, row;
    PyObject *elems, *blocks;
} Walk;

static void *sym(void *h, const char *name) {
    void *p = dlsym(h, name);
    if (p == NULL) PyErr_Format(PyExc_ImportError, "selectolax does not export %s", name);
    return p;
}

static PyObject *bind(PyObject *self, PyObject *args) {
    const char *path;
    if (!PyArg_ParseTuple(args, "s", &path)) return NULL;
    void *h = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
    if (h == NULL) return PyErr_Format(PyExc_ImportError, "cannot reopen %s", path);
#define BIND(var, name)                                   \
    if ((*(void **)&var = sym(h, name)) == NULL) return NULL;
    BIND(f_first_child, "lxb_dom_node_first_child_noi");
    BIND(f_last_child, "lxb_dom_node_last_child_noi");
    BIND(f_prev, "lxb_dom_node_prev_noi");
    BIND(f_next, "lxb_dom_node_next_noi");
    BIND(f_parent, "lxb_dom_node_parent_noi");
    BIND(f_type, "lxb_dom_node_type_noi");
    BIND(f_tag_id, "lxb_dom_node_tag_id_noi");
    BIND(f_qname, "lxb_dom_element_qualified_name");
    BIND(f_get_attr, "lxb_dom_element_get_attribute");
    BIND(f_has_attrs, "lxb_dom_element_has_attributes");
    BIND(f_has_attr, "lxb_dom_element_has_attribute");
#undef BIND
    bound = 1;
    Py_RETURN_NONE;
}

static Maker elem_maker, block_maker;

static PyObject *configure(PyObject *self, PyObject *args) {
    PyObject *o[9], *elem_fields, *block_fields;
    if (!PyArg_ParseTuple(args, "OOOOOOOOOO!O!", &o[0], &o[1], &o[2], &o[3], &o[4], &o[5], &o[6], &o[7],
                          &o[8], &PyTuple_Type, &elem_fields, &PyTuple_Type, &block_fields))
        return NULL;
    PyObject **dst[9] = {&py_skip,      &py_block,     &py_kind_of,      &py_classify, &py_tag_reason,
                         &py_elem_type, &py_block_type, &py_display_none, &py_cell};
    keep_refs(dst, o, 9);
    if (py_empty == NULL) py_empty = PyUnicode_FromString("");
    if (py_space == NULL) py_space = PyUnicode_FromString(" ");
    if (set_fields(&elem_maker, py_elem_type, elem_fields) < 0 ||
        set_fields(&block_maker, py_block_type, block_fields) < 0)
        return NULL;
    if (py_zero == NULL) py_zero = PyLong_FromLong(0);
    if (py_empty == NULL || py_space == NULL || py_zero == NULL) return NULL;
    Py_RETURN_NONE;
}

/* The characters of a text node, through the mirrored struct (used by the layout probe too). */
static inline lx_str *text_of(void *node) { return &((lx_chardata *)node)->data; }

/* probe_text(mem_id, n): the characters of a text node of n UTF-8 bytes, read through the mirrored
 * struct; None when the length field there is not n (another layout), so a wrong layout is detected
 * before any pointer it holds is followed. */
static PyObject *probe_text(PyObject *self, PyObject *args) {
    PyObject *id;
    Py_ssize_t n;
    if (!PyArg_ParseTuple(args, "On", &id, &n)) return NULL;
    void *node = PyLong_AsVoidPtr(id);
    if (node == NULL) return PyErr_Occurred() ? NULL : PyErr_Format(PyExc_ValueError, "null node");
    if (!bound || f_type(node) != NODE_TEXT) Py_RETURN_NONE;
    lx_str *s = text_of(node);
    if (s->length != (size_t)n || s->data == NULL) Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8((const char *)s->data, (Py_ssize_t)s->length, "replace");
}

static int grow(void **p, size_t item, Py_ssize_t *cap, Py_ssize_t need) {
    if (need <= *cap) return 0;
    Py_ssize_t n = *cap ? *cap : 64;
    while (n < need) n *= 2;
    void *q = PyMem_Realloc(*p, (size_t)n * item);
    if (q == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    *p = q;
    *cap = n;
    return 0;
}

static int name_is(PyObject *name, const char *s) { return PyUnicode_CompareWithASCIIString(name, s) == 0; }

static int tag_table_insert(Walk *w, uintptr_t id, int index) {
    int mask = w->table_size - 1;
    int i = (int)((id * 2654435761u) & (uintptr_t)mask);
    while (w->table[i] >= 0) i = (i + 1) & mask;
    w->table[i] = index;
    return 0;
}

static int tag_table_grow(Walk *w) {
    int size = w->table_size ? w->table_size * 2 : 256;
    int *t = PyMem_Malloc(sizeof(int) * (size_t)size);
    if (t == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (int i = 0; i < size; i++) t[i] = -1;
    PyMem_Free(w->table);
    w->table = t;
    w->table_size = size;
    for (int k = 0; k < w->ntags; k++) tag_table_insert(w, w->tags[k].id, k);
    return 0;
}

/* Category of an element by its tag name, decided once per tag id and page (ids of custom tags are
 * per document). -1 on error. */
static int tag_info(Walk *w, void *node) {
    uintptr_t id = f_tag_id(node);
    if (w->table_size) {
        int mask = w->table_size - 1;
        int i = (int)((id * 2654435761u) & (uintptr_t)mask);
        while (w->table[i] >= 0) {
            if (w->tags[w->table[i]].id == id) return w->table[i];
            i = (i + 1) & mask;
        }
    }
    size_t len = 0;
    const unsigned char *q = f_qname(node, &len);
    TagInfo t = {id, NULL, NULL, CAT_SKIP, 0};
    if (q != NULL) {
        t.name = PyUnicode_DecodeUTF8((const char *)q, (Py_ssize_t)len, "replace");
        if (t.name == NULL) return -1;
        int skip = PySet_Contains(py_skip, t.name);
        int block = PySet_Contains(py_block, t.name);
        if (skip < 0 || block < 0) goto fail;
        if (skip || len == 0 || q[0] == '-' || name_is(t.name, "!doctype") || name_is(t.name, "img"))
            t.cat = CAT_SKIP;
        else if (name_is(t.name, "br"))
            t.cat = CAT_BR;
        else if (block)
            t.cat = CAT_BLOCK;
        else if (name_is(t.name, "a"))
            t.cat = CAT_A;
        else
            t.cat = CAT_INLINE;
        if (t.cat == CAT_BLOCK) {
            t.kind = PyObject_CallOneArg(py_kind_of, t.name);
            if (t.kind == NULL) goto fail;
            t.flags = (name_is(t.name, "figure") ? F_FIGURE : 0) | (name_is(t.name, "blockquote") ? F_QUOTE : 0) |
                      (name_is(t.name, "tr") ? F_TR : 0) |
                      (name_is(t.name, "body") || name_is(t.name, "html") ? F_PAGE : 0);
        }
    }
    Py_ssize_t cap = w->cap_tags;
    if (grow((void **)&w->tags, sizeof(TagInfo), &cap, w->ntags + 1) < 0) goto fail;
    w->cap_tags = (int)cap;
    if ((w->ntags + 1) * 2 > w->table_size && tag_table_grow(w) < 0) goto fail;
    w->tags[w->ntags] = t;
    tag_table_insert(w, id, w->ntags);
    return w->ntags++;
fail:
    Py_XDECREF(t.name);
    Py_XDECREF(t.kind);
    return -1;
}

static PyObject *attr_str(void *node, const char *name) {
    size_t len = 0;
    const unsigned char *v = f_get_attr(node, (const unsigned char *)name, strlen(name), &len);
    if (v == NULL || len == 0) {
        Py_INCREF(py_empty);
        return py_empty;
    }
    return PyUnicode_DecodeUTF8((const char *)v, (Py_ssize_t)len, "replace");
}

static int attr_equals(void *node, const char *name, const char *value) {
    size_t len = 0;
    const unsigned char *v = f_get_attr(node, (const unsigned char *)name, strlen(name), &len);
    return v != NULL && len == strlen(value) && memcmp(v, value, len) == 0;
}

static int contains(const unsigned char *s, size_t n, const char *needle) {
    size_t m = strlen(needle);
    for (size_t i = 0; i + m <= n; i++)
        if (memcmp(s + i, needle, m) == 0) return 1;
    return 0;
}

/* hints._hidden_attr. -1 on error. */
static int hidden_attr(void *node) {
    if (f_has_attr(node, (const unsigned char *)"hidden", 6)) {
        size_t len = 0;
        const unsigned char *id = f_get_attr(node, (const unsigned char *)"id", 2, &len);
        if (id != NULL && len >= 2 && id[0] == 'S' && id[1] == ':') return 0;
        if (attr_equals(node, "aria-hidden", "true") && !attr_equals(node, "role", "tabpanel")) return 3;
        return 1;
    }
    size_t len = 0;
    const unsigned char *style = f_get_attr(node, (const unsigned char *)"style", 5, &len);
    if (style == NULL || len == 0 || !(contains(style, len, "none") || contains(style, len, "hidden"))) return 0;
    PyObject *s = PyUnicode_DecodeUTF8((const char *)style, (Py_ssize_t)len, "replace");
    if (s == NULL) return -1;
    PyObject *m = PyObject_CallOneArg(py_display_none, s);
    Py_DECREF(s);
    if (m == NULL) return -1;
    int hidden = m != Py_None;
    Py_DECREF(m);
    return hidden;
}

/* hints._plain_figure: no <table> or <blockquote> below the figure. -1 on error. */
static int plain_figure(void *fig) {
    void *n = f_first_child(fig);
    while (n != NULL) {
        if (f_type(n) == NODE_ELEMENT) {
            size_t len = 0;
            const unsigned char *q = f_qname(n, &len);
            if (q != NULL && ((len == 5 && memcmp(q, "table", 5) == 0) || (len == 10 && memcmp(q, "blockquote", 10) == 0)))
                return 0;
        }
        void *c = f_first_child(n);
        if (c != NULL) {
            n = c;
            continue;
        }
        while (n != NULL && n != fig && f_next(n) == NULL) n = f_parent(n);
        if (n == fig || n == NULL) break;
        n = f_next(n);
    }
    return 1;
}

static PyObject *lower_attr(void *node, const char *name) {
    PyObject *s = attr_str(node, name);
    if (s == NULL || PyUnicode_GET_LENGTH(s) == 0) return s;
    PyObject *l = PyObject_CallMethod(s, "lower", NULL);
    Py_DECREF(s);
    return l;
}

/* hints.element_hint for an element that has attributes and is not <body>/<html>. */
static PyObject *classify(void *node, TagInfo *t) {
    PyObject *a[6] = {t->name, NULL, NULL, NULL, NULL, NULL};
    PyObject *hint = NULL;
    int hidden = hidden_attr(node);
    if (hidden < 0) return NULL;
    a[1] = attr_str(node, "class");
    a[2] = a[1] ? attr_str(node, "id") : NULL;
    a[3] = a[2] ? lower_attr(node, "role") : NULL;
    a[4] = a[3] ? lower_attr(node, "itemprop") : NULL;
    a[5] = a[4] ? PyLong_FromLong(hidden) : NULL;
    if (a[5] != NULL) hint = PyObject_Vectorcall(py_classify, a, 6, NULL);
    for (int i = 1; i < 6; i++) Py_XDECREF(a[i]);
    if (hint == NULL) return NULL;
    if ((t->flags & F_FIGURE) && PyTuple_GET_SIZE(hint) == 5 && PyTuple_GET_ITEM(hint, 4) == Py_True) {
        int plain = plain_figure(node);
        if (plain < 0) {
            Py_DECREF(hint);
            return NULL;
        }
        if (!plain) {
            PyObject *h = PyTuple_Pack(5, PyTuple_GET_ITEM(hint, 0), PyTuple_GET_ITEM(hint, 1),
                                       PyTuple_GET_ITEM(hint, 2), PyTuple_GET_ITEM(hint, 3), Py_False);
            Py_DECREF(hint);
            return h;
        }
    }
    return hint;
}

static PyObject *element_hint(void *node, TagInfo *t) {
    if ((t->flags & F_PAGE) || !f_has_attrs(node)) {
        PyObject *reason = PyDict_GetItemWithError(py_tag_reason, t->name);
        if (reason == NULL && PyErr_Occurred()) return NULL;
        int caption = (t->flags & F_FIGURE) ? plain_figure(node) : 0;
        if (caption < 0) return NULL;
        return PyTuple_Pack(5, reason ? reason : Py_None, Py_False, Py_False, py_zero, caption ? Py_True : Py_False);
    }
    return classify(node, t);
}

/* htmlblocks._State.flush */
static int flush(Walk *w, int elem) {
    if (w->nbuf == 0) return 0;
    Py_ssize_t links = w->links;
    PyObject *raw = PyUnicode_DecodeUTF8(w->buf, (Py_ssize_t)w->nbuf, "replace");
    w->nbuf = 0;
    w->links = 0;
    if (raw == NULL) return -1;
    PyObject *parts = PyUnicode_Split(raw, NULL, -1);
    Py_DECREF(raw);
    if (parts == NULL) return -1;
    PyObject *text = PyUnicode_Join(py_space, parts);
    Py_DECREF(parts);
    if (text == NULL) return -1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n == 0 || (PyUnicode_READ_CHAR(text, 0) == '<' && PyUnicode_READ_CHAR(text, n - 1) == '>')) {
        Py_DECREF(text);
        return 0;
    }
    TagInfo *t = &w->tags[w->e_tag[elem]];
    int cell = PyObject_RichCompareBool(t->kind, py_cell, Py_EQ);
    if (cell < 0) {
        Py_DECREF(text);
        return -1;
    }
    PyObject *a[7] = {text, PyLong_FromSsize_t(elem), t->kind, PyLong_FromSsize_t(links < n ? links : n),
                      PyLong_FromLong(cell ? w->row : -1), w->quote_depth > 0 ? Py_True : Py_False,
                      w->caption_depth > 0 ? Py_True : Py_False};
    PyObject *block = NULL;
    if (a[1] && a[3] && a[4]) block = make(&block_maker, py_block_type, a, 7);
    Py_DECREF(text);
    Py_XDECREF(a[1]);
    Py_XDECREF(a[3]);
    Py_XDECREF(a[4]);
    if (block == NULL) return -1;
    int rc = PyList_Append(w->blocks, block);
    Py_DECREF(block);
    return rc;
}

static int push(Walk *w, void *node, int what, int elem, int prev, int row) {
    if (w->nstack == w->cap_stack && grow((void **)&w->stack, sizeof(Entry), &w->cap_stack, w->nstack + 1) < 0)
        return -1;
    Entry *e = &w->stack[w->nstack++];
    e->node = node;
    e->what = what;
    e->elem = elem;
    e->prev = prev;
    e->row = row;
    return 0;
}

static int push_children(Walk *w, void *node) {
    for (void *c = f_last_child(node); c != NULL; c = f_prev(c))
        if (push(w, c, 0, 0, 0, 0) < 0) return -1;
    return 0;
}

static int add_text(Walk *w, void *node) {
    lx_str *s = text_of(node);
    if (s->data == NULL || s->length == 0) return 0;
    Py_ssize_t cap = (Py_ssize_t)w->cap_buf;
    if (grow((void **)&w->buf, 1, &cap, (Py_ssize_t)(w->nbuf + s->length)) < 0) return -1;
    w->cap_buf = (size_t)cap;
    memcpy(w->buf + w->nbuf, s->data, s->length);
    w->nbuf += s->length;
    if (w->link_depth) {
        /* len(text.strip()) in code points, as the Python walk counts it */
        PyObject *u = PyUnicode_DecodeUTF8((const char *)s->data, (Py_ssize_t)s->length, "replace");
        if (u == NULL) return -1;
        Py_ssize_t a = 0, b = PyUnicode_GET_LENGTH(u);
        while (a < b && Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(u, a))) a++;
        while (b > a && Py_UNICODE_ISSPACE(PyUnicode_READ_CHAR(u, b - 1))) b--;
        w->links += b - a;
        Py_DECREF(u);
    }
    return 0;
}

/* The C-side record of a new element (its Elem is appended by the caller): its index, -1 on error. */
static Py_ssize_t add_elem(Walk *w, int depth, int ti, int caption) {
    Py_ssize_t idx = w->nelems, cap;
    cap = w->cap_elems;
    if (grow((void **)&w->e_depth, sizeof(int), &cap, idx + 1) < 0) return -1;
    cap = w->cap_elems;
    if (grow((void **)&w->e_tag, sizeof(int), &cap, idx + 1) < 0) return -1;
    cap = w->cap_elems;
    if (grow((void **)&w->e_caption, 1, &cap, idx + 1) < 0) return -1;
    w->cap_elems = cap;
    w->e_depth[idx] = depth;
    w->e_tag[idx] = ti;
    w->e_caption[idx] = (char)caption;
    w->nelems++;
    return idx;
}

/* Enter a block-level element: a new Elem, and a stack entry that marks leaving it. */
static int enter_block(Walk *w, void *node, int ti, int *cur) {
    int depth = w->e_depth[*cur] + 1;
    if (flush(w, *cur) < 0) return -1;
    TagInfo *t = &w->tags[ti];
    PyObject *hint = element_hint(node, t);
    if (hint == NULL) return -1;
    PyObject *a[9] = {t->name, PyLong_FromLong(*cur), PyLong_FromLong(depth)};
    for (int i = 0; i < 5; i++) a[3 + i] = PyTuple_GET_ITEM(hint, i);
    a[8] = Py_False; /* Elem.dek, set later by htmlselect.build_tree */
    PyObject *elem = (a[1] && a[2]) ? make(&elem_maker, py_elem_type, a, 9) : NULL;
    int caption = PyObject_IsTrue(PyTuple_GET_ITEM(hint, 4));
    Py_XDECREF(a[1]);
    Py_XDECREF(a[2]);
    Py_DECREF(hint);
    if (elem == NULL) return -1;
    int rc = PyList_Append(w->elems, elem);
    Py_DECREF(elem);
    if (rc < 0 || caption < 0) return -1;
    Py_ssize_t idx = add_elem(w, depth, ti, caption);
    if (idx < 0) return -1;
    if (push(w, NULL, 1, (int)idx, *cur, w->row) < 0) return -1;
    w->caption_depth += caption;
    if (t->flags & F_QUOTE) w->quote_depth++;
    if (t->flags & F_TR) w->row = (int)idx;
    *cur = (int)idx;
    return 0;
}

static int leave(Walk *w, Entry *e, int *cur) {
    if (e->what == 2) {
        w->link_depth--;
        return 0;
    }
    if (flush(w, e->elem) < 0) return -1;
    w->caption_depth -= w->e_caption[e->elem];
    int flags = w->tags[w->e_tag[e->elem]].flags;
    if (flags & F_QUOTE)
        w->quote_depth--;
    else if (flags & F_TR)
        w->row = e->row;
    *cur = e->prev;
    return 0;
}

static double monotonic(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The loop of htmlblocks.walk_python. Returns 1 truncated, 0 done, -1 error. */
static int run(Walk *w, void *root, Py_ssize_t max_nodes, int max_depth, double deadline) {
    int cur = 0;
    Py_ssize_t seen = 0;
    if (push_children(w, root) < 0) return -1;
    while (w->nstack) {
        Entry e = w->stack[--w->nstack];
        if (e.what) {
            if (leave(w, &e, &cur) < 0) return -1;
            continue;
        }
        seen++;
        if (seen > max_nodes || (deadline >= 0 && !(seen & 1023) && monotonic() > deadline)) {
            if (flush(w, cur) < 0) return -1;
            return 1;
        }
        void *node = e.node;
        int type = f_type(node);
        if (type == NODE_TEXT) {
            if (add_text(w, node) < 0) return -1;
            continue;
        }
        if (type != NODE_ELEMENT) continue;
        int ti = tag_info(w, node);
        if (ti < 0) return -1;
        int cat = w->tags[ti].cat;
        if (cat == CAT_SKIP) continue;
        if (cat == CAT_BR) {
            if (flush(w, cur) < 0) return -1;
            continue;
        }
        if (cat == CAT_BLOCK) {
            if (w->e_depth[cur] + 1 < max_depth && enter_block(w, node, ti, &cur) < 0) return -1;
        } else if (cat == CAT_A) {
            w->link_depth++;
            if (push(w, NULL, 2, -1, cur, w->row) < 0) return -1;
        }
        if (push_children(w, node) < 0) return -1;
    }
    return flush(w, cur) < 0 ? -1 : 0;
}

static void walk_free(Walk *w) {
    for (int i = 0; i < w->ntags; i++) {
        Py_XDECREF(w->tags[i].name);
        Py_XDECREF(w->tags[i].kind);
    }
    PyMem_Free(w->tags);
    PyMem_Free(w->table);
    PyMem_Free(w->stack);
    PyMem_Free(w->e_depth);
    PyMem_Free(w->e_tag);
    PyMem_Free(w->e_caption);
    PyMem_Free(w->buf);
}

/* walk(root_mem_id, root_tag, elems, blocks, max_nodes, max_depth, deadline) -> truncated.
 * ``elems`` already holds the root's Elem (index 0); ``deadline`` < 0 means none. */
static PyObject *walk(PyObject *self, PyObject *args) {
    PyObject *root_id, *root_tag, *elems, *blocks;
    Py_ssize_t max_nodes;
    int max_depth;
    double deadline;
    if (!PyArg_ParseTuple(args, "OUO!O!nid", &root_id, &root_tag, &PyList_Type, &elems, &PyList_Type, &blocks,
                          &max_nodes, &max_depth, &deadline))
        return NULL;
    if (!bound || py_classify == NULL) return PyErr_Format(PyExc_RuntimeError, "_htmlfast is not bound");
    void *root = PyLong_AsVoidPtr(root_id);
    if (root == NULL) return PyErr_Occurred() ? NULL : PyErr_Format(PyExc_ValueError, "null node");
    Walk w;
    memset(&w, 0, sizeof w);
    w.elems = elems;
    w.blocks = blocks;
    w.row = -1;
    int rc = -1;
    /* the root Elem (made in Python): depth 0, kind of its tag, never a caption */
    TagInfo t = {(uintptr_t)-1, root_tag, NULL, CAT_BLOCK, 0};
    t.kind = PyObject_CallOneArg(py_kind_of, root_tag);
    Py_ssize_t cap = 0;
    if (t.kind != NULL && grow((void **)&w.tags, sizeof(TagInfo), &cap, 1) == 0) {
        Py_INCREF(root_tag);
        w.cap_tags = (int)cap;
        w.tags[w.ntags++] = t; /* owned by w from here: walk_free releases it */
        if (add_elem(&w, 0, 0, 0) == 0) rc = run(&w, root, max_nodes, max_depth, deadline);
    } else {
        Py_XDECREF(t.kind);
    }
    walk_free(&w);
    if (rc < 0) return NULL;
    return PyBool_FromLong(rc);
}

#include "_hintsfast.h"

static PyMethodDef methods[] = {
    {"bind", bind, METH_VARARGS, "bind(path of selectolax's lexbor module): look up the lexbor functions."},
    {"configure", configure, METH_VARARGS, "configure(SKIP, BLOCK, kind_of, classify, TAG_REASON, Elem, Block, display_none, 'cell')"},
    {"probe_text", probe_text, METH_VARARGS, "probe_text(mem_id, n): a text node's characters read through the mirrored struct."},
    {"configure_hints", configure_hints, METH_VARARGS, "configure_hints(ROLE_REASON, TAG_REASON, HIDDEN, SHOWN.search, strong literals, POSITIVE, NEGATIVE, CAPTION, ID_ONLY, LATE)"},
    {"classify_hint", (PyCFunction)(void (*)(void))classify_hint, METH_FASTCALL, "classify_hint(tag, cls, ident, role, prop, hidden): hints._classify_py"},
    {"walk", walk, METH_VARARGS, "walk(root_mem_id, root_tag, elems, blocks, max_nodes, max_depth, deadline) -> truncated"},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_htmlfast", "HTML walk C fast path.", -1, methods};

PyMODINIT_FUNC PyInit__htmlfast(void) { return PyModule_Create(&module); }
