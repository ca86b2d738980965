using NewsCluster.Engine.Hashing;

namespace NewsCluster.Engine.Lsh;

/// <summary>
/// A banded LSH index over MinHash signatures (MMDS §3.4.1): each band of r slots is hashed to a bucket key and an
/// item is stored once per band; a query returns every item sharing at least one bucket. Supports insert, query
/// and delete, so it can follow a live corpus.
/// </summary>
/// <remarks>
/// <para>Storage: one hash map from a 64-bit band key (the band number is mixed in, so bands never collide with
/// each other) to the head of a singly linked posting list kept in two flat arrays, plus the band keys of each item
/// for deletion. That is about b × (8 + 12) bytes per item plus one map entry per distinct key (about 24 bytes):
/// roughly 2.5 KB per item at b = 64 and 0.4 KB at b = 9.</para>
/// <para>Not thread-safe: callers serialise writes and do not read during a write.</para>
/// </remarks>
public sealed class LshIndex
{
    // Bucket key -> first posting and the bucket's size (kept beside the head so sizes cost no second map).
    private readonly Dictionary<ulong, Bucket> _heads = new();
    // Band keys per item, so that Remove(id) can find its buckets; null when the owner removes by signature instead.
    private readonly Dictionary<long, ulong[]>? _keysById;
    // The items, when keys are not kept.
    private readonly HashSet<long>? _items;
    private long[] _ids = new long[1024];
    private int[] _next = new int[1024];
    private int _count;
    private int _free = -1;
    // Each band's key starts from its own hash of the band number, so bands never collide with each other.
    private readonly ulong[] _bandStarts;

    /// <summary>Creates an empty index for signatures of at least <c>Bands × Rows</c> slots.</summary>
    public LshIndex(LshParameters parameters) : this(parameters, keepKeys: true)
    {
    }

    /// <summary>
    /// Creates an empty index; with <paramref name="keepKeys"/> false it does not keep each item's band keys (8 bytes
    /// per band and item, plus an array), and items are removed with <see cref="Remove(long, ReadOnlySpan{uint})"/>,
    /// given the signature they were inserted with, which recomputes the keys. For owners that keep the signatures anyway.
    /// </summary>
    public LshIndex(LshParameters parameters, bool keepKeys)
    {
        Parameters = parameters;
        _bandStarts = new ulong[parameters.Bands];
        for (var band = 0; band < _bandStarts.Length; band++) _bandStarts[band] = StableHash.Mix64((ulong)band * StableHash.GoldenGamma + 0x5bd1e995UL);
        if (keepKeys) _keysById = new(); else _items = new();
    }

    /// <summary>The banding in use.</summary>
    public LshParameters Parameters { get; }

    /// <summary>Number of items stored.</summary>
    public int Count => _keysById?.Count ?? _items!.Count;

    /// <summary>Whether <paramref name="id"/> is stored.</summary>
    public bool Contains(long id) => _keysById?.ContainsKey(id) ?? _items!.Contains(id);

    /// <summary>The bucket key of band <paramref name="band"/>: a stable hash of its r slots and the band number.</summary>
    public ulong BandKey(ReadOnlySpan<uint> signature, int band)
    {
        var rows = Parameters.Rows;
        var h = _bandStarts[band];
        var slots = signature.Slice(band * rows, rows);
        foreach (var v in slots) h = StableHash.Mix64(h ^ v) + StableHash.GoldenGamma;
        return h;
    }

    /// <summary>The bucket keys of all bands of a signature (thread-safe: it reads only the parameters).</summary>
    public ulong[] BandKeys(ReadOnlySpan<uint> signature)
    {
        if (signature.Length < Parameters.Bands * Parameters.Rows)
            throw new ArgumentException("Signature is shorter than bands × rows.", nameof(signature));
        var keys = new ulong[Parameters.Bands];
        for (var band = 0; band < keys.Length; band++) keys[band] = BandKey(signature, band);
        return keys;
    }

    /// <summary>
    /// Writes the bucket keys of all bands of item <paramref name="item"/>'s signature band-major, band b's key to
    /// <paramref name="keys"/>[b · <paramref name="items"/> + <paramref name="item"/>]: the layout <see cref="BandedBuckets"/>
    /// reads a band from in one sweep (thread-safe: it reads only the parameters).
    /// </summary>
    public void WriteBandKeys(ReadOnlySpan<uint> signature, ulong[] keys, int item, int items)
    {
        if (signature.Length < Parameters.Bands * Parameters.Rows)
            throw new ArgumentException("Signature is shorter than bands × rows.", nameof(signature));
        for (var band = 0; band < Parameters.Bands; band++) keys[(long)band * items + item] = BandKey(signature, band);
    }

    /// <summary>Inserts an item; an id already present is replaced.</summary>
    public void Insert(long id, ReadOnlySpan<uint> signature) => Insert(id, BandKeys(signature));

