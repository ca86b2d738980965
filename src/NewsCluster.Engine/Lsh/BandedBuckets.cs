namespace NewsCluster.Engine.Lsh;

/// <summary>
/// A read-only, batch form of banded LSH (MMDS §3.4.1) for items numbered 0..n−1: per band, the items grouped by
/// bucket key and ascending within a bucket, so a bucket is a contiguous run in which the members after an item are
/// exactly the later items sharing that bucket. Candidate pairs (i, j &gt; i) are then read without hashing or deduplicating sets, and
/// a bucket's size is known before it is read, which lets a caller skip buckets that only common-term collisions
/// make huge.
/// </summary>
/// <remarks>
/// Memory: four 32-bit integers per item and band (16·b bytes per item), in two flat arrays. Built once, then safe to
/// read from any number of threads. The result depends only on the keys, never on thread count.
/// </remarks>
public sealed class BandedBuckets
{
    // Band-major: band b's items occupy [b·n, (b+1)·n) of _order, bucket by bucket. Item-major: item i's place in
    // band b is _placement[i·bands + b], which carries its bucket's bounds too, so reading all of an item's buckets
    // walks one run of memory and touches _order only where a bucket has later members.
    private readonly int[] _order;
    private readonly Placement[] _placement;

    /// <summary>An item's position in its band's order and the bounds [Start, End) of its bucket there.</summary>
    private readonly record struct Placement(int Position, int Start, int End);

    /// <summary>Builds the buckets from one key per band for each item (<paramref name="keys"/>[item][band]).</summary>
    public BandedBuckets(IReadOnlyList<ulong[]> keys, int bands, ParallelOptions? parallel = null)
        : this(BandMajor(keys, bands), keys.Count, bands, parallel)
    {
    }

    /// <summary>
    /// Builds the buckets from band-major keys: band b's key of item i at <paramref name="keys"/>[b · items + i]
    /// (as <see cref="LshIndex.WriteBandKeys"/> writes them), so that each band is read as one contiguous run.
    /// </summary>
    public BandedBuckets(ulong[] keys, int items, int bands, ParallelOptions? parallel = null)
    {
        if (keys.LongLength != (long)items * bands) throw new ArgumentException("One key per item and band is needed.", nameof(keys));
        var n = items;
        Bands = bands;
        Count = n;
        // Every slot is written by Group, so the arrays need not be zeroed first.
        _order = GC.AllocateUninitializedArray<int>(checked(bands * n));
        _placement = GC.AllocateUninitializedArray<Placement>(checked(bands * n));
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
        public readonly int[] Cursor = new int[items];
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
    private void Group(ulong[] allKeys, int band, GroupScratch scratch)
    {
        var n = Count;
        var keys = allKeys.AsSpan(band * n, n);
        var bucketOf = scratch.BucketOf;
        var start = scratch.Start;
        var cursor = scratch.Cursor;
        var table = scratch.Table.AsSpan();
        table.Clear();
        var shift = 64 - System.Numerics.BitOperations.Log2((uint)table.Length);
        var mask = table.Length - 1;
        var buckets = 0;
        // start[b + 1] counts bucket b's items first, then becomes the prefix sum.
        for (var i = 0; i < n; i++)
        {
            var key = keys[i];
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
        for (var b = 0; b < buckets; b++)
        {
            start[b + 1] += start[b];
            cursor[b] = start[b];
        }
        var order = _order.AsSpan(band * n, n);
        for (var i = 0; i < n; i++)
        {
            // Items arrive in ascending order, so each bucket is ascending.
            var b = bucketOf[i];
            var p = cursor[b]++;
            order[p] = i;
            _placement[i * Bands + band] = new Placement(p, start[b], start[b + 1]);
        }
    }

    private static ulong[] BandMajor(IReadOnlyList<ulong[]> keys, int bands)
    {
        var n = keys.Count;
        var flat = new ulong[checked(n * bands)];
        for (var i = 0; i < n; i++)
            for (var band = 0; band < bands; band++) flat[band * n + i] = keys[i][band];
        return flat;
    }

    /// <summary>Number of bands.</summary>
    public int Bands { get; }

    /// <summary>Number of items.</summary>
    public int Count { get; }

    /// <summary>Size of the bucket <paramref name="item"/> falls into in band <paramref name="band"/>.</summary>
    public int BucketSize(int band, int item)
    {
        var place = _placement[item * Bands + band];
        return place.End - place.Start;
    }

    /// <summary>The items after <paramref name="item"/> (all greater than it) in its bucket of band <paramref name="band"/>, ascending.</summary>
    public ReadOnlySpan<int> Later(int band, int item) => Later(band, item, out _);

    /// <summary><see cref="Later(int, int)"/>, also giving the size of the whole bucket (one look-up for both).</summary>
    public ReadOnlySpan<int> Later(int band, int item, out int bucketSize)
    {
        var place = _placement[item * Bands + band];
        bucketSize = place.End - place.Start;
        return _order.AsSpan(band * Count + place.Position + 1, place.End - place.Position - 1);
    }

    /// <summary>Every item in the bucket of <paramref name="item"/> in band <paramref name="band"/> (itself included), ascending.</summary>
    public ReadOnlySpan<int> Bucket(int band, int item)
    {
        var place = _placement[item * Bands + band];
        return _order.AsSpan(band * Count + place.Start, place.End - place.Start);
    }
}
