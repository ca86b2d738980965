using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.Lsh;
using NewsCluster.Engine.MinHash;

namespace NewsCluster.Engine.Clustering;

/// <summary>An article already placed in a cluster, as loaded from the store.</summary>
public sealed record IndexedArticle(long Id, long ClusterId, ArticleFingerprint Fingerprint, DateTimeOffset? Published = null);

/// <summary>How <see cref="StoryIndex.Assign"/> placed an article.</summary>
public enum AssignmentKind
{
    /// <summary>It joined a cluster that existed before the batch; <see cref="StoryAssignment.ClusterId"/> is that cluster.</summary>
    JoinedExisting,
    /// <summary>It started a new cluster; <see cref="StoryAssignment.ClusterId"/> is a provisional (negative) id.</summary>
    StartedNew,
    /// <summary>It joined a cluster another article of the same batch started (same provisional id).</summary>
    JoinedNew,
}

/// <summary>Where one new article went.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="ClusterId">An existing cluster id, or a provisional negative id for a cluster created by this batch (rename it with <see cref="StoryIndex.RenameCluster"/> once stored).</param>
/// <param name="Kind">Joined an existing cluster, started a new one, or joined a new one.</param>
/// <param name="Similarity">Average-linkage similarity to the cluster's other members when it joined (0 when it started one).</param>
/// <param name="CopyOf">The member it nearly duplicates (word-shingle MinHash ≥ copy threshold), if any: group them as one variant.</param>
/// <param name="CopySimilarity">The estimated shingle Jaccard with <paramref name="CopyOf"/>.</param>
/// <param name="Reason">Why: "must-link", "copy", "similar" or "new".</param>
public sealed record StoryAssignment(long ArticleId, long ClusterId, AssignmentKind Kind, double Similarity, long? CopyOf, double CopySimilarity, string Reason);

/// <summary>
/// The live, in-memory story index of the web app: existing articles with their clusters, in which new articles are
/// placed incrementally (no re-clustering) and which follows editor changes (move, merge, split, delete, lock,
/// must-link, cannot-link).
/// </summary>
/// <remarks>
/// <para>Placement of a new article (in ascending id order within a batch): a must-linked article already indexed
/// pulls it into that cluster; otherwise a near-identical copy (word-shingle MinHash ≥
/// <see cref="ClusteringOptions.CopyThreshold"/>, MMDS §3.4 banding) joins its copy's cluster; otherwise it joins the
/// candidate cluster (story-tier LSH over content terms) with the highest average-linkage TF-IDF cosine —
/// v · Σmembers / n, never a single nearest member — when that is at least <see cref="ClusteringOptions.StoryThreshold"/>;
/// otherwise it starts a new cluster. Locked clusters, cannot-links and the time window make a cluster ineligible.</para>
/// <para>IDF is taken from all articles in the index (a batch is counted before it is placed); member vectors keep the
/// IDF of the moment they entered, so long-lived indexes drift slightly from a full re-cluster, which
/// <see cref="StoryClusterer"/> provides (<see cref="Constraints"/> exports the editor decisions for it).</para>
/// <para>Memory: measured by <c>bench-index</c> on a 100,000-article generated corpus at about 5.8 KB per article for
/// the index (TF-IDF vector, LSH postings of both tiers — band keys are not kept, removal recomputes them from the
/// signatures — cluster sums and maps) plus ~2.4 KB for the fingerprint.</para>
/// <para>Thread-safety: every member takes one internal lock, so one writer (the import worker) and any number of
/// readers (pages) may call concurrently; readers wait while a batch is being assigned.</para>
/// </remarks>
public sealed class StoryIndex
{
    private readonly Lock _gate = new();
    private readonly ClusteringOptions _options;
    private readonly LshIndex _story;
    private readonly LshIndex _copy;
    private readonly CorpusStatistics _stats;
    private readonly Dictionary<long, Entry> _articles = new();
    private readonly Dictionary<long, ClusterState> _clusters = new();
    private readonly Dictionary<long, HashSet<long>> _mustLink = new();
    private readonly Dictionary<long, HashSet<long>> _cannotLink = new();
    private long _nextProvisional = -1;

