namespace NewsCluster.Engine.Clustering;

/// <summary>A sparse vector over term ids (ascending), usually L2-normalised TF-IDF weights.</summary>
public sealed class WeightedVector(uint[] ids, float[] values)
{
    /// <summary>Term ids, ascending.</summary>
    public uint[] Ids { get; } = ids;

    /// <summary>Weights parallel to <see cref="Ids"/>.</summary>
    public float[] Values { get; } = values;

    /// <summary>The dot product (cosine similarity for unit vectors), by merging the two sorted id lists.</summary>
    public double Dot(WeightedVector other) => SparseDot.Merge<float, float>(Ids, Values, other.Ids, other.Values);
}

/// <summary>Dot products of sparse vectors given as ascending ids with parallel weights.</summary>
internal static class SparseDot
{
    /// <summary>
    /// Σ a·b over the ids both lists hold, by merging them: matches are visited in ascending id order and every
    /// product is taken in double precision, so float and double weights give the same bits whichever type holds them.
    /// </summary>
    public static double Merge<TA, TB>(ReadOnlySpan<uint> ai, ReadOnlySpan<TA> av, ReadOnlySpan<uint> bi, ReadOnlySpan<TB> bv)
        where TA : struct, System.Numerics.INumberBase<TA>
        where TB : struct, System.Numerics.INumberBase<TB>
    {
        int i = 0, j = 0;
        double sum = 0;
        while (i < ai.Length && j < bi.Length)
        {
            var x = ai[i];
            var y = bi[j];
            if (x == y) { sum += double.CreateTruncating(av[i]) * double.CreateTruncating(bv[j]); i++; j++; }
            else if (x < y) i++;
            else j++;
        }
        return sum;
    }
}

/// <summary>
/// The sum of the unit vectors of a cluster's members. Average linkage of cosine similarity needs nothing more:
/// mean over members m of cos(v, m) = v · (Σ m) / n, and the mean over all cross pairs of two clusters is
/// (Σ a) · (Σ b) / (n_a · n_b) (the group-average / UPGMA criterion).
/// </summary>
internal sealed class TermSum
{
    // Sorted term ids and their sums in [0, _count); capacity beyond it lets a member join without reallocating.
    private uint[] _ids = [];
    private double[] _values = [];
    private int _count;

    public int Members { get; private set; }

    public double Dot(WeightedVector v)
    {
        ReadOnlySpan<uint> ai = _ids.AsSpan(0, _count), bi = v.Ids;
        ReadOnlySpan<double> av = _values.AsSpan(0, _count);
        ReadOnlySpan<float> bv = v.Values;
        return ai.Length > 8 * bi.Length ? DotGalloping(ai, av, bi, bv) : SparseDot.Merge(ai, av, bi, bv);
    }

    /// <summary>
    /// The dot product when the sum has many more terms than the vector (a large cluster): each term of the vector is
    /// looked for by exponential then binary search from the previous match. Matches are visited in ascending id
    /// order, as by the merge, so the result is bit-identical.
    /// </summary>
    private static double DotGalloping(ReadOnlySpan<uint> ai, ReadOnlySpan<double> av, ReadOnlySpan<uint> bi, ReadOnlySpan<float> bv)
    {
        var lo = 0;
        double sum = 0;
        for (var j = 0; j < bi.Length && lo < ai.Length; j++)
        {
            var y = bi[j];
            if (ai[lo] > y) continue;
            var step = 1;
            var hi = lo + 1;
            while (hi < ai.Length && ai[hi] <= y)
            {
                lo = hi;
                step <<= 1;
                hi = lo + step;
            }
            if (hi > ai.Length) hi = ai.Length;
            // ai[lo] <= y < ai[hi] (or hi = end): binary search in [lo, hi).
            while (hi - lo > 1)
            {
                var mid = (lo + hi) >>> 1;
                if (ai[mid] <= y) lo = mid; else hi = mid;
            }
            if (ai[lo] == y)
            {
                sum += av[lo] * bv[j];
                lo++;
            }
        }
        return sum;
    }

    public double Dot(TermSum other) =>
        SparseDot.Merge<double, double>(_ids.AsSpan(0, _count), _values.AsSpan(0, _count), other._ids.AsSpan(0, other._count), other._values.AsSpan(0, other._count));

    /// <summary>Average linkage of <paramref name="v"/> to this cluster: v · Σ / n.</summary>
    public double MeanSimilarity(WeightedVector v) => Members == 0 ? 0 : Dot(v) / Members;

    /// <summary>Average linkage of <paramref name="v"/>, a member, to the other members: (v · Σ − v · v) / (n − 1).</summary>
    public double MeanSimilarityExcluding(WeightedVector v) => Members <= 1 ? 0 : (Dot(v) - v.Dot(v)) / (Members - 1);

