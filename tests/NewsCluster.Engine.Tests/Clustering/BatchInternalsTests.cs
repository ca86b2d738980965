using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.Hashing;

namespace NewsCluster.Engine.Tests.Clustering;

/// <summary>The batch clusterer's internal structures checked against plain reference computations.</summary>
public sealed class BatchInternalsTests
{
    private static readonly ParallelOptions OneThread = new() { MaxDegreeOfParallelism = 1 };
    private static readonly ParallelOptions FourThreads = new() { MaxDegreeOfParallelism = 4 };

    /// <summary>Sorted distinct term ids per article, drawn from a vocabulary of <paramref name="vocabulary"/> ids.</summary>
    private static uint[][] TermLists(int articles, int terms, int vocabulary, ulong seed)
    {
        var rng = new SplitMix64(seed);
        return Enumerable.Range(0, articles)
            .Select(_ => Enumerable.Range(0, terms).Select(_ => (uint)(rng.Next() % (ulong)vocabulary) * 2654435761u).Distinct().Order().ToArray())
            .ToArray();
    }

    [Fact]
    public void Batch_clustering_handles_no_articles_one_article_and_articles_without_terms()
    {
        var clusterer = new StoryClusterer(new ClusteringOptions());
        clusterer.Cluster([]).Should().BeEmpty();
        clusterer.Cluster([new ClusterInput(7, "Storm hits the coast", "Heavy rain flooded the coastal towns overnight.")])
            .Should().ContainSingle().Which.Should().Equal(7L);
        // Nothing but punctuation: no terms and no shingles (no vocabulary, no shared terms), yet every article is placed.
        clusterer.Cluster([new ClusterInput(1, "", "…"), new ClusterInput(2, "", "!!!"), new ClusterInput(3, "Storm", "Rain.")])
            .SelectMany(c => c).Order().Should().Equal(1L, 2L, 3L);
    }

    [Fact]
    public void Vocabulary_numbers_each_distinct_id_once_and_counts_the_articles_it_occurs_in()
    {
        // 300 × ~100 occurrences: several partitions.
        var lists = TermLists(300, 100, 2000, 7);
        var vocabulary = Vocabulary.Build(lists, FourThreads);

        var numberOf = new Dictionary<uint, int>();
        for (var i = 0; i < lists.Length; i++)
        {
            var numbers = vocabulary.Numbers(i).ToArray();
            numbers.Should().HaveCount(lists[i].Length);
            for (var k = 0; k < numbers.Length; k++)
            {
                if (numberOf.TryGetValue(lists[i][k], out var known)) numbers[k].Should().Be(known);
                else numberOf[lists[i][k]] = numbers[k];
            }
        }
        var expected = lists.SelectMany(l => l).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        numberOf.Should().HaveCount(expected.Count);
        numberOf.Values.Order().Should().Equal(Enumerable.Range(0, expected.Count), "numbers are dense");
        foreach (var (id, number) in numberOf) vocabulary.DocumentFrequency[number].Should().Be(expected[id]);
    }

    [Fact]
    public void Vocabulary_numbers_do_not_depend_on_the_thread_count()
    {
        var lists = TermLists(200, 80, 1500, 11);
        var one = Vocabulary.Build(lists, OneThread);
        var four = Vocabulary.Build(lists, FourThreads);
        for (var i = 0; i < lists.Length; i++) four.Numbers(i).ToArray().Should().Equal(one.Numbers(i).ToArray());
        four.DocumentFrequency.Should().Equal(one.DocumentFrequency);
    }

    /// <summary>A vector of up to <paramref name="terms"/> distinct ids below <paramref name="vocabulary"/> with weights in (0, 1].</summary>
    private static WeightedVector RandomVector(ref SplitMix64 rng, int terms, int vocabulary)
    {
        var ids = new SortedSet<uint>();
        for (var t = 0; t < terms; t++) ids.Add((uint)rng.NextInt(vocabulary));
        return WithRandomWeights(ref rng, ids);
    }

    private static WeightedVector WithRandomWeights(ref SplitMix64 rng, SortedSet<uint> ids)
    {
        var values = new float[ids.Count];
        for (var k = 0; k < values.Length; k++) values[k] = (rng.NextInt(1000) + 1) / 1000f;
        return new WeightedVector(ids.ToArray(), values);
    }

    [Fact]
    public void A_term_sum_grown_one_member_at_a_time_equals_the_sum_built_at_once()
    {
        var rng = new SplitMix64(3);
        var members = new List<WeightedVector>();
        for (var m = 0; m < 40; m++) members.Add(RandomVector(ref rng, 50, 400));
        var probe = RandomVector(ref rng, 80, 400);

        var grown = new TermSum();
        foreach (var m in members) grown.Add(m);
        var atOnce = new TermSum();
        atOnce.AddAll(members);
        var merged = new TermSum();
        merged.AddAll(members.Take(15).ToList());
        var rest = new TermSum();
        rest.AddAll(members.Skip(15).ToList());
        merged.Add(rest);

        var expected = members.Sum(m => m.Dot(probe));
        grown.Members.Should().Be(40);
        grown.Dot(probe).Should().Be(atOnce.Dot(probe), "AddAll adds in member order, as one at a time does");
        grown.Dot(probe).Should().BeApproximately(expected, 1e-9);
        merged.Dot(probe).Should().BeApproximately(expected, 1e-9);
        grown.Dot(atOnce).Should().BeApproximately(members.Sum(a => members.Sum(b => a.Dot(b))), 1e-6);
    }

