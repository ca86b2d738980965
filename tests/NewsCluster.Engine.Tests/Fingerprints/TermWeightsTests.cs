using NewsCluster.Engine.Fingerprints;

namespace NewsCluster.Engine.Tests.Fingerprints;

public sealed class TermWeightsTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(400)]
    [InlineData(5000)]
    public void Totals_match_summing_in_order_and_entries_keep_insertion_order(int distinct)
    {
        var table = new TermWeights();
        var random = new Random(distinct);
        for (var article = 0; article < 3; article++)
        {
            // Colliding low bits (multiples of 4096) as well as spread ids, repeated in random order.
            var pool = Enumerable.Range(0, distinct).Select(i => i % 3 == 0 ? (uint)i * 4096 : (uint)random.Next()).Distinct().ToArray();
            var ids = Enumerable.Range(0, pool.Length * 3).Select(_ => pool[random.Next(pool.Length)]).ToArray();
            var weights = ids.Select(_ => random.Next(1, 20) / 4f).ToArray();
            var expected = new Dictionary<uint, float>();
            var order = new List<uint>();
            for (var i = 0; i < ids.Length; i++)
            {
                if (!expected.ContainsKey(ids[i])) order.Add(ids[i]);
                expected[ids[i]] = expected.GetValueOrDefault(ids[i]) + weights[i];
            }

            table.Clear();
            var half = ids.Length / 2;
            table.AddAll(ids.AsSpan(0, half), weights.AsSpan(0, half));
            for (var i = half; i < ids.Length; i++) table.Add(ids[i], weights[i]);

            table.Count.Should().Be(order.Count);
            for (var e = 0; e < order.Count; e++) table.At(e).Should().Be((order[e], expected[order[e]]));
        }
    }
}
