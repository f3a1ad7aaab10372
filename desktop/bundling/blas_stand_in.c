/* Stand-in for numpy's OpenBLAS in the standalone app (build_app.spec, desktop/bundling/blas.py).

   Glose uses numpy for the search index's integer arrays and never for linear algebra, yet
   numpy's wheel links a 25 MB OpenBLAS (plus libgfortran and libquadmath, 3 MB). This small
   library takes its place under the same soname and exports what numpy imports from it,
   with the same ILP64 signatures (64-bit integers, `scipy_` prefix, `64_` suffix):

   - the CBLAS functions numpy's dot, matmul, vdot, inner, tensordot and einsum(optimize=True)
     call (?dot, ?dotu_sub, ?dotc_sub, ?axpy, ?gemv, ?gemm, ?syrk): plain, correct loops,
     following the CBLAS and reference BLAS definitions (both storage orders, every
     transposition, negative increments, beta == 0 never reads the output);
   - the LAPACK routines numpy.linalg calls: ?copy, ?getrf (det, slogdet), ?gesv (solve,
     inv) and ?potrf (cholesky) computed by textbook algorithms (LU with partial pivoting,
     Cholesky); the others (eig, eigh, svd, lstsq, qr) answer their workspace query, then
     report failure (info > 0), so numpy.linalg raises LinAlgError instead of returning
     numbers no one computed.

   No libc: built with -nostdlib and libgcc only (complex division), so it has no undefined
   symbol; desktop/bundling/numpy_check.py compares numpy's results with pure Python. */

typedef long long I;
typedef float _Complex C8;
typedef double _Complex C16;

#define EXPORT __attribute__((visibility("default")))
enum { ROW_MAJOR = 101, NO_TRANS = 111, TRANS = 112, CONJ_TRANS = 113, UPPER = 121 };

/* The first element a BLAS vector of n elements with increment inc starts at. */
static inline I first(I n, I inc) { return inc < 0 ? (1 - n) * inc : 0; }

#define SAME(x) (x)
#define CONJ(x) (~(x)) /* GCC: the complex conjugate */
#define ABS1(x) (__builtin_fabs(__real__(x)) + __builtin_fabs(__imag__(x)))

