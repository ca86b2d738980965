namespace NewsCluster.Engine.Lsh;

/// <summary>
/// A read-only, batch form of banded LSH (MMDS §3.4.1) for items numbered 0..n−1: per band, the items grouped by
/// bucket key and ascending within a bucket, so a bucket is a contiguous run in which the members after an item are
/// exactly the later items sharing that bucket. Candidate pairs (i, j &gt; i) are then read without hashing or deduplicating sets, and
/// a bucket's size is known before it is read, which lets a caller skip buckets that only common-term collisions
/// make huge.
/// </summary>
/// <remarks>
/// Memory: four 32-bit integers per item and band (16·b bytes per item). Built once, then safe to read from any
/// number of threads. The result depends only on the keys, never on thread count.
/// </remarks>
public sealed class BandedBuckets
{
    private readonly int[][] _order;
    private readonly int[][] _position;
    private readonly int[][] _runEnd;
    private readonly int[][] _runStart;

    /// <summary>Builds the buckets from one key per band for each item (<paramref name="keys"/>[item][band]).</summary>
    public BandedBuckets(IReadOnlyList<ulong[]> keys, int bands, ParallelOptions? parallel = null)
    {
        var n = keys.Count;
        Bands = bands;
        Count = n;
        _order = new int[bands][];
        _position = new int[bands][];
        _runEnd = new int[bands][];
        _runStart = new int[bands][];
        Parallel.For(0, bands, parallel ?? new ParallelOptions(), band => Group(keys, band));
    }

    /// <summary>
    /// Lays out one band: buckets numbered in order of first sight through a hash table of their keys, then items
    /// placed bucket by bucket in ascending order (a counting sort by bucket, which keeps item order within each).
    /// Linear in the item count; which bucket comes first is irrelevant to every reader.
    /// </summary>
    private void Group(IReadOnlyList<ulong[]> keys, int band)
    {
        var n = keys.Count;
        var bucketOf = new int[n];
        var size = new int[n];
        var buckets = 0;
        var bits = 4;
        while (1 << bits < 2 * n) bits++;
        var table = new (ulong Key, int Bucket)[1 << bits];
        var mask = table.Length - 1;
        for (var i = 0; i < n; i++)
        {
            var key = keys[i][band];
            // Keys are already uniform hashes; the Fibonacci multiply only guards against weak low bits.
            var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> (64 - bits));
            while (true)
            {
                ref var entry = ref table[slot];
                if (entry.Bucket == 0)
                {
                    entry = (key, ++buckets);
                    bucketOf[i] = buckets - 1;
                    size[buckets - 1] = 1;
                    break;
                }
                if (entry.Key == key)
                {
                    bucketOf[i] = entry.Bucket - 1;
                    size[entry.Bucket - 1]++;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        var start = new int[buckets + 1];
        for (var b = 0; b < buckets; b++) start[b + 1] = start[b] + size[b];
        var fill = start.AsSpan(0, buckets).ToArray();
        var order = new int[n];
        var position = new int[n];
        var runEnd = new int[n];
        var runStart = new int[n];
        for (var i = 0; i < n; i++)
        {
            var b = bucketOf[i];
            var p = fill[b]++;
            order[p] = i;
            position[i] = p;
            runStart[p] = start[b];
            runEnd[p] = start[b + 1];
        }
        _order[band] = order;
        _position[band] = position;
        _runEnd[band] = runEnd;
        _runStart[band] = runStart;
    }

    /// <summary>Number of bands.</summary>
    public int Bands { get; }

    /// <summary>Number of items.</summary>
    public int Count { get; }

    /// <summary>Size of the bucket <paramref name="item"/> falls into in band <paramref name="band"/>.</summary>
    public int BucketSize(int band, int item)
    {
        var p = _position[band][item];
        return _runEnd[band][p] - _runStart[band][p];
    }

    /// <summary>The items after <paramref name="item"/> (all greater than it) in its bucket of band <paramref name="band"/>, ascending.</summary>
    public ReadOnlySpan<int> Later(int band, int item)
    {
        var p = _position[band][item];
        return _order[band].AsSpan(p + 1, _runEnd[band][p] - p - 1);
    }

    /// <summary>Every item in the bucket of <paramref name="item"/> in band <paramref name="band"/> (itself included), ascending.</summary>
    public ReadOnlySpan<int> Bucket(int band, int item)
    {
        var p = _position[band][item];
        var s = _runStart[band][p];
        return _order[band].AsSpan(s, _runEnd[band][p] - s);
    }
}
