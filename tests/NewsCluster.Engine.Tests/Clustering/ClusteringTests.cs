using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Fingerprints;

namespace NewsCluster.Engine.Tests.Clustering;

public sealed class ClusteringTests
{
    /// <summary>An article made of made-up words from the given blocks of 20 (block k = words "wk_0" … "wk_19").</summary>
    private static ClusterInput Article(long id, params int[] blocks) =>
        new(id, "", string.Join(' ', blocks.SelectMany(b => Enumerable.Range(0, 20).Select(i => $"zq{b}x{i}"))) + ".");

    [Fact]
    public void Average_linkage_refuses_to_chain_a_to_c_through_b()
    {
        // A = blocks 1,2; B = 2,3; C = 3,4: cos(A,B) = cos(B,C) = 0.5 and cos(A,C) = 0. Whichever pair merges first,
        // the third article's mean similarity to it is (0.5 + 0) / 2 = 0.25 < 0.3, so it stays out.
        var options = new ClusteringOptions { StoryThreshold = 0.3 };
        var clusters = new StoryClusterer(options).Cluster([Article(1, 1, 2), Article(2, 2, 3), Article(3, 3, 4)]);
        clusters.Should().HaveCount(2);
        clusters.Should().NotContain(c => c.Count == 3);
        clusters.Should().ContainSingle(c => c.Count == 2).Which.Should().Contain(2L);
    }

    [Fact]
    public void Cannot_link_keeps_two_rewrites_apart()
    {
        var constraints = new ClusteringConstraints { CannotLink = [new ArticlePair(0, 1)] };
        var clusters = new StoryClusterer(new ClusteringOptions()).Cluster(Seeds.Load(), constraints);
        clusters.Should().NotContain(c => c.Contains(0L) && c.Contains(1L));
        clusters.Should().Contain(c => c.Contains(4L) && c.Count == 1);
    }

    [Fact]
    public void Must_link_pulls_the_related_story_into_the_cluster()
    {
        var constraints = new ClusteringConstraints { MustLink = [new ArticlePair(3, 4)] };
        var clusters = new StoryClusterer(new ClusteringOptions()).Cluster(Seeds.Load(), constraints);
        clusters.Should().Contain(c => c.Contains(3L) && c.Contains(4L));
    }

    [Fact]
    public void Locked_clusters_are_kept_exactly_and_nothing_joins_them()
    {
        var constraints = new ClusteringConstraints { LockedClusters = [[0L, 4L]] };
        var clusters = new StoryClusterer(new ClusteringOptions()).Cluster(Seeds.Load(), constraints);
        clusters.Should().ContainEquivalentOf(new long[] { 0, 4 });
        clusters.Should().ContainEquivalentOf(new long[] { 1, 2, 3 });
    }

    [Fact]
    public void A_time_window_keeps_distant_articles_apart()
    {
        var seeds = Seeds.Load().Take(4).Select((s, i) => s with { Published = new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i < 2 ? 0 : 60) }).ToList();
        var clusters = new StoryClusterer(new ClusteringOptions { TimeWindow = TimeSpan.FromDays(7) }).Cluster(seeds);
        clusters.Should().NotContain(c => c.Contains(0L) && c.Contains(3L));
    }

    [Fact]
    public void Results_do_not_depend_on_input_order_or_thread_count()
    {
        var seeds = Seeds.Load();
        var inputs = seeds.Concat(Enumerable.Range(0, 30).Select(i => Article(100 + i, i % 7, i % 7 + 1, 50 + i))).ToList();
        var single = new StoryClusterer(new ClusteringOptions { MaxThreads = 1 }).Cluster(inputs);
        var reversed = inputs.AsEnumerable().Reverse().ToList();
        var parallel = new StoryClusterer(new ClusteringOptions { MaxThreads = 4 }).Cluster(reversed);
        parallel.Should().BeEquivalentTo(single, o => o.WithStrictOrdering());
        single.Should().Contain(c => c.Count > 1 && c[0] >= 100, "the synthetic articles sharing blocks do cluster");
    }

    [Fact]
    public void Exact_copies_join_the_same_cluster()
    {
        var seeds = Seeds.Load();
        var inputs = seeds.Append(seeds[4] with { Id = 9 }).ToList();
        new StoryClusterer(new ClusteringOptions()).Cluster(inputs).Should().ContainEquivalentOf(new long[] { 4, 9 });
    }

    [Fact]
    public void Negative_ids_are_accepted() =>
        new StoryClusterer(new ClusteringOptions()).Cluster(Seeds.Load().Select(s => s with { Id = -1 - s.Id }).ToList())
            .Should().ContainEquivalentOf(new long[] { -4, -3, -2, -1 });
}

