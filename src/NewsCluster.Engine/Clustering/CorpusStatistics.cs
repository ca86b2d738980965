using NewsCluster.Engine.Fingerprints;

namespace NewsCluster.Engine.Clustering;

/// <summary>
/// Document frequencies of terms over the articles at hand, and the TF-IDF weighting they induce
/// (Salton &amp; Buckley 1988; MMDS §1.3.1) with a smoothing prior: idf(t) = ln((N + P + 1) / (df(t) + 1)).
/// </summary>
/// <remarks>Counts are integers, so the result does not depend on the order articles were added. Not thread-safe for writes.</remarks>
public sealed class CorpusStatistics(double priorDocuments = 20)
{
    private readonly Dictionary<uint, int> _df = new();

    /// <summary>N: articles counted.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>P: pseudo-documents of the prior.</summary>
    public double PriorDocuments { get; } = priorDocuments;

    /// <summary>Counts an article's terms.</summary>
    public void Add(ArticleFingerprint fingerprint)
    {
        DocumentCount++;
        foreach (var t in fingerprint.TermIds)
        {
            ref var df = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_df, t, out _);
            df++;
        }
    }

    /// <summary>Uncounts an article's terms.</summary>
    public void Remove(ArticleFingerprint fingerprint)
    {
        DocumentCount--;
        foreach (var t in fingerprint.TermIds)
        {
            if (!_df.TryGetValue(t, out var df)) continue;
            if (df <= 1) _df.Remove(t); else _df[t] = df - 1;
        }
    }

    /// <summary>Document frequency of a term.</summary>
    public int DocumentFrequency(uint term) => _df.GetValueOrDefault(term);

    /// <summary>idf(t) = ln((N + P + 1) / (df(t) + 1)).</summary>
    public double Idf(uint term) => Math.Log((DocumentCount + PriorDocuments + 1) / (_df.GetValueOrDefault(term) + 1.0));

    /// <summary>The L2-normalised TF-IDF vector of a fingerprint: w(t) = tf(t) · idf(t) / ‖·‖.</summary>
    public WeightedVector Vectorize(ArticleFingerprint fingerprint)
    {
        var ids = fingerprint.TermIds;
        var values = new float[ids.Length];
        double norm = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var w = fingerprint.TermWeights[i] * Idf(ids[i]);
            values[i] = (float)w;
            norm += w * w;
        }
        if (norm > 0)
        {
            var scale = (float)(1 / Math.Sqrt(norm));
            for (var i = 0; i < values.Length; i++) values[i] *= scale;
        }
        return new WeightedVector(ids, values);
    }
}
