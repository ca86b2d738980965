using NewsCluster.Engine.Quality;

namespace NewsCluster.Engine.Tests.Quality;

public sealed class ClusteringMetricsTests
{
    private static Dictionary<string, int> Labels(params string[] groups) =>
        groups.SelectMany((g, i) => g.Select(c => (c.ToString(), i))).ToDictionary(x => x.Item1, x => x.i);

    [Fact]
    public void Metrics_match_a_hand_computed_example()
    {
        // gold {a,b,c}{d,e}; predicted {a,b}{c,d,e}.
        // Contingency cells 2,1,2 -> Σ C(n_ij,2) = 1 + 0 + 1 = 2; predicted pairs 1 + 3 = 4; gold pairs 3 + 1 = 4; C(5,2) = 10.
        // ARI = (2 − 4·4/10) / ((4 + 4)/2 − 1.6) = 0.4 / 2.4 = 1/6.
        // Pairwise P = 2/4, R = 2/4, F1 = 0.5.
        // B-cubed P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15; R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5 = 11/15.
        var r = ClusteringMetrics.Evaluate(Labels("ab", "cde"), Labels("abc", "de"));
        r.AdjustedRandIndex.Should().BeApproximately(1.0 / 6, 1e-12);
        r.PairPrecision.Should().BeApproximately(0.5, 1e-12);
        r.PairRecall.Should().BeApproximately(0.5, 1e-12);
        r.PairF1.Should().BeApproximately(0.5, 1e-12);
        r.BCubedPrecision.Should().BeApproximately(11.0 / 15, 1e-12);
        r.BCubedRecall.Should().BeApproximately(11.0 / 15, 1e-12);
        r.BCubedF1.Should().BeApproximately(11.0 / 15, 1e-12);
        r.Clusters.Should().Be(2);
        r.Articles.Should().Be(5);
    }

    [Fact]
    public void Identical_partitions_score_one_whatever_the_label_names()
    {
        var r = ClusteringMetrics.Evaluate(Labels("xy", "z", "uvw"), Labels("uvw", "xy", "z"));
        new[] { r.AdjustedRandIndex, r.PairF1, r.BCubedF1 }.Should().AllSatisfy(v => v.Should().Be(1));
    }

    [Fact]
    public void All_singletons_against_one_cluster_finds_no_pair()
    {
        // Predicted pairs 0 (precision 1 by convention), gold pairs C(4,2) = 6, found 0 -> recall 0.
        // ARI: index 0, expected 0·6/6 = 0, max 3 -> 0. B-cubed P = 1, R = 1/4.
        var r = ClusteringMetrics.Evaluate(Labels("a", "b", "c", "d"), Labels("abcd"));
        r.AdjustedRandIndex.Should().Be(0);
        r.PairPrecision.Should().Be(1);
        r.PairRecall.Should().Be(0);
        r.BCubedPrecision.Should().Be(1);
        r.BCubedRecall.Should().BeApproximately(0.25, 1e-12);
    }

    [Fact]
    public void A_gold_item_missing_from_the_prediction_counts_as_its_own_cluster()
    {
        var predicted = Labels("ab");
        var r = ClusteringMetrics.Evaluate(predicted, Labels("abc"));
        // Pred {a,b}{c}: pairs found 1 of 3 -> recall 1/3.
        r.PairRecall.Should().BeApproximately(1.0 / 3, 1e-12);
        r.Clusters.Should().Be(2);
    }
}
