using NewsCluster.Engine.Fingerprints;

namespace NewsCluster.Engine.Clustering;

/// <summary>
/// Document frequencies of terms over the articles at hand, and the TF-IDF weighting they induce
/// (Salton &amp; Buckley 1988; MMDS §1.3.1) with a smoothing prior: idf(t) = ln((N + P + 1) / (df(t) + 1)).
/// </summary>
/// <remarks>Counts are integers, so the result does not depend on the order articles were added. Not thread-safe for writes.</remarks>
public sealed class CorpusStatistics(double priorDocuments = 20)
{
    // Document frequencies in an open-addressing table (linear probing, backward-shift deletion): a slot is empty
    // when its count is 0. One random memory access per term instead of the two of a Dictionary, which matters when
    // a start-up counts 100,000 articles of ~170 terms each.
    private uint[] _keys = new uint[1024];
    private int[] _counts = new int[1024];
    private int _distinct;

    /// <summary>N: articles counted.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>P: pseudo-documents of the prior.</summary>
    public double PriorDocuments { get; } = priorDocuments;

    /// <summary>Distinct terms counted.</summary>
    public int TermCount => _distinct;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int Home(uint term, int mask) => (int)((term * 0x9E3779B1u) >> 7) & mask;

    private int Find(uint term)
    {
        var mask = _keys.Length - 1;
        for (var i = Home(term, mask); ; i = (i + 1) & mask)
        {
            if (_counts[i] == 0) return -1;
            if (_keys[i] == term) return i;
        }
    }

    /// <summary>Counts an article's terms.</summary>
    public void Add(ArticleFingerprint fingerprint)
    {
        DocumentCount++;
        var ids = fingerprint.TermIds;
        if ((_distinct + ids.Length) * 2 > _keys.Length) Grow(_distinct + ids.Length);
        var keys = _keys;
        var counts = _counts;
        var mask = keys.Length - 1;
        foreach (var t in ids)
        {
            var i = Home(t, mask);
            while (counts[i] != 0 && keys[i] != t) i = (i + 1) & mask;
            if (counts[i] == 0) { keys[i] = t; _distinct++; }
            counts[i]++;
        }
    }

    /// <summary>Makes room for at least <paramref name="terms"/> distinct terms at a load of at most one half.</summary>
    private void Grow(int terms)
    {
        var size = _keys.Length;
        while (size < 2 * terms) size *= 2;
        if (size == _keys.Length) return;
        var oldKeys = _keys;
        var oldCounts = _counts;
        _keys = new uint[size];
        _counts = new int[size];
        var mask = size - 1;
        for (var j = 0; j < oldKeys.Length; j++)
        {
            if (oldCounts[j] == 0) continue;
            var i = Home(oldKeys[j], mask);
            while (_counts[i] != 0) i = (i + 1) & mask;
            _keys[i] = oldKeys[j];
            _counts[i] = oldCounts[j];
        }
    }

    /// <summary>Uncounts an article's terms.</summary>
    public void Remove(ArticleFingerprint fingerprint)
    {
        DocumentCount--;
        foreach (var t in fingerprint.TermIds)
        {
            var i = Find(t);
            if (i < 0) continue;
            if (_counts[i] > 1) { _counts[i]--; continue; }
            _counts[i] = 0;
            _distinct--;
            // Backward-shift deletion: pull later entries of the probe run into the hole, so lookups need no tombstones.
            var mask = _keys.Length - 1;
            var hole = i;
            for (var j = (hole + 1) & mask; _counts[j] != 0; j = (j + 1) & mask)
            {
                var home = Home(_keys[j], mask);
                // The entry at j may move to the hole when its home is not in the cyclic range (hole, j].
                var inRange = hole <= j ? home > hole && home <= j : home > hole || home <= j;
                if (inRange) continue;
                _keys[hole] = _keys[j];
                _counts[hole] = _counts[j];
                _counts[j] = 0;
                hole = j;
            }
        }
    }

    /// <summary>Document frequency of a term.</summary>
    public int DocumentFrequency(uint term)
    {
        var i = Find(term);
        return i < 0 ? 0 : _counts[i];
    }

    /// <summary>idf(t) = ln((N + P + 1) / (df(t) + 1)).</summary>
    public double Idf(uint term) => InverseDocumentFrequency(DocumentCount, PriorDocuments, DocumentFrequency(term));

    /// <summary>
    /// The vectors of many fingerprints at once (equal, bit for bit, to <see cref="Vectorize(ArticleFingerprint)"/> of
    /// each): the idf of every distinct term is computed once, then the fingerprints are weighted in parallel.
    /// </summary>
    public WeightedVector[] VectorizeAll(IReadOnlyList<ArticleFingerprint> fingerprints, ParallelOptions? parallel = null)
    {
        parallel ??= new ParallelOptions();
        var idf = new double[_keys.Length];
        var n = DocumentCount;
        Parallel.For(0, (idf.Length + 4095) / 4096, parallel, block =>
        {
            var end = Math.Min(idf.Length, (block + 1) * 4096);
            for (var i = block * 4096; i < end; i++)
                if (_counts[i] != 0) idf[i] = InverseDocumentFrequency(n, PriorDocuments, _counts[i]);
        });
        var none = InverseDocumentFrequency(n, PriorDocuments, 0);
        var vectors = new WeightedVector[fingerprints.Count];
        Parallel.For(0, vectors.Length, parallel, k =>
        {
            var fingerprint = fingerprints[k];
            var ids = fingerprint.TermIds;
            var values = new float[ids.Length];
            double norm = 0;
            for (var i = 0; i < ids.Length; i++)
            {
                var slot = Find(ids[i]);
                var w = fingerprint.TermWeights[i] * (slot < 0 ? none : idf[slot]);
                values[i] = (float)w;
                norm += w * w;
            }
            Normalize(values, norm);
            vectors[k] = new WeightedVector(ids, values);
        });
        return vectors;
    }

    /// <summary>idf = ln((N + P + 1) / (df + 1)) for a term in <paramref name="documentFrequency"/> of <paramref name="documents"/> articles with a prior of <paramref name="prior"/> pseudo-documents.</summary>
    public static double InverseDocumentFrequency(int documents, double prior, int documentFrequency) =>
        Math.Log((documents + prior + 1) / (documentFrequency + 1.0));

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
