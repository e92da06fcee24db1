#!/usr/bin/env python3
"""The polynomial coefficients of include/gan/kernels/math_functions.h, recomputed.

Each polynomial is the minimax fit of a weighted error: the Remez exchange algorithm solves for
coefficients that make the error equioscillate on a reference set of points, moves the reference
to the extrema of the new error, and repeats until the largest error equals the levelled one.
Computed in 60-digit arithmetic (mpmath, `pip install mpmath`), then rounded to float; the fitted
error is printed with each, and is far below float precision (2^-24 = 6e-8).

    python3 docs/derivations/fit_math_functions.py
"""
from mpmath import mp, mpf, cos, exp, log, lu_solve, matrix, pi, sqrt, tanh
import struct

mp.dps = 60


def to_float(value):
    return struct.unpack("f", struct.pack("f", float(value)))[0]


def remez(f, weight, powers, lo, hi, grid=3000, iterations=30):
    """Coefficients c of sum_j c_j t^powers[j] minimising max |weight(t) (f(t) - sum)| on [lo, hi]."""
    n = len(powers)
    chebyshev = lambda count: [lo + (hi - lo) * (1 - cos(pi * i / (count - 1))) / 2 for i in range(count)]
    reference = chebyshev(n + 1)
    points = chebyshev(grid)
    for _ in range(iterations):
        # sum_j c_j t_i^p_j + (-1)^i E / weight(t_i) = f(t_i) at the n + 1 reference points
        A, b = matrix(n + 1, n + 1), matrix(n + 1, 1)
        for i, t in enumerate(reference):
            for j, p in enumerate(powers):
                A[i, j] = t**p
            A[i, n] = (-1) ** i / weight(t)
            b[i] = f(t)
        solution = lu_solve(A, b)
        c, levelled = [solution[j] for j in range(n)], abs(solution[n])
        error = [weight(t) * (f(t) - sum(cj * t**p for cj, p in zip(c, powers))) for t in points]
        # the new reference: the largest error in each run of one sign, n + 1 of them
        extrema, k = [], 0
        while k < grid:
            sign, best = error[k] >= 0, k
            while k < grid and (error[k] >= 0) == sign:
                best = k if abs(error[k]) > abs(error[best]) else best
                k += 1
            extrema.append(best)
        while len(extrema) > n + 1:
            extrema.pop(0 if abs(error[extrema[0]]) < abs(error[extrema[-1]]) else -1)
        reference = [points[k] for k in extrema]
        largest = max(abs(e) for e in error)
        if largest < levelled * (1 + mpf("1e-6")):
            break
    return c, largest


def report(title, c, largest):
    print(f"{title}: largest weighted error {float(largest):.3g}")
    print("  " + ", ".join(f"{to_float(v):.9g}f" for v in c))


# exp: e^r = 1 + r + r^2 Q(r) on |r| <= ln(2)/2 (and a little beyond, for k's rounding), the
# relative error of e^r weighted: e^r - (1 + r + r^2 Q) = r^2 (q(r) - Q(r)).
h = log(2) / 2 * mpf("1.001")
q = lambda r: (exp(r) - 1 - r) / r**2 if r != 0 else mpf(1) / 2
report("exp Q(r), degree 4", *remez(q, lambda r: r**2 / exp(r), [0, 1, 2, 3, 4], -h, h))

# log: ln(1 + f) = 2s + s R(z), s = f / (2 + f), z = s^2 <= ((sqrt 2 - 1) / (sqrt 2 + 1))^2. An
# error in R changes ln(1 + f) ~ 2s by s dR, relatively by dR / 2.
z_max = ((sqrt(2) - 1) / (sqrt(2) + 1)) ** 2 * mpf("1.001")
R = lambda z: (log((1 + sqrt(z)) / (1 - sqrt(z))) - 2 * sqrt(z)) / sqrt(z)
report("log R(z) = z (c0 + c1 z + c2 z^2)", *remez(R, lambda z: mpf(1) / 2, [1, 2, 3], mpf("1e-30"), z_max))

# tanh: tanh x = x + x^3 P(x^2) for x < 0.55, the relative error of tanh x weighted.
x_max = mpf("0.55") * mpf("1.001")
P = lambda z: (tanh(sqrt(z)) - sqrt(z)) / (z * sqrt(z))
report("tanh P(z), degree 4",
       *remez(P, lambda z: z * sqrt(z) / tanh(sqrt(z)), [0, 1, 2, 3, 4], mpf("1e-30"), x_max**2))

# ln 2 in two parts for the range reductions: 15 significant bits, then the rest.
ln2_high = float(int(log(2) * 2**15)) / 2**15
print(f"ln 2 = {ln2_high!r} ({ln2_high.hex()}) + {to_float(log(2) - ln2_high):.9g}f;"
      f"  log2(e) = {to_float(1 / log(2)):.9g}f")