    [Fact]
    public void Agglomeration_matches_textbook_group_average_linkage_over_the_candidate_graph()
    {
        // Vectors made of a few shared "topic" terms plus noise, so similarities spread around the threshold.
        int merges = 0, refused = 0, totalEdges = 0;
        for (var round = 0; round < 20; round++)
        {
            var rng = new SplitMix64((ulong)round + 100);
            var n = 30;
            var vectors = new WeightedVector[n];
            for (var i = 0; i < n; i++) vectors[i] = Normalised(TopicVector(ref rng));
            const double threshold = 0.3;
            var edges = new List<(int I, int J, double Cos)>();
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                    if (vectors[i].Dot(vectors[j]) is var c && c >= threshold) edges.Add((i, j, c));

            var items = Enumerable.Range(0, n).Select(i => new FingerprintedArticle(i, Dummy(), null)).ToArray();
            // Term ids are small here, so they serve as the shared-term numbers directly.
            var terms = vectors.Select(v => v.Ids.Select((id, k) => new SharedTermWeight((int)id, v.Values[k])).ToArray()).ToArray();
            var termCount = (int)vectors.Max(v => v.Ids.Max()) + 1;
            var groups = new ClusterGroups(items, SharedTerms.Of(terms, termCount), Enumerable.Range(0, n).ToDictionary(i => (long)i, i => i), ClusteringConstraints.None, null);
            foreach (var (i, j, c) in edges) groups.AddNeighbours(i, j, c);
            groups.Agglomerate(threshold);
            var actual = groups.Result().Select(c => string.Join(",", c)).Order().ToList();

            var expected = Reference(vectors, edges, threshold).Select(c => string.Join(",", c)).Order().ToList();
            actual.Should().Equal(expected, $"round {round}");
            merges += n - expected.Count;
            totalEdges += edges.Count;
            refused += expected.Count - Components(n, edges);
        }
        merges.Should().BeGreaterThan(20, "the rounds merge clusters");
        refused.Should().BeGreaterThan(0, $"average linkage keeps apart some clusters that edges connect");
    }

    /// <summary>
    /// Group-average agglomeration done the slow, obvious way: clusters are neighbours when some cross pair is an
    /// edge; the linkage is the mean cosine over all cross pairs; the best pair (ties: smaller first member) merges
    /// while its linkage reaches the threshold.
    /// </summary>
    private static List<List<int>> Reference(WeightedVector[] vectors, List<(int I, int J, double Cos)> edges, double threshold)
    {
        var clusters = Enumerable.Range(0, vectors.Length).Select(i => new List<int> { i }).ToList();
        var edgeSet = edges.Select(e => (e.I, e.J)).ToHashSet();
        while (true)
        {
            (double Score, int A, int B)? best = null;
            for (var a = 0; a < clusters.Count; a++)
                for (var b = a + 1; b < clusters.Count; b++)
                {
                    var ca = clusters[a];
                    var cb = clusters[b];
                    if (!ca.Any(x => cb.Any(y => edgeSet.Contains((Math.Min(x, y), Math.Max(x, y)))))) continue;
                    var mean = ca.Sum(x => cb.Sum(y => vectors[x].Dot(vectors[y]))) / (ca.Count * cb.Count);
                    if (mean < threshold) continue;
                    if (best is null || mean > best.Value.Score + 1e-12) best = (mean, a, b);
                }
            if (best is not { } merge) return clusters;
            clusters[merge.A].AddRange(clusters[merge.B]);
            clusters[merge.A].Sort();
            clusters.RemoveAt(merge.B);
        }
    }

    /// <summary>Five terms of one of three 12-term topics plus five terms from a wide vocabulary.</summary>
    private static WeightedVector TopicVector(ref SplitMix64 rng)
    {
        var topic = rng.NextInt(3);
        var ids = new SortedSet<uint>();
        for (var t = 0; t < 5; t++) ids.Add((uint)(topic * 12 + rng.NextInt(12)));
        for (var t = 0; t < 5; t++) ids.Add((uint)(100 + rng.NextInt(1000)));
        return WithRandomWeights(ref rng, ids);
    }

    private static int Components(int n, List<(int I, int J, double Cos)> edges)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var (i, j, _) in edges) parent[Find(i)] = Find(j);
        return Enumerable.Range(0, n).Count(x => Find(x) == x);
    }

    private static WeightedVector Normalised(WeightedVector v)
    {
        var norm = Math.Sqrt(v.Values.Sum(x => (double)x * x));
        return new WeightedVector(v.Ids, v.Values.Select(x => (float)(x / norm)).ToArray());
    }

    private static ArticleFingerprint Dummy() => new(1, new uint[16], new uint[16], [], [], 0);
}
