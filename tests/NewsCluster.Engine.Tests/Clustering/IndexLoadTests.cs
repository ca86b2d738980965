using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Fingerprints;

namespace NewsCluster.Engine.Tests.Clustering;

/// <summary>The bulk paths of the live index (start-up load, batch vectorising, batch term sums) against the one-by-one paths.</summary>
public sealed class IndexLoadTests
{
    /// <summary>Articles from made-up words: article i draws from a few overlapping blocks so there are clusters, shared terms and singletons.</summary>
    private static List<IndexedArticle> Articles(int count)
    {
        var builder = new FingerprintBuilder();
        var random = new Random(11);
        var list = new List<IndexedArticle>();
        for (var i = 0; i < count; i++)
        {
            var story = i / 4;
            var words = Enumerable.Range(0, 60).Select(w => random.Next(3) == 0 ? $"zz{random.Next(400)}q" : $"st{story}w{(w * 7 + i) % 40}");
            list.Add(new IndexedArticle(1000 + i, story + 1, builder.Build($"story {story} title", string.Join(' ', words) + "."),
                DateTimeOffset.UnixEpoch.AddHours(i)));
        }
        return list;
    }

    [Fact]
    public void Bulk_load_equals_loading_one_article_at_a_time()
    {
        var articles = Articles(60);
        var bulk = new StoryIndex();
        bulk.Load(articles.AsEnumerable().Reverse());
        var single = new StoryIndex();
        foreach (var a in articles) single.Load([a]);
        // Vectors differ (one-by-one loads weigh each article with the idf of its moment); clusters, members and LSH must not.
        bulk.ArticleCount.Should().Be(60);
        bulk.ClusterIds().Should().Equal(single.ClusterIds());
        foreach (var c in bulk.ClusterIds()) bulk.Members(c).Should().Equal(single.Members(c));
        var copy = articles[5].Fingerprint;
        bulk.FindCopies(copy).Should().Equal(single.FindCopies(copy));
    }

    [Fact]
    public void Reloading_replaces_articles_and_a_repeated_id_counts_once()
    {
        var articles = Articles(40);
        var index = new StoryIndex();
        index.Load(articles);
        var moved = articles[3] with { ClusterId = 99 };
        index.Load([moved, moved]);
        index.ArticleCount.Should().Be(40);
        index.ClusterOf(moved.Id).Should().Be(99);
        index.Members(99).Should().Equal(moved.Id);
        index.Members(1).Should().NotContain(moved.Id);
        index.MeanSimilarity(moved.Id, 99).Should().Be(0);

        var fresh = new StoryIndex();
        fresh.Load(articles.Select(a => a.Id == moved.Id ? moved : a));
        foreach (var a in articles)
            index.MeanSimilarity(a.Id, index.ClusterOf(a.Id)!.Value).Should().Be(fresh.MeanSimilarity(a.Id, fresh.ClusterOf(a.Id)!.Value));
    }

    [Fact]
    public void Vectorize_all_is_bit_identical_to_vectorize()
    {
        var fingerprints = Articles(50).Select(a => a.Fingerprint).ToArray();
        var stats = new CorpusStatistics(50);
        foreach (var f in fingerprints) stats.Add(f);
        var all = stats.VectorizeAll(fingerprints);
        var unseen = new FingerprintBuilder().Build("nothing shared", "qqxa qqxb qqxc qqxd.");
        all = [.. all, .. stats.VectorizeAll([unseen])];
        var one = fingerprints.Append(unseen).Select(stats.Vectorize).ToArray();
        for (var i = 0; i < one.Length; i++)
        {
            all[i].Ids.Should().Equal(one[i].Ids);
            all[i].Values.Should().Equal(one[i].Values);
        }
    }

    [Fact]
    public void Document_frequencies_survive_many_removals()
    {
        var fingerprints = Articles(200).Select(a => a.Fingerprint).ToArray();
        var stats = new CorpusStatistics();
        foreach (var f in fingerprints) stats.Add(f);
        for (var i = 0; i < fingerprints.Length; i += 2) stats.Remove(fingerprints[i]);
        var expected = new Dictionary<uint, int>();
        for (var i = 1; i < fingerprints.Length; i += 2)
            foreach (var t in fingerprints[i].TermIds) expected[t] = expected.GetValueOrDefault(t) + 1;
        stats.DocumentCount.Should().Be(100);
        stats.TermCount.Should().Be(expected.Count);
        foreach (var (t, df) in expected) stats.DocumentFrequency(t).Should().Be(df);
        foreach (var t in fingerprints[0].TermIds.Where(t => !expected.ContainsKey(t))) stats.DocumentFrequency(t).Should().Be(0);
    }

    [Fact]
    public void Term_sum_add_all_is_bit_identical_to_adding_one_by_one()
    {
        var fingerprints = Articles(30).Select(a => a.Fingerprint).ToArray();
        var stats = new CorpusStatistics();
        foreach (var f in fingerprints) stats.Add(f);
        var vectors = fingerprints.Select(stats.Vectorize).ToArray();
        var one = new TermSum();
        var all = new TermSum();
        one.Add(vectors[0]);
        all.Add(vectors[0]);
        foreach (var v in vectors.Skip(1)) one.Add(v);
        all.AddAll(vectors.Skip(1).ToArray());
        all.Members.Should().Be(one.Members);
        foreach (var v in vectors) all.Dot(v).Should().Be(one.Dot(v));
        all.Dot(one).Should().Be(one.Dot(one));
    }
}
