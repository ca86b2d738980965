using NewsCluster.Engine.Text;

namespace NewsCluster.Engine.Clustering;

/// <summary>Sparse, L2-normalised TF-IDF vectors over content words; title words count double.</summary>
internal static class TfIdfVectorizer
{
    public static List<Dictionary<string, double>> Build(IReadOnlyList<(string Title, string Text)> docs)
    {
        var termCounts = docs.Select(d =>
        {
            var counts = new Dictionary<string, double>();
            foreach (var t in Tokenizer.ContentWords(d.Title)) counts[t] = counts.GetValueOrDefault(t) + 2;
            foreach (var t in Tokenizer.ContentWords(d.Text)) counts[t] = counts.GetValueOrDefault(t) + 1;
            return counts;
        }).ToList();
        var df = new Dictionary<string, int>();
        foreach (var counts in termCounts)
            foreach (var t in counts.Keys) df[t] = df.GetValueOrDefault(t) + 1;
        return termCounts.Select(counts =>
        {
            // Smoothed IDF keeps shared terms informative even in a tiny corpus.
            var v = counts.ToDictionary(kv => kv.Key, kv => (1 + Math.Log(kv.Value)) * Math.Log((docs.Count + 1.0) / (df[kv.Key] + 0.5)));
            var norm = Math.Sqrt(v.Values.Sum(x => x * x));
            if (norm > 0) foreach (var k in v.Keys.ToList()) v[k] /= norm;
            return v;
        }).ToList();
    }

    public static double Cosine(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        if (a.Count > b.Count) (a, b) = (b, a);
        double sum = 0;
        foreach (var (k, x) in a) if (b.TryGetValue(k, out var y)) sum += x * y;
        return sum;
    }
}
