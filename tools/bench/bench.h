/* Shared by the benchmark drivers: a monotonic clock and the median/min/max report. */
#ifndef SP_BENCH_H
#define SP_BENCH_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define BENCH_MAX_RUNS 101

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int bench_cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median of n times (sorts a copy). */
static inline double bench_median(const double *t, int n)
{
    double s[BENCH_MAX_RUNS];
    for (int i = 0; i < n; i++)
        s[i] = t[i];
    qsort(s, (size_t)n, sizeof(double), bench_cmp);
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/* Prints "label: median (min .. max) ms, throughput" for n times over work units (bytes or
 * items; 0 for none). */
static inline void bench_report(const char *label, const double *t, int n, double work)
{
    double lo = t[0], hi = t[0];
    for (int i = 1; i < n; i++) {
        lo = t[i] < lo ? t[i] : lo;
        hi = t[i] > hi ? t[i] : hi;
    }
    double med = bench_median(t, n);
    printf("%-24s median %9.3f ms  (min %9.3f, max %9.3f; %d runs)", label, med * 1e3, lo * 1e3,
           hi * 1e3, n);
    if (work > 0)
        printf("  %.1f MB/s", work / med / 1e6);
    printf("\n");
}

#endif