/* ---- BLAS kernels, column-major, for one type T (conjugation CJ) ---- */
#define KERNELS(P, T, CJ)                                                                          \
    static T P##dot(I n, const T *x, I incx, const T *y, I incy, int conj) {                    \
        T s = 0;                                                                                   \
        I ix = first(n, incx), iy = first(n, incy);                                                \
        for (I i = 0; i < n; i++, ix += incx, iy += incy) s += (conj ? CJ(x[ix]) : x[ix]) * y[iy]; \
        return s;                                                                                  \
    }                                                                                              \
    static void P##axpy(I n, T alpha, const T *x, I incx, T *y, I incy) {                         \
        if (n <= 0 || alpha == 0) return;                                                          \
        I ix = first(n, incx), iy = first(n, incy);                                                \
        for (I i = 0; i < n; i++, ix += incx, iy += incy) y[iy] += alpha * x[ix];                  \
    }                                                                                              \
    /* y = alpha * op(A) * x + beta * y, A stored m x n; op: A, A^T (trans) or A^H (+conj). */     \
    static void P##gemv(int trans, int conj, I m, I n, T alpha, const T *a, I lda, const T *x,    \
                        I incx, T beta, T *y, I incy) {                                            \
        I leny = trans ? n : m, lenx = trans ? m : n;                                              \
        if (m <= 0 || n <= 0) return;                                                              \
        for (I i = 0, iy = first(leny, incy); i < leny; i++, iy += incy)                           \
            y[iy] = beta == 0 ? 0 : beta * y[iy];                                                  \
        for (I j = 0, jx = first(lenx, incx), jy = first(leny, incy); j < n; j++) {              \
            const T *col = a + j * lda;                                                            \
            if (!trans) {                                                                          \
                T t = alpha * x[jx];                                                               \
                for (I i = 0, iy = first(leny, incy); i < m; i++, iy += incy)                      \
                    y[iy] += t * (conj ? CJ(col[i]) : col[i]);                                     \
                jx += incx;                                                                        \
            } else {                                                                               \
                T s = 0;                                                                           \
                for (I i = 0, ix = first(lenx, incx); i < m; i++, ix += incx)                      \
                    s += (conj ? CJ(col[i]) : col[i]) * x[ix];                                     \
                y[jy] += alpha * s;                                                                \
                jy += incy;                                                                        \
            }                                                                                      \
        }                                                                                          \
    }                                                                                              \
    /* Element (i, l) of op(A), op given as NO_TRANS, TRANS or CONJ_TRANS. */                      \
    static inline T P##op(const T *a, I lda, int t, I i, I l) {                                    \
        return t == NO_TRANS ? a[i + l * lda] : t == TRANS ? a[l + i * lda] : CJ(a[l + i * lda]); \
    }                                                                                              \
    /* C = alpha * op(A) * op(B) + beta * C, C m x n, k the inner dimension. */                    \
    static void P##gemm(int ta, int tb, I m, I n, I k, T alpha, const T *a, I lda, const T *b,    \
                        I ldb, T beta, T *c, I ldc) {                                              \
        for (I j = 0; j < n; j++) {                                                                \
            T *cj = c + j * ldc;                                                                   \
            for (I i = 0; i < m; i++) cj[i] = beta == 0 ? 0 : beta * cj[i];                        \
            if (ta == NO_TRANS) {                                                                  \
                for (I l = 0; l < k; l++) {                                                        \
                    T t = alpha * P##op(b, ldb, tb, l, j);                                         \
                    const T *al = a + l * lda;                                                     \
                    for (I i = 0; i < m; i++) cj[i] += t * al[i];                                  \
                }                                                                                  \
            } else {                                                                               \
                for (I i = 0; i < m; i++) {                                                        \
                    T s = 0;                                                                       \
                    for (I l = 0; l < k; l++) s += P##op(a, lda, ta, i, l) * P##op(b, ldb, tb, l, j); \
                    cj[i] += alpha * s;                                                            \
                }                                                                                  \
            }                                                                                      \
        }                                                                                          \
    }                                                                                              \
    /* The upper or lower triangle of C = alpha * A * A^T + beta * C (A n x k), or of          \
       alpha * A^T * A + beta * C (trans; A k x n). Symmetric, not Hermitian: no conjugate. */   \
    static void P##syrk(int upper, int trans, I n, I k, T alpha, const T *a, I lda, T beta,     \
                        T *c, I ldc) {                                                             \
        for (I j = 0; j < n; j++) {                                                                \
            for (I i = upper ? 0 : j; i < (upper ? j + 1 : n); i++) {                              \
                T s = 0;                                                                           \
                for (I l = 0; l < k; l++)                                                          \
                    s += trans ? a[l + i * lda] * a[l + j * lda] : a[i + l * lda] * a[j + l * lda]; \
                c[i + j * ldc] = (beta == 0 ? 0 : beta * c[i + j * ldc]) + alpha * s;              \
            }                                                                                      \
        }                                                                                          \
    }

KERNELS(s, float, SAME)
KERNELS(d, double, SAME)
KERNELS(c, C8, CONJ)
KERNELS(z, C16, CONJ)

/* ---- CBLAS entry points: row-major calls become column-major ones on the transposes ---- */
#define CBLAS(P, T, S, ARG, VAL)                                                                      \
    EXPORT void scipy_cblas_##P##axpy64_(I n, ARG alpha, const void *x, I incx, void *y, I incy) {  \
        P##axpy(n, VAL(alpha), x, incx, y, incy);                                                   \
    }                                                                                               \
    EXPORT void scipy_cblas_##P##gemv64_(int order, int trans, I m, I n, ARG alpha, const void *a,  \
                                         I lda, const void *x, I incx, ARG beta, void *y, I incy) { \
        if (order == ROW_MAJOR)                                                                     \
            P##gemv(trans == NO_TRANS, trans == CONJ_TRANS, n, m, VAL(alpha), a, lda, x, incx,      \
                    VAL(beta), y, incy);                                                            \
        else                                                                                        \
            P##gemv(trans != NO_TRANS, trans == CONJ_TRANS, m, n, VAL(alpha), a, lda, x, incx,      \
                    VAL(beta), y, incy);                                                            \
    }                                                                                               \
    EXPORT void scipy_cblas_##P##gemm64_(int order, int ta, int tb, I m, I n, I k, ARG alpha,       \
                                         const void *a, I lda, const void *b, I ldb, ARG beta,      \
                                         void *c, I ldc) {                                          \
        if (order == ROW_MAJOR)                                                                     \
            P##gemm(tb, ta, n, m, k, VAL(alpha), b, ldb, a, lda, VAL(beta), c, ldc);                \
        else                                                                                        \
            P##gemm(ta, tb, m, n, k, VAL(alpha), a, lda, b, ldb, VAL(beta), c, ldc);                \
    }                                                                                               \
    EXPORT void scipy_cblas_##P##syrk64_(int order, int uplo, int trans, I n, I k, ARG alpha,       \
                                         const void *a, I lda, ARG beta, void *c, I ldc) {          \
        int upper = uplo == UPPER, t = trans != NO_TRANS;                                           \
        if (order == ROW_MAJOR) upper = !upper, t = !t;                                             \
        P##syrk(upper, t, n, k, VAL(alpha), a, lda, VAL(beta), c, ldc);                             \
    }