    /// <summary>Creates an empty index.</summary>
    public StoryIndex(ClusteringOptions? options = null)
    {
        _options = options ?? new ClusteringOptions();
        // The entries keep the signatures, so the LSH tiers need not keep every item's band keys as well.
        _story = new LshIndex(_options.StoryBanding, keepKeys: false);
        _copy = new LshIndex(_options.CopyBanding, keepKeys: false);
        _stats = new CorpusStatistics(_options.IdfPriorDocuments);
    }

    /// <summary>The options in use.</summary>
    public ClusteringOptions Options => _options;

    /// <summary>Articles in the index.</summary>
    public int ArticleCount { get { lock (_gate) return _articles.Count; } }

    /// <summary>Non-empty clusters in the index.</summary>
    public int ClusterCount { get { lock (_gate) return _clusters.Count; } }

    /// <summary>
    /// Loads articles with the clusters they already belong to (an id already present is replaced; an id given twice
    /// counts once, its last occurrence).
    /// </summary>
    /// <remarks>
    /// Built for start-up at newsroom scale: document frequencies are counted first (integers, so order-free), then
    /// the TF-IDF vectors and the LSH band keys of both tiers are computed in parallel (they only read), the maps
    /// are presized, and each cluster's term sum is built in one pass over its members in ascending id order, which
    /// gives the same floating-point sums as adding the members one by one.
    /// </remarks>
    public void Load(IEnumerable<IndexedArticle> articles)
    {
        var sorted = articles.OrderBy(a => a.Id).ToList();
        var list = new List<IndexedArticle>(sorted.Count);
        for (var i = 0; i < sorted.Count; i++)
            if (i + 1 == sorted.Count || sorted[i + 1].Id != sorted[i].Id) list.Add(sorted[i]);
        var n = list.Count;
        lock (_gate)
        {
            if (_articles.Count > 0) foreach (var a in list) RemoveCore(a.Id);
            foreach (var a in list) _stats.Add(a.Fingerprint);
            var vectors = _stats.VectorizeAll(list.Select(a => a.Fingerprint).ToArray(), _options.Parallel);
            var entries = new Entry[n];
            var storyKeys = new ulong[n][];
            var copyKeys = new ulong[n][];
            System.Threading.Tasks.Parallel.For(0, n, _options.Parallel, i =>
            {
                var a = list[i];
                entries[i] = new Entry(a.Fingerprint, vectors[i], a.Published) { ClusterId = a.ClusterId };
                storyKeys[i] = _story.BandKeys(a.Fingerprint.StorySignature);
                copyKeys[i] = _copy.BandKeys(a.Fingerprint.CopySignature);
            });
            // The two tiers and the article map are independent structures: fill them side by side.
            System.Threading.Tasks.Parallel.Invoke(_options.Parallel,
                () =>
                {
                    _story.EnsureCapacity(_story.Count + n);
                    for (var i = 0; i < n; i++) _story.Insert(list[i].Id, storyKeys[i]);
                },
                () =>
                {
                    _copy.EnsureCapacity(_copy.Count + n);
                    for (var i = 0; i < n; i++) _copy.Insert(list[i].Id, copyKeys[i]);
                    _articles.EnsureCapacity(_articles.Count + n);
                    for (var i = 0; i < n; i++) _articles[list[i].Id] = entries[i];
                });

            // Members per cluster in ascending id order (the list is sorted), then one sum per cluster.
            var groups = new Dictionary<long, List<int>>();
            for (var i = 0; i < n; i++)
            {
                ref var members = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(groups, entries[i].ClusterId, out _);
                (members ??= []).Add(i);
            }
            var work = new (ClusterState State, List<int> Members)[groups.Count];
            var w = 0;
            foreach (var (clusterId, members) in groups)
            {
                if (!_clusters.TryGetValue(clusterId, out var state)) _clusters[clusterId] = state = new ClusterState();
                work[w++] = (state, members);
            }
            System.Threading.Tasks.Parallel.For(0, work.Length, _options.Parallel, g =>
            {
                var (state, members) = work[g];
                var vectors = new WeightedVector[members.Count];
                for (var k = 0; k < members.Count; k++)
                {
                    vectors[k] = entries[members[k]].Vector;
                    state.Members.Add(list[members[k]].Id);
                }
                state.Sum.AddAll(vectors);
            });
        }
    }

