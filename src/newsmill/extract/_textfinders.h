/* The section finders' C prefilters and the language step's counts, for _textfast.c (included there:
 * one extension, source files under ~800 lines). Each prefilter passes a superset of the lines its
 * Python regexes can match, so the regexes still decide (tests/test_extract_headlinefast.py). */

/* re's \d (Py_UNICODE_ISDECIMAL), without the library call for ASCII. */
static inline __attribute__((always_inline)) int is_decimal(Py_UCS4 c) { return c < 128 ? (c >= '0' && c <= '9') : Py_UNICODE_ISDECIMAL(c); }

/* Does data[j..end) hold needle (lowercase ASCII) at j, ignoring ASCII case? */
static inline __attribute__((always_inline)) int iat(const int kind, const void *data, Py_ssize_t j, Py_ssize_t end, const char *needle) {
    for (; *needle; needle++, j++) {
        if (j >= end) return 0;
        const Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (Py_UCS4)*needle) return 0;
    }
    return 1;
}

/* Does data[j..end) start with one of textteasers._MARKER_WORD's words (by, von, par, por, yesterday,
 * today; ASCII case ignored, and "ſ" for "s", the only non-ASCII character re.IGNORECASE matches to one
 * of their letters) followed by the end or a character that is not \w (re's: alphanumeric or "_")? */
static inline __attribute__((always_inline)) int marker_word(const int kind, const void *data, Py_ssize_t j, Py_ssize_t end) {
    static const char *const words[] = {"by", "von", "par", "por", "yesterday", "today"};
    for (int k = 0; k < 6; k++) {
        const char *w = words[k];
        Py_ssize_t i = j;
        for (; *w && i < end; w++, i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            c = c >= 'A' && c <= 'Z' ? c + 32 : c == 0x17f ? 's' : c;
            if (c != (Py_UCS4)*w) break;
        }
        if (*w) continue;
        if (i == end) return 1;
        const Py_UCS4 next = PyUnicode_READ(kind, data, i);
        if (!(Py_UNICODE_ISALNUM(next) || next == '_')) return 1;
    }
    return 0;
}

/* Could the line be a teaser marker (textteasers._maybe_marker and _marker)? A superset of _marker's
 * lines, which all pass _maybe_marker (a decimal anywhere, or a marker word first: marker_word), so
 * that the caller runs only _marker's regexes: a marker word or a decimal first, or two runs of
 * decimals; and a superset of _marker's regexes on the line
 * stripped to 1..strip_max characters (\d is Py_UNICODE_ISDECIMAL, as in re):
 * - _RELATIVE: a decimal first and "ago" anywhere, or "ye"/"to" first (yesterday, today);
 * - _CREDIT: "by", "vo", "pa" or "po" first;
 *   (ASCII case ignored; a non-ASCII first or second character always passes, as re.IGNORECASE may fold it);
 * - _NUMERIC_DATE: a decimal, "/" or ".", one or two decimals, "/" or "."; or four decimals in a row,
 *   which its ISO form and has_visible_date's \d{4} both need.
 * Measured on the benchmark pages: 4.1 lines a page reach the regexes instead of 19. */
static inline __attribute__((always_inline)) int maybe_marker(const int kind, const void *data, Py_ssize_t len, Py_ssize_t strip_max) {
    Py_ssize_t j = 0, end = len;
    while (j < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j))) j++;
    while (end > j && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1))) end--;
    if (end == j || end - j > strip_max) return 0; /* _marker wants 1 to strip_max chars once stripped */
    if (!marker_word(kind, data, j, end) && !is_decimal(PyUnicode_READ(kind, data, j))) {
        /* Neither _CREDIT nor _RELATIVE can match: a date must, and every date pattern of _marker
         * (_NUMERIC_DATE and has_visible_date's) holds two separate runs of decimals or more (day and
         * year): lines with one number ("Election 2020", "© 2019 The Times") were a third of those
         * that reached the regexes. */
        int runs = 0;
        for (Py_ssize_t i = j, in_run = 0; i < end && runs < 2; i++) {
            const int d = is_decimal(PyUnicode_READ(kind, data, i));
            runs += d && !in_run;
            in_run = d;
        }
        if (runs < 2) return 0;
    }
    const Py_UCS4 c0 = PyUnicode_READ(kind, data, j), c1 = end - j > 1 ? PyUnicode_READ(kind, data, j + 1) : 0;
    if (c0 >= 128 || c1 >= 128) return 1;
    static const char *const starts[] = {"by", "vo", "pa", "po", "ye", "to"};
    for (int k = 0; k < 6; k++)
        if (iat(kind, data, j, end, starts[k])) return 1;
    const int digit_first = is_decimal(c0);
    Py_ssize_t run = 0; /* decimals in a row ending at i */
    for (Py_ssize_t i = j; i < end; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (digit_first && (c == 'a' || c == 'A') && iat(kind, data, i, end, "ago")) return 1;
        if (!is_decimal(c)) {
            if (run > 0 && (c == '/' || c == '.')) { /* \d[/.] then \d{1,2}[/.] */
                Py_ssize_t k = i + 1, n = 0;
                while (k < end && n < 3 && is_decimal(PyUnicode_READ(kind, data, k))) k++, n++;
                if (n >= 1 && n <= 2 && k < end) {
                    const Py_UCS4 sep = PyUnicode_READ(kind, data, k);
                    if (sep == '/' || sep == '.') return 1;
                }
            }
            run = 0;
            continue;
        }
        if (++run >= 4) return 1;
    }
    return 0;
}

