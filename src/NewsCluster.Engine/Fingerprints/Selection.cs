namespace NewsCluster.Engine.Fingerprints;

/// <summary>Partial ordering of distinct keys: the k smallest, without sorting the rest.</summary>
internal static class Selection
{
    /// <summary>
    /// Rearranges <paramref name="keys"/> so that its first <paramref name="k"/> elements are its k smallest (in no
    /// particular order). With distinct keys that set is unique, so the result does not depend on the pivots chosen.
    /// Quickselect (Hoare 1961) with a median-of-three pivot; small ranges finish with insertion sort.
    /// </summary>
    public static void SmallestFirst(Span<ulong> keys, int k)
    {
        if (k <= 0 || k >= keys.Length) return;
        int lo = 0, hi = keys.Length - 1;
        while (hi - lo > 16)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (keys[mid] < keys[lo]) Swap(keys, mid, lo);
            if (keys[hi] < keys[lo]) Swap(keys, hi, lo);
            if (keys[hi] < keys[mid]) Swap(keys, hi, mid);
            var pivot = keys[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (keys[i] < pivot) i++;
                while (keys[j] > pivot) j--;
                if (i <= j) { Swap(keys, i, j); i++; j--; }
            }
            // Now keys[lo..j] <= pivot <= keys[i..hi]; anything between equals the pivot and is in place.
            if (k - 1 <= j) hi = j;
            else if (k - 1 >= i) lo = i;
            else return;
        }
        keys[lo..(hi + 1)].Sort();
    }

    private static void Swap(Span<ulong> keys, int a, int b) => (keys[a], keys[b]) = (keys[b], keys[a]);
}
