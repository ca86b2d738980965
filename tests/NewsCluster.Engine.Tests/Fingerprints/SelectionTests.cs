using NewsCluster.Engine.Fingerprints;

namespace NewsCluster.Engine.Tests.Fingerprints;

public sealed class SelectionTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(10, 3)]
    [InlineData(17, 16)]
    [InlineData(500, 160)]
    [InlineData(500, 32)]
    [InlineData(1000, 999)]
    [InlineData(5, 10)]
    public void The_first_k_are_exactly_the_k_smallest_distinct_keys(int length, int k)
    {
        var random = new Random(length * 31 + k);
        for (var trial = 0; trial < 20; trial++)
        {
            var keys = new HashSet<ulong>();
            while (keys.Count < length) keys.Add(trial % 2 == 0 ? (ulong)random.NextInt64() : (ulong)random.Next(length * 3));
            var array = keys.ToArray();
            var expected = array.Order().Take(k).ToArray();
            Selection.SmallestFirst(array, k);
            array.Take(Math.Min(k, length)).Order().Should().Equal(expected);
            array.Order().Should().Equal(keys.Order(), "selection only permutes");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(160)]
    [InlineData(3000)]
    public void Sorting_hash_led_keys_sorts_like_Sort(int length)
    {
        var random = new Random(length);
        for (var trial = 0; trial < 10; trial++)
        {
            // Uniform hashes, and a skewed set where every key shares its top byte.
            var keys = Enumerable.Range(0, length).Select(_ => trial % 2 == 0 ? (ulong)random.NextInt64() : (ulong)random.Next(1000)).ToArray();
            var expected = keys.Order().ToArray();
            Selection.SortHashLed(keys);
            keys.Should().Equal(expected);
        }
    }
}
