namespace NewsCluster.Engine.Clustering;

/// <summary>
/// A term that two or more articles of a batch have (the only terms that can add to a similarity between two
/// articles): its number among the batch's shared terms and one article's TF-IDF weight for it.
/// </summary>
internal readonly record struct SharedTermWeight(int Number, float Value);

/// <summary>
/// Every article's <see cref="SharedTermWeight"/>s, ascending by term id, in one flat array: article i's lie at
/// [Start(i), Start(i) + Count(i)). One block instead of an array per article keeps verification reading memory
/// the hardware can stream and leaves the collector nothing to trace or copy.
/// </summary>
internal sealed class SharedTerms
{
    private readonly SharedTermWeight[] _weights;
    private readonly int[] _start;
    private readonly int[] _count;

    /// <param name="weights">The flat array.</param>
    /// <param name="start">Where each article's weights begin.</param>
    /// <param name="count">How many each article has.</param>
    /// <param name="termCount">How many shared terms there are (numbers are below it).</param>
    public SharedTerms(SharedTermWeight[] weights, int[] start, int[] count, int termCount)
    {
        _weights = weights;
        _start = start;
        _count = count;
        TermCount = termCount;
    }

    /// <summary>Packs per-article arrays (tests and small callers).</summary>
    public static SharedTerms Of(IReadOnlyList<SharedTermWeight[]> perArticle, int termCount)
    {
        var start = new int[perArticle.Count];
        var count = new int[perArticle.Count];
        var weights = new SharedTermWeight[perArticle.Sum(a => a.Length)];
        for (int i = 0, at = 0; i < perArticle.Count; at += perArticle[i].Length, i++)
        {
            start[i] = at;
            count[i] = perArticle[i].Length;
            perArticle[i].CopyTo(weights, at);
        }
        return new SharedTerms(weights, start, count, termCount);
    }

    /// <summary>How many shared terms there are.</summary>
    public int TermCount { get; }

    /// <summary>Article <paramref name="article"/>'s weights.</summary>
    public ReadOnlySpan<SharedTermWeight> this[int article] => _weights.AsSpan(_start[article], _count[article]);

    /// <summary>Hints the CPU to load article <paramref name="article"/>'s weights (a handful of cache lines).</summary>
    public void Prefetch(int article) => Memory.Prefetch.Lines(_weights, _start[article], PrefetchLines);

    /// <summary>Enough lines for the ≈100 weights a news article has (8 bytes each); more only costs hints.</summary>
    private const int PrefetchLines = 12;
}

/// <summary>
/// Cross sums D(A, C) = Σ_A · Σ_C of two groups of articles through a dense scratch array: the first group's weights
/// are scattered (added up per term), each other group is gathered against them, then the scratch is cleared. Costs
/// the groups' term counts, with no sorting and no stored term sums. One instance per thread.
/// </summary>
internal sealed class CrossSums(int termCount)
{
    private readonly double[] _scratch = new double[termCount];

    /// <summary>Adds the weights of <paramref name="members"/> into the scratch.</summary>
    public void Scatter(List<int> members, SharedTerms terms)
    {
        foreach (var m in members)
            foreach (var t in terms[m]) _scratch[t.Number] += t.Value;
    }

    /// <summary>Σ over <paramref name="members"/> and their terms of scratch · weight.</summary>
    public double Gather(List<int> members, SharedTerms terms)
    {
        double sum = 0;
        foreach (var m in members)
            foreach (var t in terms[m]) sum += _scratch[t.Number] * t.Value;
        return sum;
    }

    /// <summary>Zeroes what <see cref="Scatter"/> wrote for <paramref name="members"/>.</summary>
    public void Clear(List<int> members, SharedTerms terms)
    {
        foreach (var m in members)
            foreach (var t in terms[m]) _scratch[t.Number] = 0;
    }
}
