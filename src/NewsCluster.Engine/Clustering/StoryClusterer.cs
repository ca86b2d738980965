using System.Diagnostics;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.Lsh;
using NewsCluster.Engine.MinHash;

namespace NewsCluster.Engine.Clustering;

/// <summary>Counters and stage timings of one <see cref="StoryClusterer"/> run, for benchmarks.</summary>
public sealed class ClusteringDiagnostics
{
    /// <summary>Seconds spent fingerprinting (tokenising and MinHash), when the clusterer did it.</summary>
    public double FingerprintSeconds { get; set; }

    /// <summary>Seconds building IDF, vectors and the LSH indexes.</summary>
    public double IndexSeconds { get; set; }

    /// <summary>Seconds for candidate verification and agglomeration.</summary>
    public double ClusterSeconds { get; set; }

    /// <summary>Distinct candidate pairs the story and copy LSH returned.</summary>
    public long CandidatePairs { get; set; }

    /// <summary>Pairs whose weighted similarity cleared the threshold.</summary>
    public long SimilarPairs { get; set; }

    /// <summary>Pairs joined as copies.</summary>
    public long CopyPairs { get; set; }
}

/// <summary>
/// Full (batch) story clustering with constraints: MinHash LSH candidates (MMDS §3.4) over the content-term sets and
/// the word-shingle sets; verification by TF-IDF cosine; copies (shingle Jaccard ≥ <see cref="ClusteringOptions.CopyThreshold"/>)
/// and editor must-links joined first; then group-average agglomeration (UPGMA, Sokal &amp; Michener 1958) over
/// the candidate graph: the pair of clusters with the highest mean pairwise cosine is merged while that mean is at
/// least <see cref="ClusteringOptions.StoryThreshold"/>.
/// </summary>
/// <remarks>
/// <para>Average linkage refuses chaining: with A~B and B~C but A!~C, the mean similarity of C to {A, B} is
/// (cos(A,C) + cos(B,C)) / 2, below the threshold, whereas single-link union of LSH edges would glue all three.</para>
/// <para>Deterministic: articles are processed in id order, parallel stages write to per-article slots and the
/// merge order breaks ties by cluster index, so neither input order nor thread count changes the result.</para>
/// <para>Immutable and thread-safe; each call works on its own state.</para>
/// </remarks>
public sealed class StoryClusterer(ClusteringOptions options)
{
    /// <summary>The options in use.</summary>
    public ClusteringOptions Options { get; } = options;

    /// <summary>Clusters the articles; each inner list holds the ids of one cluster, ascending; clusters ordered by first id.</summary>
    public IReadOnlyList<IReadOnlyList<long>> Cluster(IReadOnlyList<ClusterInput> articles) => Cluster(articles, ClusteringConstraints.None);

    /// <summary>Clusters the articles honouring editor <paramref name="constraints"/>.</summary>
    public IReadOnlyList<IReadOnlyList<long>> Cluster(IReadOnlyList<ClusterInput> articles, ClusteringConstraints constraints, ClusteringDiagnostics? diagnostics = null)
    {
        var clock = Stopwatch.StartNew();
        var fingerprints = Fingerprint(articles);
        if (diagnostics is not null) diagnostics.FingerprintSeconds = clock.Elapsed.TotalSeconds;
        return ClusterFingerprints(fingerprints, constraints, diagnostics);
    }

    /// <summary>Fingerprints the articles in parallel (one <see cref="FingerprintBuilder"/> per worker); order is kept.</summary>
    public IReadOnlyList<FingerprintedArticle> Fingerprint(IReadOnlyList<ClusterInput> articles)
    {
        var hasher = new MinHasher(Options.Fingerprint.Permutations, Options.Fingerprint.Seed);
        var result = new FingerprintedArticle[articles.Count];
        Parallel.For(0, articles.Count, Options.Parallel,
            () => new FingerprintBuilder(Options.Fingerprint, hasher),
            (i, _, builder) =>
            {
                var a = articles[i];
                result[i] = new FingerprintedArticle(a.Id, builder.Build(a.Title, a.Text), a.Published);
                return builder;
            },
            _ => { });
        return result;
    }