    /// <summary>
    /// Places a batch of new articles (ids not yet in the index) and adds them to the index. Deterministic: the batch
    /// is processed in ascending id order whatever order it is given in.
    /// </summary>
    public IReadOnlyList<StoryAssignment> Assign(IReadOnlyList<FingerprintedArticle> batch)
    {
        var list = batch.OrderBy(a => a.Id).ToList();
        lock (_gate)
        {
            foreach (var a in list)
                if (_articles.ContainsKey(a.Id)) throw new ArgumentException($"Article {a.Id} is already indexed.", nameof(batch));
            var created = new HashSet<long>();
            var result = new List<StoryAssignment>(list.Count);
            foreach (var a in list) _stats.Add(a.Fingerprint);
            foreach (var a in list)
            {
                var entry = new Entry(a.Fingerprint, _stats.Vectorize(a.Fingerprint), a.Published);
                var (cluster, similarity, copyOf, copySimilarity, reason) = Place(a.Id, entry);
                AssignmentKind kind;
                if (cluster is null)
                {
                    cluster = _nextProvisional--;
                    created.Add(cluster.Value);
                    kind = AssignmentKind.StartedNew;
                }
                else kind = created.Contains(cluster.Value) ? AssignmentKind.JoinedNew : AssignmentKind.JoinedExisting;
                _articles[a.Id] = entry;
                _story.Insert(a.Id, a.Fingerprint.StorySignature);
                _copy.Insert(a.Id, a.Fingerprint.CopySignature);
                AddToCluster(a.Id, entry, cluster.Value);
                result.Add(new StoryAssignment(a.Id, cluster.Value, kind, similarity, copyOf, copySimilarity, reason));
            }
            return result;
        }
    }

    /// <summary>Gives a cluster its permanent id (for instance the database id of a cluster created by <see cref="Assign"/>).</summary>
    public void RenameCluster(long from, long to)
    {
        lock (_gate)
        {
            if (from == to) return;
            if (!_clusters.Remove(from, out var state)) throw new KeyNotFoundException($"Cluster {from} is not in the index.");
            if (_clusters.ContainsKey(to)) { _clusters[from] = state; throw new InvalidOperationException($"Cluster {to} already exists."); }
            _clusters[to] = state;
            foreach (var m in state.Members) _articles[m].ClusterId = to;
        }
    }

    /// <summary>Removes an article (deleted by an editor); an emptied cluster disappears. False when unknown.</summary>
    public bool Remove(long articleId)
    {
        lock (_gate) return RemoveCore(articleId);
    }

    /// <summary>Moves an article to a cluster, creating the cluster when the id is new. Constraints are not checked: this is an editor's explicit decision.</summary>
    public void Move(long articleId, long clusterId)
    {
        lock (_gate)
        {
            var entry = _articles.GetValueOrDefault(articleId) ?? throw new KeyNotFoundException($"Article {articleId} is not in the index.");
            if (entry.ClusterId == clusterId) return;
            RemoveFromCluster(articleId, entry);
            AddToCluster(articleId, entry, clusterId);
        }
    }

    /// <summary>Moves every member of the <paramref name="sources"/> clusters into <paramref name="target"/> (created when new).</summary>
    public void Merge(IEnumerable<long> sources, long target)
    {
        lock (_gate)
        {
            foreach (var source in sources.Distinct().Where(s => s != target).Order().ToList())
            {
                if (!_clusters.TryGetValue(source, out var state)) throw new KeyNotFoundException($"Cluster {source} is not in the index.");
                foreach (var m in state.Members.ToList())
                {
                    var entry = _articles[m];
                    RemoveFromCluster(m, entry);
                    AddToCluster(m, entry, target);
                }
            }
        }
    }

