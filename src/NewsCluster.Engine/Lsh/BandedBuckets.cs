namespace NewsCluster.Engine.Lsh;

/// <summary>
/// A read-only, batch form of banded LSH (MMDS §3.4.1) for items numbered 0..n−1: per band, the items sorted by
/// (bucket key, item), so a bucket is a contiguous run in which the members after an item are exactly the later
/// items sharing that bucket. Candidate pairs (i, j &gt; i) are then read without hashing or deduplicating sets, and
/// a bucket's size is known before it is read, which lets a caller skip buckets that only common-term collisions
/// make huge.
/// </summary>
/// <remarks>
/// Memory: three 32-bit integers per item and band (12·b bytes per item). Built once, then safe to read from any
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
        Parallel.For(0, bands, parallel ?? new ParallelOptions(), band =>
        {
            var entries = new Entry[n];
            for (var i = 0; i < n; i++) entries[i] = new Entry(keys[i][band], i);
            Array.Sort(entries);
            var order = new int[n];
            var position = new int[n];
            var runEnd = new int[n];
            var runStart = new int[n];
            var start = 0;
            for (var p = 0; p < n; p++)
            {
                order[p] = entries[p].Item;
                position[entries[p].Item] = p;
                if (p + 1 == n || entries[p + 1].Key != entries[p].Key)
                {
                    for (var q = start; q <= p; q++) { runEnd[q] = p + 1; runStart[q] = start; }
                    start = p + 1;
                }
            }
            _order[band] = order;
            _position[band] = position;
            _runEnd[band] = runEnd;
            _runStart[band] = runStart;
        });
    }

    /// <summary>A (bucket key, item) pair ordered by key, then item: an <see cref="IComparable{T}"/> struct, so the sort inlines the comparison.</summary>
    private readonly record struct Entry(ulong Key, int Item) : IComparable<Entry>
    {
        public int CompareTo(Entry other) => Key != other.Key ? Key.CompareTo(other.Key) : Item.CompareTo(other.Item);
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
