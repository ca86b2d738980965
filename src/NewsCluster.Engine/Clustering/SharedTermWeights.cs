namespace NewsCluster.Engine.Clustering;

/// <summary>
/// A term that two or more articles of a batch have (the only terms that can add to a similarity between two
/// articles): its number among the batch's shared terms and one article's TF-IDF weight for it.
/// </summary>
internal readonly record struct SharedTermWeight(int Number, float Value);

/// <summary>
/// Cross sums D(A, C) = Σ_A · Σ_C of two groups of articles through a dense scratch array: the first group's weights
/// are scattered (added up per term), each other group is gathered against them, then the scratch is cleared. Costs
/// the groups' term counts, with no sorting and no stored term sums. One instance per thread.
/// </summary>
internal sealed class CrossSums(int termCount)
{
    private readonly double[] _scratch = new double[termCount];

    /// <summary>Adds the weights of <paramref name="members"/> into the scratch.</summary>
    public void Scatter(List<int> members, SharedTermWeight[][] terms)
    {
        foreach (var m in members)
            foreach (var t in terms[m]) _scratch[t.Number] += t.Value;
    }

    /// <summary>Σ over <paramref name="members"/> and their terms of scratch · weight.</summary>
    public double Gather(List<int> members, SharedTermWeight[][] terms)
    {
        double sum = 0;
        foreach (var m in members)
            foreach (var t in terms[m]) sum += _scratch[t.Number] * t.Value;
        return sum;
    }

    /// <summary>Zeroes what <see cref="Scatter"/> wrote for <paramref name="members"/>.</summary>
    public void Clear(List<int> members, SharedTermWeight[][] terms)
    {
        foreach (var m in members)
            foreach (var t in terms[m]) _scratch[t.Number] = 0;
    }
}
