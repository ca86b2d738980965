using System.Runtime.CompilerServices;

namespace NewsCluster.Engine.Fingerprints;

/// <summary>
/// Accumulated weight per term id for one article: an open-addressing table with linear probing. Term ids are
/// already well-mixed hashes (<see cref="Hashing.StableHash.Fold32"/>), so their low bits index the table directly.
/// Entries are also kept in insertion order for enumeration. Clearing is O(1) through a generation stamp.
/// </summary>
internal sealed class TermWeights
{
    /// <summary>One slot of the table: which id (when stamped with the current generation) and where its entry is.</summary>
    private struct Slot
    {
        public uint Id;
        public int Stamp;
        public int Entry;
    }

    // One array of slots rather than parallel arrays: a probe touches one cache line, not three.
    private Slot[] _slots = new Slot[2048];
    private uint[] _ids = new uint[1024];
    private float[] _weights = new float[1024];
    private int _generation = 1;

    /// <summary>Number of distinct ids.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every entry, keeping the storage.</summary>
    public void Clear()
    {
        Count = 0;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_slots);
            _generation = 1;
        }
    }

    /// <summary>The entry at <paramref name="index"/> in insertion order.</summary>
    public (uint Id, float Weight) At(int index) => (_ids[index], _weights[index]);

    /// <summary>Adds <paramref name="weight"/> to the id's total (starting from 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint id, float weight)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = (int)(id & (uint)mask);
        while (slots[i].Stamp == _generation)
        {
            if (slots[i].Id == id)
            {
                _weights[slots[i].Entry] += weight;
                return;
            }
            i = (i + 1) & mask;
        }
        Insert(i, id, weight);
    }

    private void Insert(int slot, uint id, float weight)
    {
        if (Count == _ids.Length)
        {
            Array.Resize(ref _ids, _ids.Length * 2);
            Array.Resize(ref _weights, _weights.Length * 2);
        }
        _slots[slot] = new Slot { Id = id, Stamp = _generation, Entry = Count };
        _ids[Count] = id;
        _weights[Count] = weight;
        Count++;
        if (Count * 2 > _slots.Length) Grow();
    }

    /// <summary>Doubles the table and re-inserts the live entries (at most half full, so probes stay short).</summary>
    private void Grow()
    {
        var size = _slots.Length * 2;
        _slots = new Slot[size];
        _generation = 1;
        var mask = size - 1;
        for (var e = 0; e < Count; e++)
        {
            var i = (int)(_ids[e] & (uint)mask);
            while (_slots[i].Stamp == _generation) i = (i + 1) & mask;
            _slots[i] = new Slot { Id = _ids[e], Stamp = _generation, Entry = e };
        }
    }
}
