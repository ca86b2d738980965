using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NewsCluster.Engine.Fingerprints;

/// <summary>Partial ordering of distinct keys: the k smallest, without sorting the rest; and sorting keys that lead with a hash.</summary>
internal static class Selection
{
    /// <summary>Ranges this short finish with a plain sort.</summary>
    private const int SmallRange = 16;

    /// <summary>
    /// Rearranges <paramref name="keys"/> so that its first <paramref name="k"/> elements are its k smallest (in no
    /// particular order). With distinct keys that set is unique, so the result does not depend on the pivots chosen.
    /// Quickselect (Hoare 1961) with a median-of-three pivot and a branch-free Lomuto partition: the comparisons are
    /// unpredictable, so moving every element unconditionally costs less than mispredicted branches.
    /// </summary>
    public static void SmallestFirst(Span<ulong> keys, int k)
    {
        if (k <= 0 || k >= keys.Length) return;
        ref var first = ref MemoryMarshal.GetReference(keys);
        int lo = 0, hi = keys.Length - 1; // inclusive
        while (hi - lo > SmallRange)
        {
            // Median of three moved to keys[hi] as the pivot.
            var mid = lo + ((hi - lo) >> 1);
            if (keys[mid] < keys[lo]) Swap(keys, mid, lo);
            if (keys[hi] < keys[lo]) Swap(keys, hi, lo);
            if (keys[mid] < keys[hi]) Swap(keys, hi, mid);
            var pivot = keys[hi];
            var store = lo;
            for (var i = lo; i < hi; i++)
            {
                // Bounds: lo <= store <= i < hi < keys.Length.
                var x = Unsafe.Add(ref first, i);
                Unsafe.Add(ref first, i) = Unsafe.Add(ref first, store);
                Unsafe.Add(ref first, store) = x;
                store += x < pivot ? 1 : 0;
            }
            Swap(keys, store, hi);
            // Now keys[lo..store) < pivot = keys[store] < keys(store..hi].
            if (k < store) hi = store - 1;
            else if (k > store + 1) lo = store + 1;
            else return;
        }
        keys[lo..(hi + 1)].Sort();
    }

    /// <summary>
    /// Sorts keys whose high bits are a hash (uniformly spread): a counting pass on the top 8 bits leaves each key
    /// near its place, and an insertion sort finishes with few moves and predictable branches. Same result as
    /// <see cref="MemoryExtensions.Sort{T}(Span{T})"/>, much faster for the few hundred keys of one article.
    /// </summary>
    public static void SortHashLed(Span<ulong> keys)
    {
        if (keys.Length > MaxCountingSort)
        {
            keys.Sort();
            return;
        }
        Span<int> starts = stackalloc int[257];
        starts.Clear();
        foreach (var key in keys) starts[(int)(key >> 56) + 1]++;
        for (var b = 1; b < starts.Length; b++) starts[b] += starts[b - 1];
        Span<ulong> scattered = stackalloc ulong[keys.Length];
        foreach (var key in keys) scattered[starts[(int)(key >> 56)]++] = key;
        for (var i = 0; i < scattered.Length; i++)
        {
            var key = scattered[i];
            var j = i;
            for (; j > 0 && keys[j - 1] > key; j--) keys[j] = keys[j - 1];
            keys[j] = key;
        }
    }

    /// <summary>Above this many keys <see cref="SortHashLed"/> just sorts (its scratch lives on the stack).</summary>
    private const int MaxCountingSort = 2048;

    private static void Swap(Span<ulong> keys, int a, int b) => (keys[a], keys[b]) = (keys[b], keys[a]);
}