#define BY_VALUE(x) (x)
#define BY_POINTER8(x) (*(const C8 *)(x))
#define BY_POINTER16(x) (*(const C16 *)(x))
CBLAS(s, float, float, float, BY_VALUE)
CBLAS(d, double, double, double, BY_VALUE)
CBLAS(c, C8, float, const void *, BY_POINTER8)
CBLAS(z, C16, double, const void *, BY_POINTER16)

EXPORT float scipy_cblas_sdot64_(I n, const float *x, I incx, const float *y, I incy) { return sdot(n, x, incx, y, incy, 0); }
EXPORT double scipy_cblas_ddot64_(I n, const double *x, I incx, const double *y, I incy) { return ddot(n, x, incx, y, incy, 0); }
#define DOT_SUB(P, T)                                                                                      \
    EXPORT void scipy_cblas_##P##dotu_sub64_(I n, const void *x, I incx, const void *y, I incy, void *r) { \
        *(T *)r = P##dot(n, x, incx, y, incy, 0);                                                          \
    }                                                                                                      \
    EXPORT void scipy_cblas_##P##dotc_sub64_(I n, const void *x, I incx, const void *y, I incy, void *r) { \
        *(T *)r = P##dot(n, x, incx, y, incy, 1);                                                          \
    }
DOT_SUB(c, C8)
DOT_SUB(z, C16)