    public void Add(WeightedVector v, int sign = 1)
    {
        if (sign > 0)
        {
            AddOne(v);
            return;
        }
        var ids = new uint[_count + v.Ids.Length];
        var values = new double[ids.Length];
        int i = 0, j = 0, k = 0;
        while (i < _count || j < v.Ids.Length)
        {
            if (j >= v.Ids.Length || (i < _count && _ids[i] < v.Ids[j])) { ids[k] = _ids[i]; values[k++] = _values[i++]; }
            else if (i >= _count || v.Ids[j] < _ids[i]) { ids[k] = v.Ids[j]; values[k++] = sign * (double)v.Values[j++]; }
            else
            {
                var s = _values[i] + sign * (double)v.Values[j];
                if (sign > 0 || Math.Abs(s) > 1e-9) { ids[k] = _ids[i]; values[k++] = s; }
                i++; j++;
            }
        }
        Replace(ids, values, k);
        Members += sign;
        if (Members == 0) Replace([], [], 0);
    }

    /// <summary>
    /// Adds one member with the same sums as the general merge: counts the terms the sum lacks first, then updates the
    /// values in place when there are none (the usual case for a rewrite joining its story), merges backwards in place
    /// when the arrays have room, or else into arrays grown by half again, so a growing cluster reallocates rarely.
    /// </summary>
    private void AddOne(WeightedVector v)
    {
        var ai = _ids;
        var av = _values;
        uint[] bi = v.Ids;
        float[] bv = v.Values;
        int i = 0, j = 0, fresh = 0;
        while (j < bi.Length)
        {
            if (i >= _count) { fresh += bi.Length - j; break; }
            var x = ai[i];
            var y = bi[j];
            if (x == y) { i++; j++; }
            else if (x < y) i++;
            else { fresh++; j++; }
        }
        if (fresh == 0)
        {
            i = 0;
            for (j = 0; j < bi.Length; j++)
            {
                while (ai[i] < bi[j]) i++;
                av[i] += bv[j];
                i++;
            }
        }
        else
        {
            var size = _count + fresh;
            if (size > ai.Length)
            {
                var capacity = Math.Max(size, _count + _count / 2);
                Array.Resize(ref _ids, capacity);
                Array.Resize(ref _values, capacity);
                ai = _ids;
                av = _values;
            }
            // Backwards from the ends, so no entry is overwritten before it is read.
            i = _count - 1;
            j = bi.Length - 1;
            for (var k = size - 1; j >= 0; k--)
            {
                if (i >= 0 && ai[i] > bi[j]) { ai[k] = ai[i]; av[k] = av[i--]; }
                else if (i >= 0 && ai[i] == bi[j]) { ai[k] = ai[i]; av[k] = av[i--] + bv[j--]; }
                else { ai[k] = bi[j]; av[k] = bv[j--]; }
            }
            _count = size;
        }
        Members++;
    }

    /// <summary>
    /// Adds several vectors at once, with exactly the sums (bit for bit) that adding them one by one in the given
    /// order with <see cref="Add(WeightedVector, int)"/> produces: each term's total starts from the current value and
    /// takes the members' weights in order. One sort instead of one merge and two allocations per member.
    /// </summary>
    public void AddAll(IReadOnlyList<WeightedVector> vectors)
    {
        if (vectors.Count == 0) return;
        var total = 0;
        foreach (var v in vectors) total += v.Ids.Length;
        // (term id << 32 | position in the concatenation): sorting orders by term, then by member order.
        var keys = new ulong[total];
        var values = new double[total];
        var p = 0;
        foreach (var v in vectors)
        {
            for (var j = 0; j < v.Ids.Length; j++, p++)
            {
                keys[p] = ((ulong)v.Ids[j] << 32) | (uint)p;
                values[p] = v.Values[j];
            }
        }
        if (vectors.Count > 1) Array.Sort(keys, values);
        var ids = new uint[_count + total];
        var sums = new double[ids.Length];
        int i = 0, k = 0, q = 0;
        while (q < total)
        {
            var term = (uint)(keys[q] >> 32);
            while (i < _count && _ids[i] < term) { ids[k] = _ids[i]; sums[k++] = _values[i++]; }
            double s;
            if (i < _count && _ids[i] == term) s = _values[i++] + values[q++];
            else s = values[q++];
            while (q < total && (uint)(keys[q] >> 32) == term) s += values[q++];
            ids[k] = term;
            sums[k++] = s;
        }
        while (i < _count) { ids[k] = _ids[i]; sums[k++] = _values[i++]; }
        Replace(ids, sums, k);
        Members += vectors.Count;
    }

    public void Add(TermSum other)
    {
        var ids = new uint[_count + other._count];
        var values = new double[ids.Length];
        int i = 0, j = 0, k = 0;
        while (i < _count || j < other._count)
        {
            if (j >= other._count || (i < _count && _ids[i] < other._ids[j])) { ids[k] = _ids[i]; values[k++] = _values[i++]; }
            else if (i >= _count || other._ids[j] < _ids[i]) { ids[k] = other._ids[j]; values[k++] = other._values[j++]; }
            else { ids[k] = _ids[i]; values[k++] = _values[i++] + other._values[j++]; }
        }
        Replace(ids, values, k);
        Members += other.Members;
    }

    /// <summary>Takes merged arrays whose first <paramref name="count"/> entries are the new sum (the rest is spare room).</summary>
    private void Replace(uint[] ids, double[] values, int count)
    {
        _ids = ids;
        _values = values;
        _count = count;
    }

    public int ApproximateBytes => 48 + 12 * _ids.Length;
}
