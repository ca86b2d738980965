namespace NewsCluster.Engine.Lsh;

/// <summary>
/// A read-only, batch form of banded LSH (MMDS §3.4.1) for items numbered 0..n−1: per band, the items grouped by
/// bucket key and ascending within a bucket, so a bucket is a contiguous run in which the members after an item are
/// exactly the later items sharing that bucket. Candidate pairs (i, j &gt; i) are then read without hashing or deduplicating sets, and
/// a bucket's size is known before it is read, which lets a caller skip buckets that only common-term collisions
/// make huge.
/// </summary>
/// <remarks>
/// Memory: four 32-bit integers per item and band (16·b bytes per item), in three flat arrays. Built once, then safe to read from any
/// number of threads. The result depends only on the keys, never on thread count.
/// </remarks>
public sealed class BandedBuckets
{
    // Band-major: band b's items occupy [b·n, (b+1)·n) of _order and _runs; item-major: item i's positions in its
    // bands are _position[i·bands .. i·bands + bands), so reading an item's buckets touches one run of memory.
    private readonly int[] _order;
    private readonly int[] _position;
    private readonly (int Start, int End)[] _runs;

    /// <summary>Builds the buckets from one key per band for each item (<paramref name="keys"/>[item][band]).</summary>
    public BandedBuckets(IReadOnlyList<ulong[]> keys, int bands, ParallelOptions? parallel = null)
    {
        var n = keys.Count;
        Bands = bands;
        Count = n;
        // Every slot is written by Group, so the arrays need not be zeroed first.
        _order = GC.AllocateUninitializedArray<int>(checked(bands * n));
        _position = GC.AllocateUninitializedArray<int>(checked(bands * n));
        _runs = GC.AllocateUninitializedArray<(int, int)>(checked(bands * n));
        Parallel.For(0, bands, parallel ?? new ParallelOptions(), () => new GroupScratch(n), (band, _, scratch) =>
        {
            Group(keys, band, scratch);
            return scratch;
        }, _ => { });
    }

    /// <summary>One worker's reusable arrays for <see cref="Group"/>.</summary>
    private sealed class GroupScratch(int items)
    {
        public readonly int[] BucketOf = new int[items];
        public readonly int[] Start = new int[items + 1];
        public readonly (ulong Key, int Bucket)[] Table = new (ulong, int)[TableSize(items)];

        /// <summary>At most half full.</summary>
        public static int TableSize(int items)
        {
            var size = 16;
            while (size < 2 * items) size <<= 1;
            return size;
        }
    }

    /// <summary>
    /// Lays out one band: buckets numbered in order of first sight through a hash table of their keys, then items
    /// placed bucket by bucket in ascending order (a counting sort by bucket, which keeps item order within each).
    /// Linear in the item count; which bucket comes first is irrelevant to every reader.
    /// </summary>
    private void Group(IReadOnlyList<ulong[]> keys, int band, GroupScratch scratch)
    {
        var n = keys.Count;
        var bucketOf = scratch.BucketOf;
        var start = scratch.Start;
        var table = scratch.Table.AsSpan();
        table.Clear();
        var shift = 64 - System.Numerics.BitOperations.Log2((uint)table.Length);
        var mask = table.Length - 1;
        var buckets = 0;
        // start[b + 1] counts bucket b's items first, then becomes the prefix sum.
        for (var i = 0; i < n; i++)
        {
            var key = keys[i][band];
            // Keys are already uniform hashes; the Fibonacci multiply only guards against weak low bits.
            var slot = (int)((key * 0x9E3779B97F4A7C15UL) >> shift);
            while (true)
            {
                ref var entry = ref table[slot];
                if (entry.Bucket == 0)
                {
                    entry = (key, ++buckets);
                    bucketOf[i] = buckets - 1;
                    start[buckets] = 1;
                    break;
                }
                if (entry.Key == key)
                {
                    bucketOf[i] = entry.Bucket - 1;
                    start[entry.Bucket]++;
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        start[0] = 0;
        for (var b = 0; b < buckets; b++) start[b + 1] += start[b];
        var offset = band * n;
        var order = _order.AsSpan(offset, n);
        var runs = _runs.AsSpan(offset, n);
        for (var i = 0; i < n; i++)
        {
            // start[b] is the cursor of bucket b; items arrive in ascending order, so each bucket is ascending.
            var p = start[bucketOf[i]]++;
            order[p] = i;
            _position[i * Bands + band] = p;
        }
        // After the pass start[b] is bucket b's end, and bucket b began where bucket b − 1 ended.
        for (var b = 0; b < buckets; b++)
        {
            var from = b == 0 ? 0 : start[b - 1];
            for (var p = from; p < start[b]; p++) runs[p] = (from, start[b]);
        }
    }

    /// <summary>Number of bands.</summary>
    public int Bands { get; }

    /// <summary>Number of items.</summary>
    public int Count { get; }

    /// <summary>Size of the bucket <paramref name="item"/> falls into in band <paramref name="band"/>.</summary>
    public int BucketSize(int band, int item)
    {
        var run = _runs[band * Count + _position[item * Bands + band]];
        return run.End - run.Start;
    }

    /// <summary>The items after <paramref name="item"/> (all greater than it) in its bucket of band <paramref name="band"/>, ascending.</summary>
    public ReadOnlySpan<int> Later(int band, int item) => Later(band, item, out _);

    /// <summary><see cref="Later(int, int)"/>, also giving the size of the whole bucket (one look-up for both).</summary>
    public ReadOnlySpan<int> Later(int band, int item, out int bucketSize)
    {
        var offset = band * Count;
        var p = _position[item * Bands + band];
        var run = _runs[offset + p];
        bucketSize = run.End - run.Start;
        return _order.AsSpan(offset + p + 1, run.End - p - 1);
    }

    /// <summary>Every item in the bucket of <paramref name="item"/> in band <paramref name="band"/> (itself included), ascending.</summary>
    public ReadOnlySpan<int> Bucket(int band, int item)
    {
        var offset = band * Count;
        var run = _runs[offset + _position[item * Bands + band]];
        return _order.AsSpan(offset + run.Start, run.End - run.Start);
    }
}
