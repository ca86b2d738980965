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
    public double Idf(uint term) => InverseDocumentFrequency(DocumentCount, PriorDocuments, _df.GetValueOrDefault(term));

    /// <summary>idf = ln((N + P + 1) / (df + 1)) for a term in <paramref name="documentFrequency"/> of <paramref name="documents"/> articles with a prior of <paramref name="prior"/> pseudo-documents.</summary>
    public static double InverseDocumentFrequency(int documents, double prior, int documentFrequency) =>
        Math.Log((documents + prior + 1) / (documentFrequency + 1.0));

    /// <summary>The L2-normalised TF-IDF vector, idf looked up by dense term number (the batch clusterer's layout).</summary>
    internal static WeightedVector Vectorize(ArticleFingerprint fingerprint, int[] denseIds, double[] idf)
    {
        var values = new float[denseIds.Length];
        double norm = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var w = fingerprint.TermWeights[i] * idf[denseIds[i]];
            values[i] = (float)w;
            norm += w * w;
        }
        Normalize(values, norm);
        return new WeightedVector(fingerprint.TermIds, values);
    }

    private static void Normalize(float[] values, double norm)
    {
        if (norm <= 0) return;
        var scale = (float)(1 / Math.Sqrt(norm));
        for (var i = 0; i < values.Length; i++) values[i] *= scale;
    }

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
