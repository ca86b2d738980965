using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Fingerprints;
using Xunit.Abstractions;

namespace NewsCluster.Engine.Tests.Clustering;

public sealed class SeedClusteringTests(ITestOutputHelper output)
{
    [Fact]
    public void The_four_rewrites_form_one_story_and_the_related_story_stays_apart()
    {
        var seeds = Seeds.Load();
        var clusters = new StoryClusterer(new ClusteringOptions()).Cluster(seeds);
        clusters.Should().BeEquivalentTo(new[] { new long[] { 0, 1, 2, 3 }, new long[] { 4 } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Average_linkage_separates_the_rewrites_from_the_related_story()
    {
        var seeds = Seeds.Load();
        var builder = new FingerprintBuilder();
        var stats = new CorpusStatistics(new ClusteringOptions().IdfPriorDocuments);
        var fps = seeds.Select(s => builder.Build(s.Title, s.Text)).ToList();
        fps.ForEach(stats.Add);
        var vectors = fps.Select(stats.Vectorize).ToList();
        var threshold = new ClusteringOptions().StoryThreshold;
        for (var i = 0; i < 5; i++)
            output.WriteLine(string.Join("  ", Enumerable.Range(0, 5).Select(j => vectors[i].Dot(vectors[j]).ToString("0.000"))));
        Enumerable.Range(0, 4).Average(j => vectors[4].Dot(vectors[j])).Should().BeLessThan(threshold, "004 is another story");
        for (var i = 0; i < 4; i++)
        {
            var meanToOthers = Enumerable.Range(0, 4).Where(j => j != i).Average(j => vectors[i].Dot(vectors[j]));
            meanToOthers.Should().BeGreaterThanOrEqualTo(threshold, $"seed 00{i} rewrites the story of the others");
        }
    }
}
