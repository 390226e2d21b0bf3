/* Shared by the optional C fast paths (_htmlfast.c, _selectfast.c, _textfast.c).
 *
 * Elem, Block, Paragraph and Removed are slotted dataclasses: their fields are plain object slots at fixed offsets,
 * which C reads and writes directly instead of going through attribute lookups or __init__. */
#ifndef NEWSMILL_FASTSLOTS_H
#define NEWSMILL_FASTSLOTS_H

#include <Python.h>
#include <structmember.h>

#define SLOT(o, off) (*(PyObject **)((char *)(o) + (off)))

/* The offset of field `name` of `type` in *out: 1 when it is a plain object slot, 0 when it is not
 * (then the caller falls back to Python), -1 with an exception set. */
static int slot_offset(PyObject *type, PyObject *name, Py_ssize_t *out) {
    PyObject *d = PyObject_GetAttr(type, name);
    if (d == NULL) return -1;
    int ok = Py_IS_TYPE(d, &PyMemberDescr_Type) && ((PyMemberDescrObject *)d)->d_member->type == T_OBJECT_EX;
    if (ok) *out = ((PyMemberDescrObject *)d)->d_member->offset;
    Py_DECREF(d);
    return ok;
}

/* Store new references to src[i] in *dst[i], releasing what was there (configure() calls). */
static void keep_refs(PyObject **const *dst, PyObject *const *src, int n) {
    for (int i = 0; i < n; i++) {
        Py_INCREF(src[i]);
        Py_XSETREF(*dst[i], src[i]);
    }
}

/* Slotted dataclasses (Elem, Block, Paragraph, Removed): their generated __init__ only stores the
 * arguments in the slots, in field order; doing that from C (the member descriptors' offsets) instead
 * of running the Python __init__ saves ~0.3 ms on an HTML page of ~500 elements and ~0.03 ms on a text
 * page of ~80 paragraphs and ~40 removed blocks (273 ns a Paragraph call, measured). set_fields()
 * checks every field is a plain object slot; without it the class is called normally. */
#define MAX_FIELDS 12
typedef struct {
    PyTypeObject *type;
    Py_ssize_t n, off[MAX_FIELDS];
} Maker;

static inline int set_fields(Maker *m, PyObject *type, PyObject *names) {
    m->type = NULL;
    if (!PyType_Check(type) || !PyTuple_Check(names) || PyTuple_GET_SIZE(names) > MAX_FIELDS) return 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(names); i++) {
        int ok = slot_offset(type, PyTuple_GET_ITEM(names, i), &m->off[i]);
        if (ok <= 0) return ok;
    }
    m->n = PyTuple_GET_SIZE(names);
    m->type = (PyTypeObject *)type;
    return 0;
}

/* A new instance with its n fields set to vals (borrowed), or the class called with them. */
static inline PyObject *make(Maker *m, PyObject *type, PyObject **vals, Py_ssize_t n) {
    if (m->type == NULL || n != m->n) return PyObject_Vectorcall(type, vals, (size_t)n, NULL);
    PyObject *o = m->type->tp_alloc(m->type, 0);
    if (o == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_INCREF(vals[i]);
        SLOT(o, m->off[i]) = vals[i];
    }
    return o;
}

/* Point m at the dataclass `type` whose n init fields are its __match_args__ (0), unless it already
 * does; a class that is not a plain slotted dataclass of n fields (no __match_args__, a __post_init__,
 * a field that is not an object slot) leaves m->type NULL, so make() calls it (0); -1 on an error.
 * m holds a reference to the type, so the cached offsets never outlive it. */
static inline int maker_for(Maker *m, PyObject *type, Py_ssize_t n) {
    if (m->type != NULL && (PyObject *)m->type == type && m->n == n) return 0;
    PyTypeObject *old = m->type;
    m->type = NULL;
    Py_XDECREF(old);
    if (!PyType_Check(type) || PyObject_HasAttrString(type, "__post_init__")) return 0;
    PyObject *names = PyObject_GetAttrString(type, "__match_args__");
    if (names == NULL) {
        PyErr_Clear();
        return 0;
    }
    int err = PyTuple_Check(names) && PyTuple_GET_SIZE(names) == n ? set_fields(m, type, names) : 0;
    Py_DECREF(names);
    if (err < 0) return -1;
    Py_XINCREF(m->type);
    return 0;
}

#endif
