using System.Runtime.CompilerServices;

namespace NewsCluster.Engine.Fingerprints;

/// <summary>
/// Accumulated weight per term id for one article: an open-addressing table with linear probing. Term ids are
/// already well-mixed hashes (<see cref="Hashing.StableHash.Fold32"/>), so their low bits index the table directly.
/// Entries are also kept in insertion order for enumeration. Clearing is O(1) through a generation stamp.
/// </summary>
internal sealed class TermWeights
{
    private uint[] _keys = new uint[2048];
    private int[] _slotOf = new int[2048];
    private int[] _stamp = new int[2048];
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
            Array.Clear(_stamp);
            _generation = 1;
        }
    }

    /// <summary>The entry at <paramref name="index"/> in insertion order.</summary>
    public (uint Id, float Weight) At(int index) => (_ids[index], _weights[index]);

    /// <summary>Adds <paramref name="weight"/> to the id's total (starting from 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(uint id, float weight)
    {
        var mask = _keys.Length - 1;
        var i = (int)(id & (uint)mask);
        while (_stamp[i] == _generation)
        {
            if (_keys[i] == id)
            {
                _weights[_slotOf[i]] += weight;
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
        _keys[slot] = id;
        _stamp[slot] = _generation;
        _slotOf[slot] = Count;
        _ids[Count] = id;
        _weights[Count] = weight;
        Count++;
        if (Count * 2 > _keys.Length) Grow();
    }

    /// <summary>Doubles the table and re-inserts the live entries (at most half full, so probes stay short).</summary>
    private void Grow()
    {
        var size = _keys.Length * 2;
        _keys = new uint[size];
        _slotOf = new int[size];
        _stamp = new int[size];
        _generation = 1;
        var mask = size - 1;
        for (var e = 0; e < Count; e++)
        {
            var i = (int)(_ids[e] & (uint)mask);
            while (_stamp[i] == _generation) i = (i + 1) & mask;
            _keys[i] = _ids[e];
            _stamp[i] = _generation;
            _slotOf[i] = e;
        }
    }
}
