namespace NewsCluster.Engine.Quality;

/// <summary>Agreement of a predicted clustering with a gold one.</summary>
/// <param name="AdjustedRandIndex">Hubert &amp; Arabie (1985) ARI: 1 identical, ~0 chance.</param>
/// <param name="BCubedPrecision">Bagga &amp; Baldwin (1998): mean over items of |pred(e) ∩ gold(e)| / |pred(e)|.</param>
/// <param name="BCubedRecall">Mean over items of |pred(e) ∩ gold(e)| / |gold(e)|.</param>
/// <param name="BCubedF1">Harmonic mean of the two.</param>
/// <param name="PairPrecision">Same-cluster pairs that are gold pairs / predicted pairs (1 when none predicted).</param>
/// <param name="PairRecall">Gold pairs found / gold pairs (1 when there are none).</param>
/// <param name="PairF1">Harmonic mean of the two.</param>
/// <param name="Clusters">Predicted clusters among the evaluated items.</param>
/// <param name="Articles">Items evaluated (the gold items).</param>
public sealed record QualityReport(
    double AdjustedRandIndex, double BCubedPrecision, double BCubedRecall, double BCubedF1,
    double PairPrecision, double PairRecall, double PairF1, int Clusters, int Articles);

/// <summary>External clustering quality measures computed from the contingency table n_ij = |pred_i ∩ gold_j|.</summary>
public static class ClusteringMetrics
{
    /// <summary>
    /// Compares <paramref name="predicted"/> with <paramref name="gold"/> over the gold items; a gold item missing from
    /// the prediction counts as a singleton cluster of its own.
    /// </summary>
    public static QualityReport Evaluate<TItem, TPred, TGold>(IReadOnlyDictionary<TItem, TPred> predicted, IReadOnlyDictionary<TItem, TGold> gold)
        where TItem : notnull where TPred : notnull where TGold : notnull
    {
        var n = gold.Count;
        var predIds = new Dictionary<TPred, int>();
        var goldIds = new Dictionary<TGold, int>();
        var cells = new Dictionary<(int P, int G), long>();
        var missing = 0;
        foreach (var (item, g) in gold)
        {
            int p;
            if (predicted.TryGetValue(item, out var label))
            {
                if (!predIds.TryGetValue(label, out p)) predIds[label] = p = predIds.Count;
            }
            else p = -1 - missing++;
            if (!goldIds.TryGetValue(g, out var gi)) goldIds[g] = gi = goldIds.Count;
            cells[(p, gi)] = cells.GetValueOrDefault((p, gi)) + 1;
        }
        var predSizes = new Dictionary<int, long>();
        var goldSizes = new Dictionary<int, long>();
        foreach (var ((p, g), c) in cells)
        {
            predSizes[p] = predSizes.GetValueOrDefault(p) + c;
            goldSizes[g] = goldSizes.GetValueOrDefault(g) + c;
        }

        double sumCells = 0, sumPred = 0, sumGold = 0, bcP = 0, bcR = 0;
        foreach (var ((p, g), c) in cells)
        {
            sumCells += Pairs(c);
            bcP += (double)c * c / predSizes[p];
            bcR += (double)c * c / goldSizes[g];
        }
        foreach (var s in predSizes.Values) sumPred += Pairs(s);
        foreach (var s in goldSizes.Values) sumGold += Pairs(s);

        var total = Pairs(n);
        var expected = total == 0 ? 0 : sumPred * sumGold / total;
        var max = (sumPred + sumGold) / 2;
        var ari = max == expected ? (sumCells == max ? 1 : 0) : (sumCells - expected) / (max - expected);
        var precision = sumPred == 0 ? 1 : sumCells / sumPred;
        var recall = sumGold == 0 ? 1 : sumCells / sumGold;
        var bcPrecision = n == 0 ? 1 : bcP / n;
        var bcRecall = n == 0 ? 1 : bcR / n;
        return new QualityReport(ari, bcPrecision, bcRecall, F1(bcPrecision, bcRecall), precision, recall, F1(precision, recall), predSizes.Count, n);
    }

    private static double Pairs(long k) => k * (k - 1) / 2.0;

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}