    /// <summary>Clusters already fingerprinted articles (for instance loaded from the store).</summary>
    public IReadOnlyList<IReadOnlyList<long>> ClusterFingerprints(IReadOnlyList<FingerprintedArticle> articles, ClusteringConstraints? constraints = null, ClusteringDiagnostics? diagnostics = null)
    {
        constraints ??= ClusteringConstraints.None;
        var clock = Stopwatch.StartNew();
        var items = articles.OrderBy(a => a.Id).ToArray();
        for (var i = 1; i < items.Length; i++)
            if (items[i].Id == items[i - 1].Id) throw new ArgumentException($"Duplicate article id {items[i].Id}.", nameof(articles));
        var n = items.Length;
        var position = new Dictionary<long, int>(n);
        for (var i = 0; i < n; i++) position[items[i].Id] = i;

        var stats = new CorpusStatistics(Options.IdfPriorDocuments);
        foreach (var a in items) stats.Add(a.Fingerprint);
        var vectors = new WeightedVector[n];
        Parallel.For(0, n, Options.Parallel, i => vectors[i] = stats.Vectorize(items[i].Fingerprint));

        var storyBanding = Options.StoryBanding;
        var copyBanding = Options.CopyBanding;
        var story = new LshIndex(storyBanding);
        var copy = new LshIndex(copyBanding);
        var storyKeys = new ulong[n][];
        var copyKeys = new ulong[n][];
        Parallel.For(0, n, Options.Parallel, i =>
        {
            storyKeys[i] = story.BandKeys(items[i].Fingerprint.StorySignature);
            copyKeys[i] = copy.BandKeys(items[i].Fingerprint.CopySignature);
        });
        for (var i = 0; i < n; i++)
        {
            story.Insert(i, storyKeys[i]);
            copy.Insert(i, copyKeys[i]);
        }
        if (diagnostics is not null) diagnostics.IndexSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();

        // Candidate generation and verification: for each article, the later articles sharing a bucket.
        var similar = new List<(int J, double Score)>[n];
        var copies = new List<int>[n];
        long candidatePairs = 0;
        Parallel.For(0, n, Options.Parallel,
            () => (Seen: new HashSet<long>(), Count: 0L),
            (i, _, local) =>
            {
                var fi = items[i].Fingerprint;
                local.Seen.Clear();
                story.Query(storyKeys[i], local.Seen, i);
                copy.Query(copyKeys[i], local.Seen, i);
                local.Count += local.Seen.Count;
                List<(int, double)>? found = null;
                List<int>? copyFound = null;
                foreach (var jl in local.Seen)
                {
                    var j = (int)jl;
                    var fj = items[j].Fingerprint;
                    if (MinHasher.EstimateJaccard(fi.CopySignature, fj.CopySignature) >= Options.CopyThreshold)
                        (copyFound ??= []).Add(j);
                    if (MinHasher.EstimateJaccard(fi.StorySignature, fj.StorySignature) < Options.MinCandidateJaccard) continue;
                    var score = vectors[i].Dot(vectors[j]);
                    if (score >= Options.StoryThreshold) (found ??= []).Add((j, score));
                }
                if (found is not null) { found.Sort((x, y) => x.Item1.CompareTo(y.Item1)); similar[i] = found; }
                if (copyFound is not null) { copyFound.Sort(); copies[i] = copyFound; }
                return local;
            },
            local => Interlocked.Add(ref candidatePairs, local.Count));

        var groups = new ClusterGroups(items, vectors, position, constraints, Options.TimeWindow);
        long copyPairs = 0, similarPairs = 0;
        for (var i = 0; i < n; i++)
        {
            if (copies[i] is { } cs)
                foreach (var j in cs) if (groups.TryUnion(i, j)) copyPairs++;
        }
        for (var i = 0; i < n; i++)
        {
            if (similar[i] is not { } edges) continue;
            similarPairs += edges.Count;
            foreach (var (j, _) in edges) groups.AddNeighbours(i, j);
        }
        groups.Agglomerate(Options.StoryThreshold);
        if (diagnostics is not null)
        {
            diagnostics.ClusterSeconds = clock.Elapsed.TotalSeconds;
            diagnostics.CandidatePairs = candidatePairs;
            diagnostics.SimilarPairs = similarPairs;
            diagnostics.CopyPairs = copyPairs;
        }
        return groups.Result();
    }
}
