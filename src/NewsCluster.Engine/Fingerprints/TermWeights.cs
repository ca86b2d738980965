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
        // Every addition may append an entry: room for all of them, and a table that stays at most half full
        // however many are new, so the loop appends without a test and never grows the table.
        if (_entries.Length < Count + ids.Length) Array.Resize(ref _entries, Math.Max(Count + ids.Length, _entries.Length * 2));
        while (2 * (Count + ids.Length) > _slots.Length) Grow();
        var entries = _entries;
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
            // A new id or a known one is a coin toss for the branch predictor, so both take one branch-free path:
            // the slot is rewritten either way (the new weight, or the sum, chosen on the bits by a mask; the sum
            // with a stale slot's weight is thrown away), and the entry written always but only counted when new.
            var isNew = slot.Stamp != generation ? 1 : 0;
            var keepSum = (uint)isNew - 1;
            var sum = BitConverter.SingleToUInt32Bits(slot.Weight + weight);
            slot.Weight = BitConverter.UInt32BitsToSingle((sum & keepSum) | (BitConverter.SingleToUInt32Bits(weight) & ~keepSum));
            slot.Id = id;
            slot.Stamp = generation;
            entries[count] = i;
            count += isNew;
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