/* ---- LAPACK (Fortran calling convention: every argument by address; column-major) ---- */
#define LAPACK(P, T, R, CJ, SQRT)                                                                    \
    EXPORT I scipy_##P##copy_64_(const I *n, const T *x, const I *incx, T *y, const I *incy) {      \
        for (I i = 0, ix = first(*n, *incx), iy = first(*n, *incy); i < *n; i++, ix += *incx, iy += *incy) \
            y[iy] = x[ix];                                                                           \
        return 0;                                                                                    \
    }                                                                                                \
    /* LU factorization with partial pivoting (LAPACK's unblocked getf2): A = P L U. */              \
    static void P##lu(I m, I n, T *a, I lda, I *ipiv, I *info) {                                     \
        *info = m < 0 ? -1 : n < 0 ? -2 : lda < (m > 1 ? m : 1) ? -4 : 0;                            \
        if (*info) return;                                                                           \
        for (I j = 0; j < (m < n ? m : n); j++) {                                                    \
            I p = j;                                                                                 \
            for (I i = j + 1; i < m; i++)                                                            \
                if (ABS1(a[i + j * lda]) > ABS1(a[p + j * lda])) p = i;                              \
            ipiv[j] = p + 1;                                                                         \
            if (a[p + j * lda] != 0) {                                                               \
                if (p != j)                                                                          \
                    for (I c = 0; c < n; c++) {                                                      \
                        T t = a[j + c * lda];                                                        \
                        a[j + c * lda] = a[p + c * lda], a[p + c * lda] = t;                         \
                    }                                                                                \
                for (I i = j + 1; i < m; i++) a[i + j * lda] /= a[j + j * lda];                      \
            } else if (*info == 0) {                                                                 \
                *info = j + 1; /* singular: U(j,j) is exactly zero */                                \
            }                                                                                        \
            for (I c = j + 1; c < n; c++) {                                                          \
                T t = a[j + c * lda];                                                                \
                for (I i = j + 1; i < m; i++) a[i + c * lda] -= a[i + j * lda] * t;                  \
            }                                                                                        \
        }                                                                                            \
    }                                                                                                \
    EXPORT I scipy_##P##getrf_64_(const I *m, const I *n, T *a, const I *lda, I *ipiv, I *info) {   \
        P##lu(*m, *n, a, *lda, ipiv, info);                                                          \
        return 0;                                                                                    \
    }                                                                                                \
    /* Solve A X = B: LU, then the row swaps, L (unit diagonal) and U on each column of B. */        \
    EXPORT I scipy_##P##gesv_64_(const I *pn, const I *nrhs, T *a, const I *plda, I *ipiv, T *b,    \
                                 const I *ldb, I *info) {                                            \
        I n = *pn, lda = *plda;                                                                      \
        if (*nrhs < 0 || *ldb < (n > 1 ? n : 1)) {                                                   \
            *info = *nrhs < 0 ? -2 : -7;                                                             \
            return 0;                                                                                \
        }                                                                                            \
        P##lu(n, n, a, lda, ipiv, info);                                                             \
        if (*info) return 0;                                                                         \
        for (I c = 0; c < *nrhs; c++) {                                                              \
            T *x = b + c * *ldb;                                                                     \
            for (I i = 0; i < n; i++) {                                                              \
                I p = ipiv[i] - 1;                                                                   \
                T t = x[i];                                                                          \
                x[i] = x[p], x[p] = t;                                                               \
            }                                                                                        \
            for (I i = 0; i < n; i++)                                                                \
                for (I k = 0; k < i; k++) x[i] -= a[i + k * lda] * x[k];                             \
            for (I i = n - 1; i >= 0; i--) {                                                         \
                for (I k = i + 1; k < n; k++) x[i] -= a[i + k * lda] * x[k];                         \
                x[i] /= a[i + i * lda];                                                              \
            }                                                                                        \
        }                                                                                            \
        return 0;                                                                                    \
    }                                                                                                \
    /* Cholesky: A = L L^H (uplo 'L') or U^H U ('U'); info = j + 1 when the leading minor of      \
       order j + 1 is not positive definite. The other triangle is left as it was. */             \
    EXPORT I scipy_##P##potrf_64_(const char *uplo, const I *pn, T *a, const I *plda, I *info) {    \
        I n = *pn, lda = *plda;                                                                      \
        int up = *uplo == 'U' || *uplo == 'u';                                                       \
        *info = (!up && *uplo != 'L' && *uplo != 'l') ? -1 : n < 0 ? -2 : lda < (n > 1 ? n : 1) ? -4 : 0; \
        if (*info) return 0;                                                                         \
        for (I j = 0; j < n; j++) {                                                                  \
            R d = __real__(a[j + j * lda]);                                                          \
            for (I k = 0; k < j; k++) {                                                              \
                T l = up ? a[k + j * lda] : a[j + k * lda];                                          \
                d -= __real__(CJ(l) * l);                                                            \
            }                                                                                        \
            if (!(d > 0)) { /* also NaN */                                                          \
                a[j + j * lda] = d;                                                                  \
                *info = j + 1;                                                                       \
                return 0;                                                                            \
            }                                                                                        \
            d = SQRT(d);                                                                             \
            a[j + j * lda] = d;                                                                      \
            for (I i = j + 1; i < n; i++) {                                                          \
                T s = up ? a[j + i * lda] : a[i + j * lda];                                          \
                for (I k = 0; k < j; k++)                                                            \
                    s -= up ? CJ(a[k + j * lda]) * a[k + i * lda] : a[i + k * lda] * CJ(a[j + k * lda]); \
                if (up) a[j + i * lda] = s / d;                                                      \
                else a[i + j * lda] = s / d;                                                         \
            }                                                                                        \
        }                                                                                            \
        return 0;                                                                                    \
    }

LAPACK(s, float, float, SAME, __builtin_sqrtf)
LAPACK(d, double, double, SAME, __builtin_sqrt)
LAPACK(c, C8, float, CONJ, __builtin_sqrtf)
LAPACK(z, C16, double, CONJ, __builtin_sqrt)

/* ---- LAPACK routines this library does not compute: a workspace query (lwork = -1) gets
   sizes of 1 and info = 0, as numpy needs to go on; the computation itself reports failure
   (info > 0) and leaves the outputs alone, so numpy fills them with NaN and raises. ---- */