public sealed class StoryIndexTests
{
    private static readonly IReadOnlyList<ClusterInput> SeedArticles = Seeds.Load();
    private static readonly FingerprintBuilder Builder = new();

    private static ArticleFingerprint Fp(int seed) => Builder.Build(SeedArticles[seed].Title, SeedArticles[seed].Text);

    private static StoryIndex Loaded()
    {
        var index = new StoryIndex();
        index.Load([new IndexedArticle(0, 100, Fp(0)), new IndexedArticle(1, 100, Fp(1)), new IndexedArticle(4, 200, Fp(4))]);
        return index;
    }

    [Fact]
    public void New_rewrites_join_the_existing_story_and_copies_are_recognised()
    {
        var index = Loaded();
        var result = index.Assign([new FingerprintedArticle(3, Fp(3)), new FingerprintedArticle(2, Fp(2)), new FingerprintedArticle(14, Fp(4))]);
        result.Select(r => r.ArticleId).Should().Equal(2L, 3L, 14L);
        result[0].Should().Match<StoryAssignment>(r => r.ClusterId == 100 && r.Kind == AssignmentKind.JoinedExisting && r.Similarity >= 0.175);
        result[1].ClusterId.Should().Be(100);
        result[2].Should().Match<StoryAssignment>(r => r.ClusterId == 200 && r.CopyOf == 4 && r.CopySimilarity > 0.9);
        index.Members(100).Should().Equal(0L, 1L, 2L, 3L);
    }

    [Fact]
    public void Neighbours_lists_the_most_similar_other_articles_best_first_with_cosines_that_match_the_vectors()
    {
        var index = new StoryIndex();
        var heat = Builder.Build("Heatwave grips southern Spain as temperatures pass 44 degrees",
            "Seville and Cordoba recorded the hottest June day on record as authorities opened cooling centres and warned farm workers to stop at noon.");
        index.Load([
            new IndexedArticle(0, 100, Fp(0)), new IndexedArticle(1, 100, Fp(1)), new IndexedArticle(2, 100, Fp(2)),
            new IndexedArticle(3, 100, Fp(3)), new IndexedArticle(4, 200, Fp(4)), new IndexedArticle(7, 300, heat),
            new IndexedArticle(8, 300, heat),
        ]);

        var all = index.Neighbours(0, 10);
        all.Select(n => n.ArticleId).Should().Contain([1L, 2L, 3L], "the other members of its cluster are always candidates");
        all.Select(n => n.ArticleId).Should().NotContain(0L, "an article is not its own neighbour");
        all.Should().BeInDescendingOrder(n => n.Similarity);
        all.Should().OnlyContain(n => n.Similarity > 0 && n.Similarity <= 1.0000001);
        if (all.Any(n => n.ArticleId == 4))
            all.First(n => n.ArticleId == 4).Similarity.Should().BeLessThan(all.Where(n => n.ArticleId is 1 or 2 or 3).Max(n => n.Similarity),
                "the related but different story ranks below the best rewrite");

        index.Neighbours(0, 2).Should().Equal(all.Take(2), "count truncates the same ranking");

        var copies = index.Neighbours(7, 5);
        copies[0].ArticleId.Should().Be(8);
        copies[0].Similarity.Should().BeApproximately(1, 1e-5, "an exact copy has cosine 1");
        copies.Select(n => n.ArticleId).Should().NotContain([0L, 1L, 2L, 3L], "unrelated stories share no LSH bucket and no cluster");

        index.Neighbours(99, 5).Should().BeEmpty("unknown articles have no neighbours");
        index.Neighbours(0, 0).Should().BeEmpty();
    }

    [Fact]
    public void Neighbours_break_ties_by_ascending_id()
    {
        var index = new StoryIndex();
        var fp = Fp(1);
        index.Load([new IndexedArticle(5, 1, Fp(0)), new IndexedArticle(9, 1, fp), new IndexedArticle(6, 1, fp), new IndexedArticle(7, 2, fp)]);
        var result = index.Neighbours(5, 3);
        result.Select(n => n.ArticleId).Should().Equal(6L, 7L, 9L);
        result.Select(n => n.Similarity).Distinct().Should().HaveCount(1);
    }

