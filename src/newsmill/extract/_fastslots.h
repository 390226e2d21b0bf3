/* Shared by the optional C fast paths (_htmlfast.c, _selectfast.c).
 *
 * Elem and Block are slotted dataclasses: their fields are plain object slots at fixed offsets,
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

#endif