    /// <summary>Moves the given articles out of their clusters into the new cluster <paramref name="newClusterId"/>.</summary>
    public void Split(IEnumerable<long> articleIds, long newClusterId)
    {
        lock (_gate)
        {
            if (_clusters.ContainsKey(newClusterId)) throw new InvalidOperationException($"Cluster {newClusterId} already exists.");
            foreach (var id in articleIds.Distinct().Order().ToList())
            {
                var entry = _articles.GetValueOrDefault(id) ?? throw new KeyNotFoundException($"Article {id} is not in the index.");
                RemoveFromCluster(id, entry);
                AddToCluster(id, entry, newClusterId);
            }
        }
    }

    /// <summary>Locks or unlocks a cluster: a locked cluster accepts no new article in <see cref="Assign"/> and is kept as is by a full re-cluster.</summary>
    public void SetLocked(long clusterId, bool locked)
    {
        lock (_gate)
        {
            if (!_clusters.TryGetValue(clusterId, out var state)) throw new KeyNotFoundException($"Cluster {clusterId} is not in the index.");
            state.Locked = locked;
        }
    }

    /// <summary>Records that two articles belong together (used when either is assigned later and by <see cref="Constraints"/>).</summary>
    public void AddMustLink(long a, long b)
    {
        lock (_gate) Link(_mustLink, a, b, add: true);
    }

    /// <summary>Records that two articles must never share a cluster.</summary>
    public void AddCannotLink(long a, long b)
    {
        lock (_gate) Link(_cannotLink, a, b, add: true);
    }

    /// <summary>Forgets a must-link.</summary>
    public void RemoveMustLink(long a, long b)
    {
        lock (_gate) Link(_mustLink, a, b, add: false);
    }

    /// <summary>Forgets a cannot-link.</summary>
    public void RemoveCannotLink(long a, long b)
    {
        lock (_gate) Link(_cannotLink, a, b, add: false);
    }

    /// <summary>The cluster of an article, or null when it is not indexed.</summary>
    public long? ClusterOf(long articleId)
    {
        lock (_gate) return _articles.TryGetValue(articleId, out var e) ? e.ClusterId : null;
    }

    /// <summary>The article ids of a cluster, ascending (empty when unknown).</summary>
    public IReadOnlyList<long> Members(long clusterId)
    {
        lock (_gate) return _clusters.TryGetValue(clusterId, out var s) ? s.Members.ToArray() : [];
    }

    /// <summary>All cluster ids, ascending.</summary>
    public IReadOnlyList<long> ClusterIds()
    {
        lock (_gate) return _clusters.Keys.Order().ToArray();
    }

    /// <summary>Whether a cluster is locked.</summary>
    public bool IsLocked(long clusterId)
    {
        lock (_gate) return _clusters.TryGetValue(clusterId, out var s) && s.Locked;
    }

    /// <summary>Average-linkage similarity of an indexed article to a cluster's other members (0 when either is unknown).</summary>
    public double MeanSimilarity(long articleId, long clusterId)
    {
        lock (_gate)
        {
            if (!_articles.TryGetValue(articleId, out var e) || !_clusters.TryGetValue(clusterId, out var s)) return 0;
            return e.ClusterId == clusterId ? s.Sum.MeanSimilarityExcluding(e.Vector) : s.Sum.MeanSimilarity(e.Vector);
        }
    }

