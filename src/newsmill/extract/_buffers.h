/* Numpy arrays in through the buffer protocol, for the text-mode C fast paths (_textfast.c and
 * _headlinefast.c; static definitions, included once by each). No numpy headers needed. */
#ifndef NEWSMILL_BUFFERS_H
#define NEWSMILL_BUFFERS_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
    Py_buffer b;
    int held;
} Buf;

/* obj's C-contiguous buffer (writable when asked) into out: at least min_len items of itemsize bytes
 * (or a byte buffer of that size). On failure out->held tells whether it must still be released. */
static int get_buf(PyObject *obj, Buf *out, Py_ssize_t itemsize, Py_ssize_t min_len, int writable,
                   const char *name) {
    out->held = 0;
    if (PyObject_GetBuffer(obj, &out->b, PyBUF_C_CONTIGUOUS | (writable ? PyBUF_WRITABLE : 0)) < 0)
        return -1;
    out->held = 1;
    if (out->b.len < min_len * itemsize || (out->b.itemsize != itemsize && out->b.itemsize != 1)) {
        PyErr_Format(PyExc_ValueError, "%s: wrong size or item size", name);
        return -1;
    }
    return 0;
}

/* get_buf for exactly len items. */
static int get_buf_exact(PyObject *obj, Buf *out, Py_ssize_t itemsize, Py_ssize_t len, int writable,
                         const char *name) {
    if (get_buf(obj, out, itemsize, len, writable, name) < 0) return -1;
    if (out->b.len != len * itemsize) {
        PyErr_Format(PyExc_ValueError, "%s: buffer of the wrong size", name);
        return -1;
    }
    return 0;
}

static void release(Buf *bufs, int n) {
    for (int i = 0; i < n; i++)
        if (bufs[i].held) PyBuffer_Release(&bufs[i].b);
}

#endif