    /// <summary>Inserts an item by its precomputed <see cref="BandKeys"/>; an id already present is replaced.</summary>
    public void Insert(long id, ulong[] keys)
    {
        if (keys.Length != Parameters.Bands) throw new ArgumentException("One key per band is needed.", nameof(keys));
        if (_keysById is null)
        {
            if (!_items!.Add(id)) throw new InvalidOperationException($"Item {id} is already stored: remove it with its signature first.");
        }
        else if (_keysById.ContainsKey(id)) Remove(id);
        foreach (var key in keys)
        {
            var slot = Allocate();
            _ids[slot] = id;
            ref var bucket = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_heads, key, out var found);
            _next[slot] = found ? bucket.Head : -1;
            bucket = new Bucket(slot, found ? bucket.Size + 1 : 1);
        }
        if (_keysById is not null) _keysById[id] = keys;
    }

    /// <summary>Makes room for <paramref name="items"/> items in all (before a bulk load), so the maps and posting arrays do not grow step by step.</summary>
    public void EnsureCapacity(int items)
    {
        _keysById?.EnsureCapacity(items);
        _items?.EnsureCapacity(items);
        var postings = (long)items * Parameters.Bands;
        if (postings > _ids.Length && postings <= Array.MaxLength)
        {
            Array.Resize(ref _ids, (int)postings);
            Array.Resize(ref _next, (int)postings);
        }
    }

    /// <summary>Removes an item; returns false when it was not stored.</summary>
    public bool Remove(long id)
    {
        if (_keysById is null) throw new InvalidOperationException("This index keeps no band keys: remove items with their signature.");
        if (!_keysById.Remove(id, out var keys)) return false;
        RemovePostings(id, keys);
        return true;
    }

    /// <summary>Removes an item inserted with <paramref name="signature"/>; returns false when it was not stored.</summary>
    public bool Remove(long id, ReadOnlySpan<uint> signature)
    {
        if (_keysById is not null) return Remove(id);
        if (!_items!.Remove(id)) return false;
        RemovePostings(id, BandKeys(signature));
        return true;
    }

    private void RemovePostings(long id, ulong[] keys)
    {
        foreach (var key in keys)
        {
            if (!_heads.TryGetValue(key, out var bucket)) continue;
            var slot = bucket.Head;
            var previous = -1;
            while (slot >= 0 && _ids[slot] != id)
            {
                previous = slot;
                slot = _next[slot];
            }
            if (slot < 0) continue;
            if (bucket.Size == 1) _heads.Remove(key);
            else _heads[key] = new Bucket(previous < 0 ? _next[slot] : bucket.Head, bucket.Size - 1);
            if (previous >= 0) _next[previous] = _next[slot];
            _next[slot] = _free;
            _free = slot;
        }
    }

    /// <summary>
    /// Adds to <paramref name="into"/> every stored id sharing a bucket with <paramref name="signature"/>, passing over
    /// buckets holding more than <paramref name="maxBucket"/> items: such buckets come from terms so common that
    /// their members are rarely the same story, and reading them costs more than everything else together.
    /// </summary>
    public void Query(ReadOnlySpan<uint> signature, HashSet<long> into, int maxBucket = int.MaxValue)
    {
        for (var band = 0; band < Parameters.Bands; band++)
        {
            var key = BandKey(signature, band);
            if (!_heads.TryGetValue(key, out var bucket) || bucket.Size > maxBucket) continue;
            for (var slot = bucket.Head; slot >= 0; slot = _next[slot]) into.Add(_ids[slot]);
        }
    }

    /// <summary>How many items share the bucket <paramref name="key"/>.</summary>
    public int BucketSize(ulong key) => _heads.TryGetValue(key, out var bucket) ? bucket.Size : 0;

    /// <summary>
    /// Adds to <paramref name="into"/> every stored id greater than <paramref name="after"/> sharing a bucket with
    /// the given band keys. Safe to call from several threads while nobody writes.
    /// </summary>
    public void Query(ReadOnlySpan<ulong> keys, HashSet<long> into, long after = long.MinValue)
    {
        foreach (var key in keys)
        {
            if (!_heads.TryGetValue(key, out var bucket)) continue;
            for (var slot = bucket.Head; slot >= 0; slot = _next[slot])
            {
                var id = _ids[slot];
                if (id > after) into.Add(id);
            }
        }
    }

    /// <summary>The ids sharing a bucket with <paramref name="signature"/>, ascending.</summary>
    public IReadOnlyList<long> Query(ReadOnlySpan<uint> signature)
    {
        var set = new HashSet<long>();
        Query(signature, set);
        var list = set.ToList();
        list.Sort();
        return list;
    }

    private int Allocate()
    {
        if (_free >= 0)
        {
            var slot = _free;
            _free = _next[slot];
            return slot;
        }
        if (_count == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
            Array.Resize(ref _next, _next.Length * 2);
        }
        return _count++;
    }

    private readonly record struct Bucket(int Head, int Size);
}
