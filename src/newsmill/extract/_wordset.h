/* Words as spans of lowered strings, and a hash set of them, for _headlinefast.c (text-mode headline):
 * set lookups without a str object per word. Included by one file only (static definitions).
 *
 * A string is "lowered" either on the fly (A-Z to a-z: exactly str.lower when its other characters
 * have no lowercase mapping, lower_is_ascii) or by str.lower itself, so case mapping is always
 * Python's. Words are split at
 * Py_UNICODE_ISSPACE, as str.split splits them.
 */
#ifndef NEWSMILL_WORDSET_H
#define NEWSMILL_WORDSET_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

static PyObject *s_lower; /* interned "lower" */

/* The strip characters of a call (headline._STRIP): ASCII ones as a bitmap, the rest scanned. */
typedef struct {
    uint64_t ascii[2];
    int kind;
    const void *data;
    Py_ssize_t n;
} Chars;

static inline void chars_init(Chars *c, PyObject *chars) {
    c->ascii[0] = c->ascii[1] = 0;
    c->kind = PyUnicode_KIND(chars);
    c->data = PyUnicode_DATA(chars);
    c->n = PyUnicode_GET_LENGTH(chars);
    for (Py_ssize_t j = 0; j < c->n; j++) {
        const Py_UCS4 x = PyUnicode_READ(c->kind, c->data, j);
        if (x < 128) c->ascii[x >> 6] |= (uint64_t)1 << (x & 63);
    }
}

/* Is the code point one of the strip characters? */
static inline int in_chars(const Chars *c, Py_UCS4 x) {
    if (x < 128) return (int)(c->ascii[x >> 6] >> (x & 63) & 1);
    for (Py_ssize_t j = 0; j < c->n; j++)
        if (PyUnicode_READ(c->kind, c->data, j) == x) return 1;
    return 0;
}

/* A-Z to a-z when lower is set (str.lower of an ASCII string). */
static inline Py_UCS4 char_at(int kind, const void *data, Py_ssize_t j, int lower) {
    const Py_UCS4 c = PyUnicode_READ(kind, data, j);
    return lower && c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The body words (headline._body_words) as a hash set of spans of lowered strings, so that neither
 * the body nor the candidates' overlap (headline._overlap) creates a str per word: 0.11 ms a page went
 * to str.split lists, stripped substrings and set hashing. An ASCII string is lowered on the fly
 * (lower = 1); any other is lowered by str.lower first, exactly as the Python code does. */
typedef struct {
    PyObject *src; /* borrowed: a page line, or a lowered copy held in WordSet.owned */
    Py_ssize_t a, b;
    int lower;
    uint64_t h;
} Word;

typedef struct {
    Word *slots; /* src == NULL: empty */
    size_t mask, used;
    PyObject *owned;
} WordSet;

static inline __attribute__((always_inline)) uint64_t word_hash_k(const int kind, const void *data, Py_ssize_t a,
                                                                   Py_ssize_t b, int lower) {
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t j = a; j < b; j++) h = (h ^ char_at(kind, data, j, lower)) * 1099511628211ULL;
    return h ^ (h >> 31);
}

/* FNV-1a of the (lowered) code points, the width a constant in each branch. */
static uint64_t word_hash(PyObject *s, Py_ssize_t a, Py_ssize_t b, int lower) {
    const void *data = PyUnicode_DATA(s);
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND:
        return word_hash_k(PyUnicode_1BYTE_KIND, data, a, b, lower);
    case PyUnicode_2BYTE_KIND:
        return word_hash_k(PyUnicode_2BYTE_KIND, data, a, b, lower);
    default:
        return word_hash_k(PyUnicode_4BYTE_KIND, data, a, b, lower);
    }
}

static int word_eq(const Word *w, PyObject *s, Py_ssize_t a, Py_ssize_t b, int lower) {
    if (w->b - w->a != b - a) return 0;
    const int k1 = PyUnicode_KIND(w->src), k2 = PyUnicode_KIND(s);
    const void *d1 = PyUnicode_DATA(w->src), *d2 = PyUnicode_DATA(s);
    if (k1 == k2 && !w->lower && !lower) /* the same width, neither lowered on the fly: the bytes */
        return memcmp((const char *)d1 + w->a * k1, (const char *)d2 + a * k2, (size_t)((b - a) * k1)) == 0;
    for (Py_ssize_t j = 0; j < b - a; j++)
        if (char_at(k1, d1, w->a + j, w->lower) != char_at(k2, d2, a + j, lower)) return 0;
    return 1;
}

/* The slot holding the word, or the empty slot where it goes. */
static Word *word_slot(const WordSet *set, PyObject *s, Py_ssize_t a, Py_ssize_t b, int lower, uint64_t h) {
    for (size_t i = (size_t)h & set->mask;; i = (i + 1) & set->mask) {
        Word *w = &set->slots[i];
        if (!w->src || (w->h == h && word_eq(w, s, a, b, lower))) return w;
    }
}

