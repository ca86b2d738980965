namespace NewsCluster.Engine.Lsh;

/// <summary>
/// The banding of a MinHash signature for locality-sensitive hashing (Leskovec, Rajaraman &amp; Ullman,
/// <i>Mining of Massive Datasets</i>, §3.4): the signature is cut into <see cref="Bands"/> bands of
/// <see cref="Rows"/> slots; two items become candidates when any band matches exactly, which happens with
/// probability P(s) = 1 − (1 − s^r)^b for Jaccard similarity s — the S-curve.
/// </summary>
/// <param name="Bands">b, the number of bands.</param>
/// <param name="Rows">r, the slots per band; b·r never exceeds the signature length.</param>
public sealed record LshParameters(int Bands, int Rows)
{
    /// <summary>P(s) = 1 − (1 − s^r)^b: the probability that a pair with Jaccard s becomes a candidate.</summary>
    public double CandidateProbability(double similarity) =>
        1 - Power(1 - Power(similarity, Rows), Bands);

    /// <summary>x^n for a whole n ≥ 0 by repeated squaring: the parameter search evaluates the S-curve ~700,000 times, and this is several times cheaper than <see cref="Math.Pow"/>.</summary>
    private static double Power(double x, int n)
    {
        var result = 1.0;
        while (n > 0)
        {
            if ((n & 1) != 0) result *= x;
            x *= x;
            n >>= 1;
        }
        return result;
    }

    /// <summary>The similarity where the S-curve is steepest, approximately (1/b)^(1/r) (MMDS §3.4.2).</summary>
    public double ApproximateThreshold => Math.Pow(1.0 / Bands, 1.0 / Rows);

    /// <summary>False-positive area: ∫₀^t P(s) ds, the chance mass of candidates below the threshold.</summary>
    public double FalsePositiveArea(double threshold) => Integrate(CandidateProbability, 0, threshold);

    /// <summary>False-negative area: ∫_t^1 (1 − P(s)) ds, the chance mass of misses above the threshold.</summary>
    public double FalseNegativeArea(double threshold) => Integrate(s => 1 - CandidateProbability(s), threshold, 1);

    /// <summary>
    /// Chooses (b, r) with b·r ≤ <paramref name="permutations"/> that minimises
    /// <paramref name="falsePositiveWeight"/>·FP area + <paramref name="falseNegativeWeight"/>·FN area around
    /// <paramref name="threshold"/>. Ties keep the smaller b, then the smaller r, so the choice is deterministic.
    /// </summary>
    public static LshParameters Optimal(double threshold, int permutations = 128, double falsePositiveWeight = 0.5, double falseNegativeWeight = 0.5)
    {
        if (threshold is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(threshold), "Use 0 < threshold < 1.");
        if (permutations < 1) throw new ArgumentOutOfRangeException(nameof(permutations));
        // The search integrates thousands of S-curves; options ask for it on every use, so each answer is kept.
        return OptimalCache.GetOrAdd((threshold, permutations, falsePositiveWeight, falseNegativeWeight),
            static key => Search(key.Threshold, key.Permutations, key.FalsePositiveWeight, key.FalseNegativeWeight));
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double Threshold, int Permutations, double FalsePositiveWeight, double FalseNegativeWeight), LshParameters> OptimalCache = new();

    private static LshParameters Search(double threshold, int permutations, double falsePositiveWeight, double falseNegativeWeight)
    {
        LshParameters? best = null;
        var bestError = double.MaxValue;
        for (var b = 1; b <= permutations; b++)
        {
            for (var r = 1; b * r <= permutations; r++)
            {
                var candidate = new LshParameters(b, r);
                var error = falsePositiveWeight * candidate.FalsePositiveArea(threshold)
                          + falseNegativeWeight * candidate.FalseNegativeArea(threshold);
                if (error < bestError - 1e-12)
                {
                    bestError = error;
                    best = candidate;
                }
            }
        }
        return best!;
    }

    /// <summary>Composite Simpson's rule with 256 panels: exact to ~1e-9 for these smooth integrands.</summary>
    internal static double Integrate(Func<double, double> f, double from, double to)
    {
        const int n = 256;
        if (to <= from) return 0;
        var h = (to - from) / n;
        var sum = f(from) + f(to);
        for (var i = 1; i < n; i++) sum += f(from + i * h) * (i % 2 == 1 ? 4 : 2);
        return sum * h / 3;
    }
}