#define ANSWER(query, ...)                                                                           \
    {                                                                                                \
        if (query) {                                                                                 \
            __VA_ARGS__;                                                                             \
            *info = 0;                                                                               \
        } else {                                                                                     \
            *info = 1;                                                                               \
        }                                                                                            \
        return 0;                                                                                    \
    }
#define NOT_COMPUTED(P, T, R)                                                                        \
    EXPORT I scipy_##P##gesdd_64_(const char *jobz, const I *m, const I *n, T *a, const I *lda,     \
                                  R *s, T *u, const I *ldu, T *vt, const I *ldvt, T *work,           \
                                  const I *lwork, COMPLEX_RWORK(R) I *iwork, I *info)                \
        ANSWER(*lwork == -1, work[0] = 1)                                                            \
    EXPORT I scipy_##P##gelsd_64_(const I *m, const I *n, const I *nrhs, T *a, const I *lda, T *b,  \
                                  const I *ldb, R *s, const R *rcond, I *rank, T *work,              \
                                  const I *lwork, COMPLEX_RWORK(R) I *iwork, I *info)                \
        ANSWER(*lwork == -1, work[0] = 1, iwork[0] = 1 RWORK_SIZE)

#define COMPLEX_RWORK(R)
#define RWORK_SIZE
NOT_COMPUTED(s, float, float)
NOT_COMPUTED(d, double, double)
#undef COMPLEX_RWORK
#undef RWORK_SIZE
#define COMPLEX_RWORK(R) R *rwork,
#define RWORK_SIZE , rwork[0] = 1
NOT_COMPUTED(c, C8, float)
NOT_COMPUTED(z, C16, double)

#define REAL_EIGEN(P, T)                                                                             \
    EXPORT I scipy_##P##syevd_64_(const char *jobz, const char *uplo, const I *n, T *a, const I *lda, \
                                  T *w, T *work, const I *lwork, I *iwork, const I *liwork, I *info) \
        ANSWER(*lwork == -1 || *liwork == -1, work[0] = 1, iwork[0] = 1)                             \
    EXPORT I scipy_##P##geev_64_(const char *jobvl, const char *jobvr, const I *n, T *a,            \
                                 const I *lda, T *wr, T *wi, T *vl, const I *ldvl, T *vr,            \
                                 const I *ldvr, T *work, const I *lwork, I *info)                    \
        ANSWER(*lwork == -1, work[0] = 1)
REAL_EIGEN(s, float)
REAL_EIGEN(d, double)

#define COMPLEX_EIGEN(P, T, R)                                                                       \
    EXPORT I scipy_##P##heevd_64_(const char *jobz, const char *uplo, const I *n, T *a, const I *lda, \
                                  R *w, T *work, const I *lwork, R *rwork, const I *lrwork,          \
                                  I *iwork, const I *liwork, I *info)                                \
        ANSWER(*lwork == -1 || *lrwork == -1 || *liwork == -1, work[0] = 1, rwork[0] = 1, iwork[0] = 1) \
    EXPORT I scipy_##P##geev_64_(const char *jobvl, const char *jobvr, const I *n, T *a,            \
                                 const I *lda, T *w, T *vl, const I *ldvl, T *vr, const I *ldvr,     \
                                 T *work, const I *lwork, R *rwork, I *info)                         \
        ANSWER(*lwork == -1, work[0] = 1)
COMPLEX_EIGEN(c, C8, float)
COMPLEX_EIGEN(z, C16, double)

/* QR: geqrf, then orgqr (real) or ungqr (complex) to form Q. */
#define QR(P, Q, T)                                                                                  \
    EXPORT I scipy_##P##geqrf_64_(const I *m, const I *n, T *a, const I *lda, T *tau, T *work,      \
                                  const I *lwork, I *info)                                           \
        ANSWER(*lwork == -1, work[0] = 1)                                                            \
    EXPORT I scipy_##P##Q##gqr_64_(const I *m, const I *n, const I *k, T *a, const I *lda, T *tau,  \
                                   T *work, const I *lwork, I *info)                                 \
        ANSWER(*lwork == -1, work[0] = 1)
QR(s, or, float)
QR(d, or, double)
QR(c, un, C8)
QR(z, un, C16)
