using System.Diagnostics;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.Lsh;
using NewsCluster.Engine.Memory;
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

    /// <summary>Story-tier (article, band) buckets not read because they exceeded <see cref="ClusteringOptions.StoryBucketLimit"/>.</summary>
    public long SkippedBuckets { get; set; }
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
        var items = articles.ToArray();
        // Callers mostly pass articles in id order already: sort only when they are not.
        for (var i = 1; i < items.Length; i++)
        {
            if (items[i].Id > items[i - 1].Id) continue;
            Array.Sort(items, (x, y) => x.Id.CompareTo(y.Id));
            break;
        }
        for (var i = 1; i < items.Length; i++)
            if (items[i].Id == items[i - 1].Id) throw new ArgumentException($"Duplicate article id {items[i].Id}.", nameof(articles));
        var n = items.Length;
        var position = new Dictionary<long, int>(n);
        for (var i = 0; i < n; i++) position[items[i].Id] = i;

        // IDF from the batch, then each article's unit TF-IDF weights on the terms it shares with some other article
        // (a term of one article never adds to a similarity), by dense number, so that verification and agglomeration
        // use scratch arrays instead of merging sorted id lists.
        var vocabulary = Vocabulary.Build(items.Select(a => a.Fingerprint.TermIds).ToArray(), Options.Parallel);
        var df = vocabulary.DocumentFrequency;
        // idf depends on the frequency alone: one logarithm per distinct frequency, not per term.
        var idfOfFrequency = new double[n + 1];
        for (var f = 1; f <= n; f++) idfOfFrequency[f] = CorpusStatistics.InverseDocumentFrequency(n, Options.IdfPriorDocuments, f);
        var termStatistics = SharedTermNumbers(df, out var sharedTerms);
        // Each article's shared terms are written at the start of the stretch its terms have in the vocabulary, so
        // the articles need no counting pass first; the rest of each stretch stays unused (and unwritten).
        var sharedWeights = GC.AllocateUninitializedArray<SharedTermWeight>(vocabulary.Occurrences);
        var sharedStart = new int[n];
        var sharedCount = new int[n];
        Parallel.For(0, n, Options.Parallel, i =>
        {
            sharedStart[i] = vocabulary.FirstOccurrence(i);
            sharedCount[i] = WriteSharedTerms(items[i].Fingerprint, vocabulary.Numbers(i), termStatistics, idfOfFrequency, sharedWeights.AsSpan(sharedStart[i]));
        });
        var shared = new SharedTerms(sharedWeights, sharedStart, sharedCount, sharedTerms);

        var storyBanding = Options.StoryBanding;
        var copyBanding = Options.CopyBanding;
        var storyKeyer = new LshIndex(storyBanding);
        var copyKeyer = new LshIndex(copyBanding);
        // Band-major, every element written below.
        var storyKeys = GC.AllocateUninitializedArray<ulong>(checked(n * storyBanding.Bands));
        var copyKeys = GC.AllocateUninitializedArray<ulong>(checked(n * copyBanding.Bands));
        // Both signatures of every article side by side in one flat array (story then copy, k values each), so
        // verifying a candidate reads one contiguous block instead of chasing three object references.
        var perm = n == 0 ? 0 : items[0].Fingerprint.StorySignature.Length;
        for (var i = 0; i < n; i++)
            if (items[i].Fingerprint.StorySignature.Length != perm) throw new ArgumentException("Fingerprints differ in permutation count.", nameof(articles));
        // Every element is written below, so the array need not be zeroed first.
        var signatures = GC.AllocateUninitializedArray<uint>(checked(n * 2 * perm));
        Parallel.For(0, n, Options.Parallel, i =>
        {
            storyKeyer.WriteBandKeys(items[i].Fingerprint.StorySignature, storyKeys, i, n);
            copyKeyer.WriteBandKeys(items[i].Fingerprint.CopySignature, copyKeys, i, n);
            items[i].Fingerprint.StorySignature.CopyTo(signatures, (long)i * 2 * perm);
            items[i].Fingerprint.CopySignature.CopyTo(signatures, (long)i * 2 * perm + perm);
        });
        var story = new BandedBuckets(storyKeys, n, storyBanding.Bands, Options.Parallel);
        var copy = new BandedBuckets(copyKeys, n, copyBanding.Bands, Options.Parallel);
        var maxBucket = Options.MaxStoryBucket(n);
        // The whole story signature of a candidate is read, so all its cache lines are prefetched.
        var signatureLines = (perm * sizeof(uint) + 63) / 64;
        if (diagnostics is not null) diagnostics.IndexSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();

        // Candidate generation and verification: for each article, the later articles sharing a bucket, deduplicated
        // with a per-worker stamp array; the cosine comes from a dense scratch copy of the article's vector.
        var similar = new List<(int J, double Score)>[n];
        var copies = new List<int>[n];
        long candidatePairs = 0, skippedBuckets = 0;
        Parallel.For(0, n, Options.Parallel,
            () => new VerifyScratch(n, sharedTerms),
            (i, _, local) =>
            {
                var fi = items[i].Fingerprint;
                var sigs = signatures.AsSpan();
                List<(int, double)>? found = null;
                List<int>? copyFound = null;
                for (var band = 0; band < copy.Bands; band++)
                {
                    foreach (var j in copy.Later(band, i))
                    {
                        if (local.CopySeen[j] == i) continue;
                        local.CopySeen[j] = i;
                        local.Pairs++;
                        if (MinHasher.EstimateJaccard(fi.CopySignature, sigs.Slice(j * 2 * perm + perm, perm)) >= Options.CopyThreshold)
                            (copyFound ??= []).Add(j);
                    }
                }
                // Story tier in two passes over the distinct candidates, each reading ahead (prefetching) the data of
                // the candidate a few places on: the signature for the MinHash filter, then the terms for the cosine.
                // Candidates are random articles, so waiting on memory is most of the cost.
                var candidates = local.Candidates;
                candidates.Clear();
                for (var band = 0; band < story.Bands; band++)
                {
                    var later = story.Later(band, i, out var bucketSize);
                    if (bucketSize > maxBucket) { local.Skipped++; continue; }
                    foreach (var j in later)
                    {
                        if (local.StorySeen[j] == i) continue;
                        local.StorySeen[j] = i;
                        candidates.Add(j);
                    }
                }
                local.Pairs += candidates.Count;
                var kept = 0;
                for (var q = 0; q < candidates.Count; q++)
                {
                    if (q + ReadAhead < candidates.Count) Prefetch.Lines(signatures, (long)candidates[q + ReadAhead] * 2 * perm, signatureLines);
                    var j = candidates[q];
                    if (MinHasher.EstimateJaccard(fi.StorySignature, sigs.Slice(j * 2 * perm, perm)) >= Options.MinCandidateJaccard) candidates[kept++] = j;
                }
                var mine = shared[i];
                var scratch = local.Scratch;
                foreach (var t in mine) scratch[t.Number] = t.Value;
                for (var q = 0; q < kept; q++)
                {
                    if (q + ReadAhead < kept) shared.Prefetch(candidates[q + ReadAhead]);
                    var j = candidates[q];
                    var score = DenseDot(scratch, shared[j]);
                    if (score >= Options.StoryThreshold) (found ??= []).Add((j, score));
                }
                foreach (var t in mine) scratch[t.Number] = 0;
                if (found is not null) { found.Sort((x, y) => x.Item1.CompareTo(y.Item1)); similar[i] = found; }
                if (copyFound is not null) { copyFound.Sort(); copies[i] = copyFound; }
                return local;
            },
            local =>
            {
                Interlocked.Add(ref candidatePairs, local.Pairs);
                Interlocked.Add(ref skippedBuckets, local.Skipped);
            });

        var groups = new ClusterGroups(items, shared, position, constraints, Options.TimeWindow);
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
            foreach (var (j, score) in edges) groups.AddNeighbours(i, j, score);
        }
        groups.Agglomerate(Options.StoryThreshold, Options.Parallel);
        if (diagnostics is not null)
        {
            diagnostics.ClusterSeconds = clock.Elapsed.TotalSeconds;
            diagnostics.CandidatePairs = candidatePairs;
            diagnostics.SimilarPairs = similarPairs;
            diagnostics.CopyPairs = copyPairs;
            diagnostics.SkippedBuckets = skippedBuckets;
        }
        return groups.Result();
    }

    /// <summary>
    /// Σ_k scratch[ids_k] · values_k: the dot product of a vector scattered densely in <paramref name="scratch"/> with a
    /// sparse one. Terms are visited in ascending id order, as the sorted merge does, and the terms left out (those of
    /// one article) would only add zeros, so the sum is bit-identical to the merge over whole vectors.
    /// </summary>
    private static double DenseDot(float[] scratch, ReadOnlySpan<SharedTermWeight> terms)
    {
        double sum = 0;
        foreach (var t in terms) sum += (double)scratch[t.Number] * t.Value;
        return sum;
    }

    /// <summary>How many terms ahead the shared-term weighting prefetches.</summary>
    private const int StatisticsReadAhead = 8;

    /// <summary>How many candidates ahead the verification prefetches.</summary>
    private const int ReadAhead = 4;

    /// <summary>Per-worker state of the verification stage.</summary>
    private sealed class VerifyScratch
    {
        public VerifyScratch(int articles, int sharedTerms)
        {
            StorySeen = new int[articles];
            CopySeen = new int[articles];
            Array.Fill(StorySeen, -1);
            Array.Fill(CopySeen, -1);
            Scratch = new float[sharedTerms];
        }

        /// <summary>StorySeen[j] == i: j was already proposed to i by the story tier.</summary>
        public int[] StorySeen { get; }

        /// <summary>CopySeen[j] == i: j was already proposed to i by the copies tier.</summary>
        public int[] CopySeen { get; }

        /// <summary>The current article's distinct story-tier candidates (reused).</summary>
        public List<int> Candidates { get; } = [];

        /// <summary>The current article's unit vector, by shared term number; zero elsewhere.</summary>
        public float[] Scratch { get; }

        public long Pairs { get; set; }

        public long Skipped { get; set; }
    }

    /// <summary>A term's document frequency and its number among the shared terms (−1 for a term of one article).</summary>
    private readonly record struct TermStatistic(int Frequency, int SharedNumber);

    /// <summary>
    /// Numbers for the terms that occur in at least two articles (the only ones two articles can share), in dense-number
    /// order; −1 for terms of one article. The numbering never changes a score (ordering the terms by frequency, so
    /// that common ones share cache lines, measured no faster). Kept beside each term's frequency, so that an
    /// article's terms are looked up with one read each.
    /// </summary>
    private static TermStatistic[] SharedTermNumbers(int[] documentFrequency, out int sharedCount)
    {
        var next = 0;
        var statistics = GC.AllocateUninitializedArray<TermStatistic>(documentFrequency.Length);
        for (var t = 0; t < statistics.Length; t++)
        {
            var f = documentFrequency[t];
            statistics[t] = new TermStatistic(f, f >= 2 ? next++ : -1);
        }
        sharedCount = next;
        return statistics;
    }

    /// <summary>
    /// Writes an article's L2-normalised TF-IDF weights (w(t) = tf(t) · idf(t) / ‖·‖ over all its terms, as
    /// <see cref="CorpusStatistics"/> computes them) for its shared terms, in ascending term-id order, to the start of
    /// <paramref name="into"/>; returns how many. idf depends on the frequency alone, hence the table by frequency.
    /// </summary>
    private static int WriteSharedTerms(ArticleFingerprint fingerprint, ReadOnlySpan<int> dense, TermStatistic[] statistics, double[] idfOfFrequency, Span<SharedTermWeight> into)
    {
        var tf = fingerprint.TermWeights;
        double norm = 0;
        var count = 0;
        for (var k = 0; k < dense.Length; k++)
        {
            // The terms lie at random places of a large table: ask for the ones a few steps on while this one is used.
            if (k + StatisticsReadAhead < dense.Length) Prefetch.Lines(statistics, dense[k + StatisticsReadAhead], 1);
            var term = statistics[dense[k]];
            var w = tf[k] * idfOfFrequency[term.Frequency];
            norm += w * w;
            // Unscaled until the norm is known; the scaling below is the same float product as before.
            if (term.SharedNumber >= 0) into[count++] = new SharedTermWeight(term.SharedNumber, (float)w);
        }
        var scale = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 1f;
        for (var c = 0; c < count; c++) into[c] = into[c] with { Value = into[c].Value * scale };
        return count;
    }
}