    /// <summary>
    /// The <paramref name="count"/> indexed articles most similar to <paramref name="articleId"/>, for an article page:
    /// the candidates are its story-tier LSH bucket mates (MMDS §3.4) and the other members of its own cluster, ranked
    /// by TF-IDF cosine of their stored unit vectors, best first, ties by ascending id. Empty when the article is not
    /// indexed or <paramref name="count"/> ≤ 0. Cost: one LSH query plus one sparse dot product per candidate.
    /// </summary>
    public IReadOnlyList<(long ArticleId, double Similarity)> Neighbours(long articleId, int count)
    {
        lock (_gate)
        {
            if (count <= 0 || !_articles.TryGetValue(articleId, out var entry)) return [];
            var candidates = new HashSet<long>();
            _story.Query(entry.Fingerprint.StorySignature, candidates, _options.MaxStoryBucket(_articles.Count));
            if (_clusters.TryGetValue(entry.ClusterId, out var state)) candidates.UnionWith(state.Members);
            candidates.Remove(articleId);
            var scored = new List<(long ArticleId, double Similarity)>(candidates.Count);
            foreach (var id in candidates) scored.Add((id, entry.Vector.Dot(_articles[id].Vector)));
            scored.Sort(static (x, y) => x.Similarity != y.Similarity ? y.Similarity.CompareTo(x.Similarity) : x.ArticleId.CompareTo(y.ArticleId));
            if (scored.Count > count) scored.RemoveRange(count, scored.Count - count);
            return scored;
        }
    }

    /// <summary>Indexed articles whose word-shingle MinHash estimate with <paramref name="fingerprint"/> reaches the copy threshold, best first.</summary>
    public IReadOnlyList<(long ArticleId, double Jaccard)> FindCopies(ArticleFingerprint fingerprint)
    {
        lock (_gate)
        {
            return _copy.Query(fingerprint.CopySignature)
                .Select(id => (id, MinHasher.EstimateJaccard(fingerprint.CopySignature, _articles[id].Fingerprint.CopySignature)))
                .Where(x => x.Item2 >= _options.CopyThreshold)
                .OrderByDescending(x => x.Item2).ThenBy(x => x.id)
                .ToList();
        }
    }

    /// <summary>The editor decisions held by the index, for a full re-cluster with <see cref="StoryClusterer.ClusterFingerprints"/>.</summary>
    public ClusteringConstraints Constraints()
    {
        lock (_gate)
        {
            static List<ArticlePair> Pairs(Dictionary<long, HashSet<long>> links) =>
                links.SelectMany(kv => kv.Value.Where(b => kv.Key < b).Select(b => new ArticlePair(kv.Key, b)))
                    .OrderBy(p => p.A).ThenBy(p => p.B).ToList();
            return new ClusteringConstraints
            {
                MustLink = Pairs(_mustLink),
                CannotLink = Pairs(_cannotLink),
                LockedClusters = _clusters.Where(kv => kv.Value.Locked).OrderBy(kv => kv.Key)
                    .Select(kv => (IReadOnlyList<long>)kv.Value.Members.ToArray()).ToList(),
            };
        }
    }

    private (long? Cluster, double Similarity, long? CopyOf, double CopySimilarity, string Reason) Place(long id, Entry entry)
    {
        // 1. Must-link: an editor said it belongs with an indexed article.
        if (_mustLink.TryGetValue(id, out var partners))
        {
            long? best = null;
            var bestScore = double.MinValue;
            foreach (var p in partners.Order())
            {
                if (!_articles.TryGetValue(p, out var pe) || !NoCannotLink(id, _clusters[pe.ClusterId])) continue;
                var score = _clusters[pe.ClusterId].Sum.MeanSimilarity(entry.Vector);
                if (score > bestScore) { bestScore = score; best = pe.ClusterId; }
            }
            if (best is not null) return (best, bestScore, null, 0, "must-link");
        }

        // 2. Copies tier: a near-identical article decides.
        long? copyOf = null;
        double copyScore = 0;
        foreach (var c in _copy.Query(entry.Fingerprint.CopySignature))
        {
            var j = MinHasher.EstimateJaccard(entry.Fingerprint.CopySignature, _articles[c].Fingerprint.CopySignature);
            if (j >= _options.CopyThreshold && j > copyScore && Eligible(id, entry, _clusters[_articles[c].ClusterId]))
            {
                copyScore = j;
                copyOf = c;
            }
        }
        if (copyOf is { } original)
        {
            var cluster = _articles[original].ClusterId;
            return (cluster, _clusters[cluster].Sum.MeanSimilarity(entry.Vector), original, copyScore, "copy");
        }

        // 3. Story tier: the eligible candidate cluster with the best average linkage.
        var clusters = new SortedSet<long>();
        var candidates = new HashSet<long>();
        _story.Query(entry.Fingerprint.StorySignature, candidates, _options.MaxStoryBucket(_articles.Count));
        var signature = entry.Fingerprint.StorySignature;
        foreach (var c in candidates)
        {
            var other = _articles[c];
            // A cluster already admitted needs no second estimate (most candidates are the other members of one story),
            // which spares reading the candidate's signature, a cache miss at newsroom scale.
            if (clusters.Contains(other.ClusterId)) continue;
            if (MinHasher.EstimateJaccard(signature, other.Fingerprint.StorySignature) >= _options.MinCandidateJaccard)
                clusters.Add(other.ClusterId);
        }
        long? chosen = null;
        var chosenScore = _options.StoryThreshold;
        foreach (var c in clusters)
        {
            var state = _clusters[c];
            if (!Eligible(id, entry, state)) continue;
            var score = state.Sum.MeanSimilarity(entry.Vector);
            if (score >= chosenScore && (chosen is null || score > chosenScore))
            {
                chosen = c;
                chosenScore = score;
            }
        }
        return chosen is null ? (null, 0, null, 0, "new") : (chosen, chosenScore, null, 0, "similar");
    }

