using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NewsCluster.Engine.Fingerprints;

/// <summary>
/// Accumulated weight per term id for one article: an open-addressing table with linear probing. Term ids are
/// already well-mixed hashes (<see cref="Hashing.StableHash.Fold32"/>), so their low bits index the table directly.
/// Each slot holds its id's weight; the slots in use are also listed in insertion order for enumeration. Clearing
/// is O(1) through a generation stamp.
/// </summary>
internal sealed class TermWeights
{
    /// <summary>One slot of the table: an id (when stamped with the current generation) and its weight so far.</summary>
    private struct Slot
    {
        public uint Id;
        public int Stamp;
        public float Weight;
    }

    // One array of slots rather than parallel arrays: a probe and the addition touch one cache line, not three.
    private Slot[] _slots = new Slot[1024];
    /// <summary>The slot of each entry, in insertion order.</summary>
    private int[] _entries = new int[512];
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
    public (uint Id, float Weight) At(int index)
    {
        var slot = _slots[_entries[index]];
        return (slot.Id, slot.Weight);
    }

    /// <summary>Adds <paramref name="weight"/> to the id's total (starting from 0).</summary>
    public void Add(uint id, float weight) => AddAll(new ReadOnlySpan<uint>(in id), new ReadOnlySpan<float>(in weight));

    /// <summary>
    /// <see cref="Add"/> for each pair of <paramref name="ids"/> and <paramref name="weights"/>, in order (the order of
    /// the float additions is part of the result). One loop with the table in locals: the caller gathers a
    /// paragraph's additions so that this loop, not the branchy token loop, holds the probing state in registers.
    /// </summary>
    public void AddAll(ReadOnlySpan<uint> ids, ReadOnlySpan<float> weights)
    {
        if (weights.Length != ids.Length) throw new ArgumentException("One weight per id.", nameof(weights));
        var slots = _slots;
        var mask = slots.Length - 1;
        var generation = _generation;
        var count = Count;
        for (var k = 0; k < ids.Length; k++)
        {
            var id = ids[k];
            var weight = weights[k];
            var i = (int)(id & (uint)mask);
            // i is always masked to the table (a power of two long), so the probe needs no bounds check.
            ref var slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), i);
            while (slot.Stamp == generation && slot.Id != id)
            {
                i = (i + 1) & mask;
                slot = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(slots), i);
            }
            if (slot.Stamp == generation)
            {
                slot.Weight += weight;
                continue;
            }
            slot = new Slot { Id = id, Stamp = generation, Weight = weight };
            if (count == _entries.Length) Array.Resize(ref _entries, count * 2);
            _entries[count++] = i;
            if (count * 2 > slots.Length)
            {
                Count = count;
                Grow();
                slots = _slots;
                mask = slots.Length - 1;
                generation = _generation;
            }
        }
        Count = count;
    }

    /// <summary>Doubles the table and re-inserts the live entries (at most half full, so probes stay short).</summary>
    private void Grow()
    {
        var old = _slots;
        var size = old.Length * 2;
        _slots = new Slot[size];
        _generation = 1;
        var mask = size - 1;
        for (var e = 0; e < Count; e++)
        {
            var entry = old[_entries[e]];
            var i = (int)(entry.Id & (uint)mask);
            while (_slots[i].Stamp == _generation) i = (i + 1) & mask;
            _slots[i] = new Slot { Id = entry.Id, Stamp = _generation, Weight = entry.Weight };
            _entries[e] = i;
        }
    }
}