/* Does the text hold needle (lowercase ASCII), ignoring ASCII case? */
static inline __attribute__((always_inline)) int icontains(const int kind, const void *data, Py_ssize_t len, const char *needle) {
    const Py_UCS4 lo = (Py_UCS4)needle[0], up = lo >= 'a' && lo <= 'z' ? lo - 32 : lo;
    for (Py_ssize_t j = 0; j < len; j++) { /* the first letter before the call: iat was 0.9% (perf) */
        const Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if ((c == lo || c == up) && iat(kind, data, j, len, needle)) return 1;
    }
    return 0;
}

/* Could the line be a copyright notice (textfooter._NOTICE, case-insensitive)? A superset of its two
 * alternatives: "©", "(c)" or "copyright" at the start (a first character © or "(", or "copyr" in any
 * ASCII case), or
 * "rights reserved" in any ASCII case anywhere; or a character that re.IGNORECASE matches to an ASCII
 * letter anywhere (İ and ı to i, ſ to s, the Kelvin sign to k). */
static inline __attribute__((always_inline)) int maybe_notice(const int kind, const void *data, Py_ssize_t len, int ascii) {
    if (len == 0) return 0;
    const Py_UCS4 c0 = PyUnicode_READ(kind, data, 0);
    if (c0 == 0xa9 || c0 == '(') return 1;
    /* "copyr" has no letter that re.IGNORECASE matches to a non-ASCII character (only i and s have
     * such: İ, ı, ſ): lines that merely start with a c ("Click", "Contact") were 5 of the 6.7 lines
     * a page that reached the regex. */
    if ((c0 == 'c' || c0 == 'C') && iat(kind, data, 0, len, "copyr")) return 1;
    if (!ascii)
        for (Py_ssize_t j = 0; j < len; j++) {
            const Py_UCS4 c = PyUnicode_READ(kind, data, j);
            if (c == 0x130 || c == 0x131 || c == 0x17f || c == 0x212a) return 1;
        }
    return icontains(kind, data, len, "rights reserved");
}

/* Does the line end, before position end, with one of the words (lowercase ASCII, ignoring ASCII
 * case)? */
static inline __attribute__((always_inline)) int ends_with_word(const int kind, const void *data, Py_ssize_t end, const char *const *words,
                                                               int n_words) {
    for (int k = 0; k < n_words; k++) {
        const Py_ssize_t m = (Py_ssize_t)strlen(words[k]);
        if (m <= end && iat(kind, data, end - m, end, words[k])) return 1;
    }
    return 0;
}

/* Could the line be a comment header (textcomments._marker)? A superset of its two regexes: a
 * timestamp holds a decimal, ":", a decimal (\d{1,2}:\d{2}); "<name> says:" ends, once str.strip()ped,
 * in one of _SAYS's verbs, an optional whitespace character and ":" (ASCII case ignored; a non-ASCII
 * character among the last 12 passes, as re.IGNORECASE folds ſ, ı and İ onto s and i). Lines ending
 * in a colon alone ("Share this:", "Tags:") were 5 of the 5.6 lines a page that reached the regexes. */
