using NewsCluster.Engine.Hashing;
using NewsCluster.Engine.Lsh;
using NewsCluster.Engine.MinHash;

namespace NewsCluster.Engine.Tests.Lsh;

public sealed class LshParametersTests
{
    [Fact]
    public void The_s_curve_is_one_minus_one_minus_s_to_the_r_to_the_b()
    {
        // b = 20, r = 5, s = 0.5: 1 − (1 − 0.5^5)^20 = 1 − (31/32)^20 = 1 − e^(20·ln 0.96875) = 1 − 0.52995 = 0.47005
        // (MMDS §3.4.2 table: .470); s = 0.8: 1 − (1 − 0.32768)^20 = 1 − 0.000356 = 0.99964.
        new LshParameters(20, 5).CandidateProbability(0.5).Should().BeApproximately(0.47005, 1e-5);
        new LshParameters(20, 5).CandidateProbability(0.8).Should().BeApproximately(0.99964, 1e-5);
    }

    [Fact]
    public void Simpson_integration_is_exact_for_a_cubic() =>
        // ∫₀¹ s³ ds = 1/4.
        LshParameters.Integrate(s => s * s * s, 0, 1).Should().BeApproximately(0.25, 1e-12);

    [Theory]
    // Chosen by minimising 0.5·FP + 0.5·FN area; cross-checked with an independent Python implementation of the
    // same integrals (datasketch's _optimal_param procedure) over all b·r ≤ 128.
    [InlineData(0.5, 25, 5)]
    [InlineData(0.8, 9, 13)]
    [InlineData(0.1, 64, 2)]
    public void Optimal_banding_minimises_the_weighted_error_area(double threshold, int bands, int rows) =>
        LshParameters.Optimal(threshold, 128).Should().Be(new LshParameters(bands, rows));

    [Fact]
    public void Optimal_banding_is_no_worse_than_any_other_choice()
    {
        var best = LshParameters.Optimal(0.3, 64);
        double Error(LshParameters p) => 0.5 * p.FalsePositiveArea(0.3) + 0.5 * p.FalseNegativeArea(0.3);
        for (var b = 1; b <= 64; b++)
            for (var r = 1; b * r <= 64; r++)
                Error(best).Should().BeLessThanOrEqualTo(Error(new LshParameters(b, r)) + 1e-12);
    }

    [Fact]
    public void Weighting_false_negatives_up_moves_the_curve_towards_recall()
    {
        var balanced = LshParameters.Optimal(0.3, 128);
        var recall = LshParameters.Optimal(0.3, 128, 0.1, 0.9);
        recall.CandidateProbability(0.3).Should().BeGreaterThan(balanced.CandidateProbability(0.3));
    }
}

public sealed class LshIndexTests
{
    private static uint[] Signature(MinHasher hasher, int from, int to) =>
        hasher.Compute(Enumerable.Range(from, to - from).Select(i => StableHash.Fold32(StableHash.Mix64((ulong)i + 1))).ToArray());

    [Fact]
    public void Insert_then_query_finds_similar_items_and_not_unrelated_ones()
    {
        var hasher = new MinHasher();
        var index = new LshIndex(LshParameters.Optimal(0.5));
        index.Insert(1, Signature(hasher, 0, 100));      // J with the query = 90/110 ≈ 0.82
        index.Insert(2, Signature(hasher, 1000, 1100));  // J = 0
        index.Query(Signature(hasher, 10, 110)).Should().Equal(1L);
        index.Count.Should().Be(2);
    }

    [Fact]
    public void Delete_removes_an_item_from_every_bucket()
    {
        var hasher = new MinHasher();
        var index = new LshIndex(LshParameters.Optimal(0.5));
        var sig = Signature(hasher, 0, 100);
        index.Insert(1, sig);
        index.Insert(2, sig);
        index.Insert(3, sig);
        index.Remove(2).Should().BeTrue();
        index.Remove(2).Should().BeFalse();
        index.Query(sig).Should().Equal(1L, 3L);
        index.Remove(1);
        index.Remove(3);
        index.Query(sig).Should().BeEmpty();
        index.Insert(4, sig);
        index.Query(sig).Should().Equal(4L);
    }

    [Fact]
    public void Reinserting_an_id_replaces_its_old_signature()
    {
        var hasher = new MinHasher();
        var index = new LshIndex(LshParameters.Optimal(0.5));
        index.Insert(1, Signature(hasher, 0, 100));
        index.Insert(1, Signature(hasher, 5000, 5100));
        index.Query(Signature(hasher, 0, 100)).Should().BeEmpty();
        index.Query(Signature(hasher, 5000, 5100)).Should().Equal(1L);
    }
}

public sealed class BandedBucketsTests
{
    [Fact]
    public void Buckets_are_runs_of_equal_keys_and_later_lists_only_greater_items_ascending()
    {
        // Band 0: items 0, 2, 3 share key 7; 1 is alone. Band 1: 1 and 3 share key 9; 0 and 2 are alone.
        ulong[][] keys = [[7, 1], [5, 9], [7, 2], [7, 9]];
        var buckets = new BandedBuckets(keys, bands: 2);

        buckets.BucketSize(0, 2).Should().Be(3);
        buckets.BucketSize(0, 1).Should().Be(1);
        buckets.Later(0, 0).ToArray().Should().Equal(2, 3);
        buckets.Later(0, 2).ToArray().Should().Equal(3);
        buckets.Later(0, 3).ToArray().Should().BeEmpty();
        buckets.Bucket(0, 3).ToArray().Should().Equal(0, 2, 3);
        buckets.Later(1, 1).ToArray().Should().Equal(3);
        buckets.Later(1, 0).ToArray().Should().BeEmpty();
        buckets.BucketSize(1, 3).Should().Be(2);
    }

    [Fact]
    public void Candidate_pairs_from_banded_buckets_equal_those_of_the_live_index()
    {
        var rng = new NewsCluster.Engine.Hashing.SplitMix64(3);
        var index = new LshIndex(new LshParameters(8, 2));
        var signatures = Enumerable.Range(0, 60).Select(_ => Enumerable.Range(0, 16).Select(_ => (uint)rng.NextInt(3)).ToArray()).ToArray();
        var keys = signatures.Select(s => index.BandKeys(s)).ToArray();
        for (var i = 0; i < signatures.Length; i++) index.Insert(i, signatures[i]);
        var buckets = new BandedBuckets(keys, 8);

        for (var i = 0; i < signatures.Length; i++)
        {
            var expected = index.Query(signatures[i]).Where(j => j > i).Select(j => (int)j).ToArray();
            var actual = Enumerable.Range(0, 8).SelectMany(b => buckets.Later(b, i).ToArray()).Distinct().Order().ToArray();
            actual.Should().Equal(expected);
        }
    }
}
