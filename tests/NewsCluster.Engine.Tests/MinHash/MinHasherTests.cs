using System.Runtime.Intrinsics;
using NewsCluster.Engine.Hashing;
using NewsCluster.Engine.MinHash;

namespace NewsCluster.Engine.Tests.MinHash;

public sealed class MinHasherTests
{
    private static uint[] RandomSet(ulong seed, int size)
    {
        var rng = new SplitMix64(seed);
        return Enumerable.Range(0, size).Select(_ => (uint)rng.Next()).ToArray();
    }

    [Theory]
    [InlineData(128, 0)]
    [InlineData(128, 1)]
    [InlineData(128, 500)]
    [InlineData(64, 37)]
    [InlineData(144, 200)]
    public void Vector_paths_give_the_same_signature_as_the_scalar_path(int permutations, int size)
    {
        var hasher = new MinHasher(permutations, seed: 7);
        var set = RandomSet(11, size);
        var scalar = hasher.Compute(set, SimdPath.Scalar);
        if (Vector256.IsHardwareAccelerated) hasher.Compute(set, SimdPath.Vector256).Should().Equal(scalar);
        if (Vector512.IsHardwareAccelerated) hasher.Compute(set, SimdPath.Vector512).Should().Equal(scalar);
        hasher.Compute(set).Should().Equal(scalar);
    }

    [Fact]
    public void An_empty_set_gives_all_slots_at_the_maximum() =>
        new MinHasher().Compute(ReadOnlySpan<uint>.Empty, SimdPath.Scalar).Should().OnlyContain(x => x == uint.MaxValue);

    [Fact]
    public void Signatures_depend_on_the_set_not_on_order_or_repeats()
    {
        var hasher = new MinHasher();
        var set = RandomSet(3, 300);
        var shuffled = set.Reverse().Concat(set.Take(50)).ToArray();
        hasher.Compute(shuffled).Should().Equal(hasher.Compute(set));
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.5)]
    [InlineData(0.8)]
    public void The_fraction_of_equal_slots_estimates_the_jaccard_similarity(double jaccard)
    {
        // |A ∩ B| = s, |A ∪ B| = 1000: J = s / 1000. With k = 128 the standard error is sqrt(J(1−J)/128) ≤ 0.045;
        // averaged over 8 independent seeds it is ≤ 0.016, so 0.05 is more than three standard errors.
        var union = RandomSet(99, 1000);
        var shared = (int)(jaccard * 1000);
        var onlyA = (1000 - shared) / 2;
        var a = union[..(shared + onlyA)];
        var b = union[..shared].Concat(union[(shared + onlyA)..]).ToArray();
        var mean = Enumerable.Range(1, 8).Select(seed =>
        {
            var hasher = new MinHasher(128, (ulong)seed);
            return MinHasher.EstimateJaccard(hasher.Compute(a), hasher.Compute(b));
        }).Average();
        mean.Should().BeApproximately(jaccard, 0.05);
    }

    [Fact]
    public void Permutation_parameters_come_from_the_seed_so_signatures_are_reproducible() =>
        new MinHasher(128, 5).Compute(RandomSet(1, 100)).Should().Equal(new MinHasher(128, 5).Compute(RandomSet(1, 100)))
            .And.NotEqual(new MinHasher(128, 6).Compute(RandomSet(1, 100)));

    [Fact]
    public void The_estimate_counts_every_equal_slot_whatever_the_signature_length()
    {
        var rng = new SplitMix64(21);
        for (var length = 1; length <= 70; length++)
        {
            // Slots drawn from four values, so that about a quarter are equal, in every lane and in the tail.
            var a = Enumerable.Range(0, length).Select(_ => (uint)rng.NextInt(4)).ToArray();
            var b = Enumerable.Range(0, length).Select(_ => (uint)rng.NextInt(4)).ToArray();
            var equal = a.Zip(b).Count(p => p.First == p.Second);
            MinHasher.EstimateJaccard(a, b).Should().Be((double)equal / length, $"length {length}");
        }
    }
}