static inline __attribute__((always_inline)) int maybe_comment(const int kind, const void *data, Py_ssize_t len) {
    static const char *const says[] = {"says", "schreibt", "sagt", "dit", "dice", "diz", "zegt"};
    Py_ssize_t end = len;
    while (end > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1))) end--;
    if (end == 0) return 0;
    if (PyUnicode_READ(kind, data, end - 1) == ':') {
        for (Py_ssize_t j = end > 12 ? end - 12 : 0; j < end; j++)
            if (PyUnicode_READ(kind, data, j) >= 128) return 1;
        Py_ssize_t e = end - 1;
        if (ends_with_word(kind, data, e, says, 7)) return 1;
        if (e > 0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, e - 1)) && ends_with_word(kind, data, e - 1, says, 7))
            return 1;
    }
    for (Py_ssize_t j = 1; j + 1 < end; j++)
        if (PyUnicode_READ(kind, data, j) == ':' && is_decimal(PyUnicode_READ(kind, data, j - 1)) &&
            is_decimal(PyUnicode_READ(kind, data, j + 1)))
            return 1;
    return 0;
}

static inline __attribute__((always_inline)) int line_test(const int kind, int test, const void *data, Py_ssize_t len, Py_ssize_t strip_max,
                                                          int ascii) {
    return test == 2   ? maybe_notice(kind, data, len, ascii)
           : test == 1 ? maybe_marker(kind, data, len, strip_max)
                       : maybe_comment(kind, data, len);
}

/* short_lines(texts, lo, max_chars, test, strip_max[, hi]): indices i in [lo, hi) (hi: to the end when
 * absent or negative) of the lines of at most max_chars code points that pass test: 0 maybe_comment,
 * 1 maybe_marker, 2 maybe_notice. The callers run their regexes on these lines only. */
static PyObject *short_lines(PyObject *self, PyObject *args) {
    PyObject *texts;
    Py_ssize_t lo, max_chars, strip_max, hi = -1;
    int test;
    if (!PyArg_ParseTuple(args, "O!nnin|n", &PyList_Type, &texts, &lo, &max_chars, &test, &strip_max, &hi))
        return NULL;
    if (hi < 0 || hi > PyList_GET_SIZE(texts)) hi = PyList_GET_SIZE(texts);
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t i = lo < 0 ? 0 : lo; i < hi; i++) {
        PyObject *s = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_Check(s)) {
            PyErr_SetString(PyExc_TypeError, "short_lines: texts must be str");
            goto fail;
        }
        const Py_ssize_t len = PyUnicode_GET_LENGTH(s);
        if (len > max_chars) continue;
        const void *data = PyUnicode_DATA(s);
        int hit; /* each test inlined for the string's width, so characters are plain loads */
        switch (PyUnicode_KIND(s)) {
        case PyUnicode_1BYTE_KIND:
            hit = line_test(PyUnicode_1BYTE_KIND, test, data, len, strip_max, PyUnicode_IS_ASCII(s));
            break;
        case PyUnicode_2BYTE_KIND:
            hit = line_test(PyUnicode_2BYTE_KIND, test, data, len, strip_max, 0);
            break;
        default:
            hit = line_test(PyUnicode_4BYTE_KIND, test, data, len, strip_max, 0);
        }
        if (!hit) continue;
        PyObject *v = PyLong_FromSsize_t(i);
        if (!v || PyList_Append(out, v) < 0) {
            Py_XDECREF(v);
            goto fail;
        }
        Py_DECREF(v);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* c folded as re.IGNORECASE compares it with an ASCII letter: ASCII to lowercase, and the only other
 * code points it matches to one (ı and İ to i, ſ to s, the Kelvin sign to k); anything else to 0. */
static inline Py_UCS4 ascii_fold(Py_UCS4 c) {
    if (c < 128) return c >= 'A' && c <= 'Z' ? c + 32 : c;
    return c == 0x130 || c == 0x131 ? 'i' : c == 0x17f ? 's' : c == 0x212a ? 'k' : 0;
}

/* heading_lines(texts, idx, starts): the indices in idx whose line, once stripped, may match
 * textteasers._LIST_HEADING (re.IGNORECASE): it does not end in one of ".?!:" (the caller rejects those)
 * and it starts with one of the space-separated lowercase prefixes in starts (the literal starts of the
 * pattern's alternatives: "more", "latest", "top" ...), compared as re.IGNORECASE compares (ascii_fold).
 * Two-letter prefixes let 6.4 lines a page through ("Re...", "To...", "Wh..."); the whole literal
 * starts, 1.4. */
