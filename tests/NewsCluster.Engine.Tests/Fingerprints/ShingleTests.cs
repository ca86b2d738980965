using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.Hashing;

namespace NewsCluster.Engine.Tests.Fingerprints;

public sealed class ShingleTests
{
    [Fact]
    public void Shingles_are_the_folded_combined_hashes_of_each_window_for_every_length()
    {
        var random = new Random(5);
        for (var n = 1; n <= 6; n++)
        for (var length = 0; length <= 40; length++)
        {
            var words = Enumerable.Range(0, length).Select(_ => (ulong)random.NextInt64()).ToArray();
            uint[] expected = length == 0 ? []
                : length < n ? [StableHash.Fold32(StableHash.Combine(words))]
                : Enumerable.Range(0, length - n + 1).Select(i => StableHash.Fold32(StableHash.Combine(words.AsSpan(i, n)))).ToArray();
            FingerprintBuilder.Shingle(words, n).Should().Equal(expected, $"n = {n}, {length} words");
        }
    }
}