    private bool Eligible(long id, Entry entry, ClusterState cluster)
    {
        if (cluster.Locked || !NoCannotLink(id, cluster)) return false;
        if (_options.TimeWindow is not { } window || entry.Published is not { } t) return true;
        DateTimeOffset? min = null, max = null;
        foreach (var m in cluster.Members)
        {
            if (_articles[m].Published is not { } p) continue;
            if (min is null || p < min) min = p;
            if (max is null || p > max) max = p;
        }
        return min is null || (t >= min.Value - window && t <= max!.Value + window);
    }

    private bool NoCannotLink(long id, ClusterState cluster)
    {
        if (!_cannotLink.TryGetValue(id, out var forbidden)) return true;
        foreach (var f in forbidden) if (cluster.Members.Contains(f)) return false;
        return true;
    }

    private bool RemoveCore(long articleId)
    {
        if (!_articles.Remove(articleId, out var entry)) return false;
        _story.Remove(articleId, entry.Fingerprint.StorySignature);
        _copy.Remove(articleId, entry.Fingerprint.CopySignature);
        _stats.Remove(entry.Fingerprint);
        RemoveFromCluster(articleId, entry);
        return true;
    }

    private void AddToCluster(long id, Entry entry, long clusterId)
    {
        if (!_clusters.TryGetValue(clusterId, out var state)) _clusters[clusterId] = state = new ClusterState();
        state.Members.Add(id);
        state.Sum.Add(entry.Vector);
        entry.ClusterId = clusterId;
    }

    private void RemoveFromCluster(long id, Entry entry)
    {
        if (!_clusters.TryGetValue(entry.ClusterId, out var state)) return;
        state.Members.Remove(id);
        state.Sum.Add(entry.Vector, -1);
        if (state.Members.Count == 0) _clusters.Remove(entry.ClusterId);
    }

    private static void Link(Dictionary<long, HashSet<long>> links, long a, long b, bool add)
    {
        if (a == b) return;
        foreach (var (x, y) in new[] { (a, b), (b, a) })
        {
            if (add) (links.TryGetValue(x, out var set) ? set : links[x] = []).Add(y);
            else if (links.TryGetValue(x, out var set) && set.Remove(y) && set.Count == 0) links.Remove(x);
        }
    }

    private sealed class Entry(ArticleFingerprint fingerprint, WeightedVector vector, DateTimeOffset? published)
    {
        public ArticleFingerprint Fingerprint { get; } = fingerprint;
        public WeightedVector Vector { get; } = vector;
        public DateTimeOffset? Published { get; } = published;
        public long ClusterId { get; set; }
    }

    private sealed class ClusterState
    {
        public SortedSet<long> Members { get; } = new();
        public TermSum Sum { get; } = new();
        public bool Locked { get; set; }
    }
}
