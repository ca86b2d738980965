using NewsCluster.Engine.Lsh;

namespace NewsCluster.Engine.Tests.Lsh;

public sealed class LshBucketLimitTests
{
    private static readonly LshParameters TwoBandsOfTwo = new(2, 2);

    [Fact]
    public void A_query_passes_over_buckets_larger_than_the_limit_but_reads_the_smaller_ones()
    {
        var index = new LshIndex(TwoBandsOfTwo);
        // Items 1-5 share band 0 (slots 7,7); only item 9 shares band 1 (slots 3,4) with the query.
        for (var id = 1; id <= 5; id++) index.Insert(id, [7, 7, (uint)(100 + id), (uint)(200 + id)]);
        index.Insert(9, [50, 50, 3, 4]);
        uint[] query = [7, 7, 3, 4];

        var unlimited = new HashSet<long>();
        index.Query(query, unlimited);
        var limited = new HashSet<long>();
        index.Query(query, limited, maxBucket: 4);

        unlimited.Should().BeEquivalentTo([1L, 2, 3, 4, 5, 9]);
        limited.Should().BeEquivalentTo([9L]);
    }

    [Fact]
    public void Bucket_sizes_follow_inserts_and_removals()
    {
        var index = new LshIndex(TwoBandsOfTwo);
        uint[] shared = [1, 2, 3, 4];
        index.Insert(1, shared);
        index.Insert(2, shared);
        var key = index.BandKey(shared, 0);

        index.BucketSize(key).Should().Be(2);
        index.Remove(1).Should().BeTrue();
        index.BucketSize(key).Should().Be(1);
        index.Remove(2).Should().BeTrue();
        index.BucketSize(key).Should().Be(0);

        var found = new HashSet<long>();
        index.Query(shared, found, maxBucket: 1);
        found.Should().BeEmpty();
    }
}