static PyObject *heading_lines(PyObject *self, PyObject *args) {
    PyObject *texts, *idx;
    const char *starts;
    Py_ssize_t n_starts;
    if (!PyArg_ParseTuple(args, "O!O!s#", &PyList_Type, &texts, &PyList_Type, &idx, &starts, &n_starts))
        return NULL;
    PyObject *out = PyList_New(0);
    if (!out) return NULL;
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(idx); k++) {
        PyObject *v = PyList_GET_ITEM(idx, k);
        const Py_ssize_t i = PyLong_AsSsize_t(v);
        if (i < 0 || i >= PyList_GET_SIZE(texts) || !PyUnicode_Check(PyList_GET_ITEM(texts, i))) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_IndexError, "heading_lines: bad line index");
            goto fail;
        }
        PyObject *s = PyList_GET_ITEM(texts, i);
        const int kind = PyUnicode_KIND(s);
        const void *data = PyUnicode_DATA(s);
        const Py_ssize_t len = PyUnicode_GET_LENGTH(s);
        Py_ssize_t j = 0, end = len;
        while (j < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j))) j++;
        while (end > j && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, end - 1))) end--;
        if (end - j < 2) continue; /* every alternative of the pattern is longer */
        const Py_UCS4 last = PyUnicode_READ(kind, data, end - 1);
        if (last == '.' || last == '?' || last == '!' || last == ':') continue;
        int hit = 0;
        for (Py_ssize_t a = 0; a < n_starts && !hit;) { /* each prefix in turn */
            Py_ssize_t b = a;
            while (b < n_starts && starts[b] != ' ') b++;
            if (b > a && b - a <= end - j) {
                Py_ssize_t m = 0;
                while (m < b - a && ascii_fold(PyUnicode_READ(kind, data, j + m)) == (Py_UCS4)starts[a + m]) m++;
                hit = m == b - a;
            }
            a = b + 1;
        }
        if (!hit) continue;
        if (PyList_Append(out, v) < 0) goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}


/* teaser_scan(words, keep, kept_above, min_body, heading_words) -> (n_kept, first, lo, heads): the array
 * work of textteasers._scan in one pass. words: float64 word counts (whole numbers, so every sum is
 * exact in any order); keep: bytes; kept_above: float64 out, n + 1: 0 then the running kept-word sums.
 * first: the first kept line (-1 when none); lo: max(first + 1, the first line with min_body kept
 * words above it, else n) (np.searchsorted); heads: the lines after the first kept one up to the last
 * with at most heading_words words and min_body kept words above. */
static PyObject *teaser_scan(PyObject *self, PyObject *args) {
    PyObject *ow, *ok, *oa;
    double min_body, heading_words;
    if (!PyArg_ParseTuple(args, "OOOdd", &ow, &ok, &oa, &min_body, &heading_words)) return NULL;
    Buf b[3];
    memset(b, 0, sizeof b);
    PyObject *heads = NULL;
    if (get_buf(ok, &b[1], 1, 0, 0, "teaser_scan") < 0) goto fail;
    const Py_ssize_t n = b[1].b.len;
    if (get_buf_exact(ow, &b[0], 8, n, 0, "teaser_scan") < 0 || get_buf_exact(oa, &b[2], 8, n + 1, 1, "teaser_scan") < 0)
        goto fail;
    const double *words = b[0].b.buf;
    const uint8_t *keep = b[1].b.buf;
    double *above = b[2].b.buf;
    Py_ssize_t n_kept = 0, first = -1, last = -1, reach = n;
    above[0] = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (reach == n && above[i] >= min_body) reach = i;
        if (keep[i]) {
            n_kept++;
            if (first < 0) first = i;
            last = i;
        }
        above[i + 1] = above[i] + (keep[i] ? words[i] : 0.0);
    }
    heads = PyList_New(0);
    if (!heads) goto fail;
    for (Py_ssize_t i = first + 1; first >= 0 && i <= last; i++) {
        if (!(words[i] <= heading_words && above[i] >= min_body)) continue;
        PyObject *v = PyLong_FromSsize_t(i);
        if (!v || PyList_Append(heads, v) < 0) {
            Py_XDECREF(v);
            goto fail;
        }
        Py_DECREF(v);
    }
    release(b, 3);
    return Py_BuildValue("(nnnN)", n_kept, first, first + 1 > reach ? first + 1 : reach, heads);
fail:
    Py_XDECREF(heads);
    release(b, 3);
    return NULL;
}

/* A character of language._TOKEN, r"[^\W\d_]+": \w (Py_UNICODE_ISALNUM or "_", as re) but not \d
 * (Py_UNICODE_ISDECIMAL) and not "_". */