static int word_add(WordSet *set, PyObject *s, Py_ssize_t a, Py_ssize_t b, int lower) {
    if ((set->used + 1) * 2 > set->mask + 1) { /* keep the table at most half full */
        const size_t size = (set->mask + 1) * 2;
        Word *old = set->slots, *slots = PyMem_Calloc(size, sizeof(Word));
        if (!slots) {
            PyErr_NoMemory();
            return -1;
        }
        const size_t old_size = set->mask + 1;
        set->slots = slots;
        set->mask = size - 1;
        for (size_t i = 0; i < old_size; i++)
            if (old[i].src) *word_slot(set, old[i].src, old[i].a, old[i].b, old[i].lower, old[i].h) = old[i];
        PyMem_Free(old);
    }
    const uint64_t h = word_hash(s, a, b, lower);
    Word *w = word_slot(set, s, a, b, lower, h);
    if (!w->src) {
        *w = (Word){s, a, b, lower, h};
        set->used++;
    }
    return 0;
}

static int word_in(const WordSet *set, PyObject *s, Py_ssize_t a, Py_ssize_t b, int lower) {
    return word_slot(set, s, a, b, lower, word_hash(s, a, b, lower))->src != NULL;
}

/* Does str.lower change only the ASCII letters of s? True when every non-ASCII character is its own
 * simple lowercase (Py_UNICODE_TOLOWER): the only unconditional full lowercase mapping that differs
 * from the simple one is U+0130's, and the final-sigma rule only touches U+03A3; neither is its own
 * lowercase. Most non-ASCII lines are so only by curly quotes and dashes, which have no case. */
static int lower_is_ascii(PyObject *s) {
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    for (Py_ssize_t j = 0; j < n; j++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (c >= 128 && Py_UNICODE_TOLOWER(c) != c) return 0;
    }
    return 1;
}

/* s lowered: s itself with lower = 1 when str.lower changes only its ASCII letters (lowered on the fly
 * by char_at), else a new str.lower() copy (lower = 0) that the caller owns. str.lower of the
 * non-ASCII lines and candidates was a sixth of string_columns' time (perf). */
static PyObject *lowered(PyObject *s, int *lower) {
    if (!PyUnicode_Check(s)) {
        PyErr_SetString(PyExc_TypeError, "string_columns: lines and candidates must be str");
        return NULL;
    }
    *lower = PyUnicode_IS_ASCII(s) || lower_is_ascii(s);
    if (*lower) {
        Py_INCREF(s);
        return s;
    }
    return PyObject_CallMethodNoArgs(s, s_lower);
}

/* Calls fn for every word of s.split() (Py_UNICODE_ISSPACE separates, as str.split does), with the
 * bounds of word.strip(chars); returns the number of words or -1 when fn fails. */
typedef int (*word_fn)(void *ctx, PyObject *s, Py_ssize_t a, Py_ssize_t b, int lower);

/* each_word's loop for one string width (a constant after inlining, so PyUnicode_READ is a plain load:
 * the per-character switch on the width was most of the body-word scan, perf). */
static inline __attribute__((always_inline)) Py_ssize_t each_word_k(const int kind, PyObject *s, int lower,
                                                                    const Chars *cs, word_fn fn, void *ctx) {
    const void *data = PyUnicode_DATA(s);
    const Py_ssize_t len = PyUnicode_GET_LENGTH(s);
    Py_ssize_t words = 0, j = 0;
    while (j < len) {
        while (j < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j))) j++;
        if (j >= len) break;
        Py_ssize_t a = j;
        while (j < len && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j))) j++;
        Py_ssize_t b = j;
        words++;
        while (a < b && in_chars(cs, char_at(kind, data, a, lower))) a++;
        while (b > a && in_chars(cs, char_at(kind, data, b - 1, lower))) b--;
        if (fn(ctx, s, a, b, lower) < 0) return -1;
    }
    return words;
}

static Py_ssize_t each_word(PyObject *s, int lower, PyObject *chars, word_fn fn, void *ctx) {
    Chars cs;
    chars_init(&cs, chars);
    switch (PyUnicode_KIND(s)) {
    case PyUnicode_1BYTE_KIND:
        return each_word_k(PyUnicode_1BYTE_KIND, s, lower, &cs, fn, ctx);
    case PyUnicode_2BYTE_KIND:
        return each_word_k(PyUnicode_2BYTE_KIND, s, lower, &cs, fn, ctx);
    default:
        return each_word_k(PyUnicode_4BYTE_KIND, s, lower, &cs, fn, ctx);
    }
}

static int words_init(WordSet *set) {
    set->mask = 1023;
    set->used = 0;
    set->slots = PyMem_Calloc(set->mask + 1, sizeof(Word));
    set->owned = PyList_New(0);
    if (!set->slots || !set->owned) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        return -1;
    }
    return 0;
}

static void words_free(WordSet *set) {
    PyMem_Free(set->slots);
    Py_XDECREF(set->owned);
}

#endif
