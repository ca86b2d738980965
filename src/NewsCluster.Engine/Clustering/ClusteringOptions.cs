using NewsCluster.Engine.Fingerprints;

namespace NewsCluster.Engine.Clustering;

/// <summary>One article as the clusterer sees it: already cleaned by ingestion.</summary>
/// <param name="Id">Any distinct id; clusters list ids ascending.</param>
/// <param name="Title">Headline (weighted up).</param>
/// <param name="Text">Body, paragraphs separated by line breaks.</param>
/// <param name="Published">Publication time, used only when <see cref="ClusteringOptions.TimeWindow"/> is set.</param>
public sealed record ClusterInput(long Id, string Title, string Text, DateTimeOffset? Published = null);

/// <summary>An article already fingerprinted (for instance loaded from the store).</summary>
public sealed record FingerprintedArticle(long Id, ArticleFingerprint Fingerprint, DateTimeOffset? Published = null);

/// <summary>Tunable knobs of story clustering. The defaults are the tested ones.</summary>
public sealed record ClusteringOptions
{
    /// <summary>
    /// Minimum average-linkage similarity — the mean TF-IDF cosine between an article and the members of a
    /// cluster (equivalently its dot product with the cluster's mean unit vector) — for an article to join, or two
    /// clusters to merge. Default 0.175, placed between the rewrites of the seed story (0.198) and the related
    /// story (0.155).
    /// </summary>
    public double StoryThreshold { get; init; } = 0.175;

    /// <summary>
    /// Jaccard similarity of the content-term sets around which the story-tier LSH S-curve is placed (bands and
    /// rows from <see cref="Lsh.LshParameters.Optimal"/>). Low on purpose: rewrites share only 0.12–0.33 of their
    /// content words. Default 0.1.
    /// </summary>
    public double CandidateThreshold { get; init; } = 0.15;

    /// <summary>Candidates whose MinHash estimate of the content-term Jaccard is below this are not verified (rewrites of the seed story: 0.11–0.41). Default 0.08.</summary>
    public double MinCandidateJaccard { get; init; } = 0.08;

    /// <summary>
    /// Largest story-tier LSH bucket the batch clusterer reads (0 or less: no limit). A bucket shared by a large
    /// fraction of the corpus is a collision on common terms, not a story: reading it costs O(size²) verifications
    /// that almost all fail, while true rewrites share several of the 64 bands and meet again in small buckets. Copies
    /// are found through the copies tier whatever this is. Measured on the generated 20k corpus: buckets over 100
    /// members hold ~80% of all candidate pairs. Default 100.
    /// </summary>
    public int StoryBucketLimit { get; init; } = 100;

    internal int MaxStoryBucket(int articles) => StoryBucketLimit > 0 ? StoryBucketLimit : int.MaxValue;

    /// <summary>Estimated word-shingle Jaccard at or above which two articles are copies (same variant). Default 0.8.</summary>
    public double CopyThreshold { get; init; } = 0.8;

    /// <summary>Weight of the false-positive area when choosing the story-tier banding. Default 0.3 (recall first).</summary>
    public double FalsePositiveWeight { get; init; } = 0.3;

    /// <summary>Weight of the false-negative area when choosing the story-tier banding. Default 0.7.</summary>
    public double FalseNegativeWeight { get; init; } = 0.7;

    /// <summary>
    /// IDF prior: idf(t) = ln((N + P + 1) / (df(t) + 1)) with P pseudo-documents that lack every term, so that in a
    /// five-article corpus a word shared by four rewrites still weighs about as much as a rare one. Default 50.
    /// </summary>
    public double IdfPriorDocuments { get; init; } = 50;

    /// <summary>
    /// Optional publication-time window: an article only joins a cluster whose members' time span, widened by this
    /// on both sides, contains its publication time (articles without a time always qualify). Default none.
    /// </summary>
    public TimeSpan? TimeWindow { get; init; }

    /// <summary>Threads for the parallel stages; null uses every core. Results never depend on it.</summary>
    public int? MaxThreads { get; init; }

    /// <summary>How fingerprints are built.</summary>
    public FingerprintOptions Fingerprint { get; init; } = FingerprintOptions.Default;

    internal ParallelOptions Parallel => new() { MaxDegreeOfParallelism = MaxThreads is > 0 ? MaxThreads.Value : Environment.ProcessorCount };

    internal Lsh.LshParameters StoryBanding =>
        Lsh.LshParameters.Optimal(CandidateThreshold, Fingerprint.Permutations, FalsePositiveWeight, FalseNegativeWeight);

    internal Lsh.LshParameters CopyBanding => Lsh.LshParameters.Optimal(CopyThreshold, Fingerprint.Permutations);
}

/// <summary>Two article ids.</summary>
public readonly record struct ArticlePair(long A, long B);

/// <summary>
/// Editor decisions the clustering must honour. Precedence when they conflict: locked clusters are kept exactly
/// (nothing joins or leaves them); cannot-link beats must-link (a must-link that would put a cannot-link pair
/// together is skipped); must-link is transitive.
/// </summary>
public sealed record ClusteringConstraints
{
    /// <summary>Pairs that must end up in one cluster (from merges and moves).</summary>
    public IReadOnlyList<ArticlePair> MustLink { get; init; } = [];

    /// <summary>Pairs that must never share a cluster (from splits and moves).</summary>
    public IReadOnlyList<ArticlePair> CannotLink { get; init; } = [];

    /// <summary>Clusters to keep exactly as they are, each given by its article ids.</summary>
    public IReadOnlyList<IReadOnlyList<long>> LockedClusters { get; init; } = [];

    /// <summary>No constraints.</summary>
    public static ClusteringConstraints None { get; } = new();
}