    [Fact]
    public void An_unrelated_article_starts_a_provisional_cluster_that_a_copy_then_joins()
    {
        var index = Loaded();
        var other = Builder.Build("Heatwave grips southern Spain as temperatures pass 44 degrees",
            "Seville and Cordoba recorded the hottest June day on record as authorities opened cooling centres and warned farm workers to stop at noon.");
        var result = index.Assign([new FingerprintedArticle(50, other), new FingerprintedArticle(51, other)]);
        result[0].Kind.Should().Be(AssignmentKind.StartedNew);
        result[0].ClusterId.Should().BeNegative();
        result[1].Should().Match<StoryAssignment>(r => r.Kind == AssignmentKind.JoinedNew && r.ClusterId == result[0].ClusterId);
        index.RenameCluster(result[0].ClusterId, 300);
        index.Members(300).Should().Equal(50L, 51L);
        index.ClusterOf(51).Should().Be(300);
    }

    [Fact]
    public void Locked_clusters_and_cannot_links_turn_new_articles_away()
    {
        var index = Loaded();
        index.SetLocked(100, true);
        index.Assign([new FingerprintedArticle(2, Fp(2))])[0].ClusterId.Should().NotBe(100);

        var second = Loaded();
        second.AddCannotLink(3, 0);
        second.Assign([new FingerprintedArticle(3, Fp(3))])[0].ClusterId.Should().NotBe(100);
    }

    [Fact]
    public void Must_link_overrides_similarity()
    {
        var index = Loaded();
        index.AddMustLink(3, 4);
        var r = index.Assign([new FingerprintedArticle(3, Fp(3))])[0];
        r.ClusterId.Should().Be(200);
        r.Reason.Should().Be("must-link");
        index.Constraints().MustLink.Should().Equal(new ArticlePair(3, 4));
    }

    [Fact]
    public void Editor_operations_move_merge_split_and_remove_articles()
    {
        var index = Loaded();
        index.Move(4, 100);
        index.Members(100).Should().Equal(0L, 1L, 4L);
        index.ClusterIds().Should().Equal(100L);
        index.Split([1, 4], 400);
        index.Members(400).Should().Equal(1L, 4L);
        index.Merge([400], 100);
        index.Members(100).Should().Equal(0L, 1L, 4L);
        index.Remove(4).Should().BeTrue();
        index.Remove(4).Should().BeFalse();
        index.ArticleCount.Should().Be(2);
        index.FindCopies(Fp(4)).Should().BeEmpty();
        index.Assign([new FingerprintedArticle(2, Fp(2))])[0].ClusterId.Should().Be(100);
    }

    [Fact]
    public void Incremental_assignment_agrees_with_the_full_clustering_on_the_seeds()
    {
        var index = new StoryIndex();
        var assigned = index.Assign(Enumerable.Range(0, 5).Select(i => new FingerprintedArticle(i, Fp(i))).ToList());
        assigned.Select(a => a.ClusterId).Distinct().Should().HaveCount(2);
        index.Members(assigned[0].ClusterId).Should().Equal(0L, 1L, 2L, 3L);
    }
}

public sealed class PairExplainerTests
{
    [Fact]
    public void Explanations_give_similarities_shared_terms_and_a_verdict()
    {
        var seeds = Seeds.Load();
        var explainer = new PairExplainer();
        var same = explainer.Explain(seeds[0], seeds[2]);
        same.Verdict.Should().Be("same story");
        same.WeightedSimilarity.Should().BeGreaterThanOrEqualTo(same.Threshold);
        same.ExactJaccard.Should().BeInRange(0.05, 0.6);
        same.EstimatedJaccard.Should().BeApproximately(same.ExactJaccard, 0.15);
        same.ExactCopyJaccard.Should().BeLessThan(0.1);
        same.SharedTerms.Select(t => t.Term).Should().Contain("zelensky");
        same.SharedTerms.Should().BeInDescendingOrder(t => t.Contribution);

        explainer.Explain(seeds[3], seeds[4]).Verdict.Should().Be("different stories");
        explainer.Explain(seeds[4], seeds[4] with { Id = 9 }).Verdict.Should().Be("copy");
    }
}
