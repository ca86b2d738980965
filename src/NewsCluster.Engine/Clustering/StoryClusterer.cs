namespace NewsCluster.Engine.Clustering;

/// <summary>One article as the clusterer sees it: already cleaned by ingestion.</summary>
public sealed record ClusterInput(long Id, string Title, string Text, DateTimeOffset? Published = null);

/// <summary>Tunable knobs of story clustering.</summary>
public sealed record ClusteringOptions
{
    /// <summary>Minimum average weighted similarity for an article to join a story cluster.</summary>
    public double StoryThreshold { get; init; } = 0.2;
}

/// <summary>
/// Groups articles into story clusters. An article joins the existing cluster whose members it is most similar
/// to on average (average linkage) when that average clears the threshold; otherwise it starts a new cluster.
/// Average linkage refuses the chaining that single-link union of pairwise edges produces.
/// </summary>
public sealed class StoryClusterer(ClusteringOptions options)
{
    /// <summary>Clusters the articles; each inner list holds the ids of one cluster, in ascending id order.</summary>
    public IReadOnlyList<IReadOnlyList<long>> Cluster(IReadOnlyList<ClusterInput> articles)
    {
        var ordered = articles.OrderBy(a => a.Id).ToList();
        var vectors = TfIdfVectorizer.Build(ordered.Select(a => (a.Title, a.Text)).ToList());
        var clusters = new List<List<int>>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var best = -1;
            var bestScore = options.StoryThreshold;
            for (var c = 0; c < clusters.Count; c++)
            {
                var score = clusters[c].Average(j => TfIdfVectorizer.Cosine(vectors[i], vectors[j]));
                if (score >= bestScore) { best = c; bestScore = score; }
            }
            if (best < 0) clusters.Add([i]); else clusters[best].Add(i);
        }
        return clusters.Select(c => (IReadOnlyList<long>)c.Select(i => ordered[i].Id).ToList()).ToList();
    }
}