static inline int token_char(Py_UCS4 c) {
    if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return Py_UNICODE_ISALNUM(c) && !Py_UNICODE_ISDECIMAL(c);
}

/* stopword_counts(sample, lowered, (hashes, lens, masks), shift, n_langs, max_len): language._by_stopwords'
 * counts, as (letters, letters from U+0250 up, tokens, hits). letters: str.isalpha characters of sample;
 * tokens: the _TOKEN matches of lowered (sample.lower()); hits: per language k < n_langs, the tokens
 * whose entry in the table (language._stop_table: 64-bit polynomial hash of the code points from bit
 * shift, linear probing, length 0 for an empty slot) has bit k set in its mask. Tokens over max_len
 * characters (no stopword is that long) are not looked up. */
static PyObject *stopword_counts(PyObject *self, PyObject *args) {
    PyObject *sample, *low, *oh, *ol, *om;
    Py_ssize_t n_langs, max_len;
    int shift;
    if (!PyArg_ParseTuple(args, "UU(OOO)inn", &sample, &low, &oh, &ol, &om, &shift, &n_langs, &max_len)) return NULL;
    if (n_langs < 0 || n_langs > 62 || shift < 0 || shift > 63) {
        PyErr_SetString(PyExc_ValueError, "stopword_counts: n_langs must be 0..62, shift 0..63");
        return NULL;
    }
    Buf tb[3];
    memset(tb, 0, sizeof tb);
    if (get_buf(oh, &tb[0], 8, 1, 0, "stopword_counts") < 0 || get_buf(ol, &tb[1], 8, 1, 0, "stopword_counts") < 0 ||
        get_buf(om, &tb[2], 8, 1, 0, "stopword_counts") < 0) {
        release(tb, 3);
        return NULL;
    }
    const size_t slots = (size_t)(tb[0].b.len / 8);
    if ((slots & (slots - 1)) || tb[1].b.len != tb[0].b.len || tb[2].b.len != tb[0].b.len) {
        release(tb, 3);
        PyErr_SetString(PyExc_ValueError, "stopword_counts: the table needs 2^k slots in three equal arrays");
        return NULL;
    }
    const uint64_t *thash = tb[0].b.buf;
    const int64_t *tlen = tb[1].b.buf, *tmask = tb[2].b.buf;
    Py_ssize_t letters = 0, other = 0, tokens = 0, hits[62] = {0};
    int kind = PyUnicode_KIND(sample);
    const void *data = PyUnicode_DATA(sample);
    Py_ssize_t len = PyUnicode_GET_LENGTH(sample);
    for (Py_ssize_t j = 0; j < len; j++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, j);
        if (c < 128 ? ((c | 32) >= 'a' && (c | 32) <= 'z') : Py_UNICODE_ISALPHA(c)) {
            letters++;
            other += c >= 0x250;
        }
    }
    kind = PyUnicode_KIND(low);
    data = PyUnicode_DATA(low);
    len = PyUnicode_GET_LENGTH(low);
    for (Py_ssize_t j = 0; j < len;) {
        if (!token_char(PyUnicode_READ(kind, data, j))) {
            j++;
            continue;
        }
        const Py_ssize_t a = j;
        uint64_t h = 0, pw = 1;
        while (j < len) {
            const Py_UCS4 c = PyUnicode_READ(kind, data, j);
            if (!token_char(c)) break;
            h += (uint64_t)c * pw;
            pw *= 0x9E3779B97F4A7C15ULL;
            j++;
        }
        tokens++;
        if (j - a > max_len) continue;
        size_t slot = (size_t)(h >> shift) & (slots - 1);
        for (size_t probe = 0; probe < slots && tlen[slot]; probe++, slot = (slot + 1) & (slots - 1)) {
            if (thash[slot] == h && tlen[slot] == j - a) {
                for (Py_ssize_t k = 0; k < n_langs; k++) hits[k] += (tmask[slot] >> k) & 1;
                break;
            }
        }
    }
    release(tb, 3);
    PyObject *counts = PyTuple_New(n_langs);
    if (!counts) return NULL;
    for (Py_ssize_t k = 0; k < n_langs; k++) {
        PyObject *v = PyLong_FromSsize_t(hits[k]);
        if (!v) {
            Py_DECREF(counts);
            return NULL;
        }
        PyTuple_SET_ITEM(counts, k, v);
    }
    return Py_BuildValue("nnnN", letters, other, tokens, counts);
}
