namespace NewsCluster.Engine.Clustering;

/// <summary>A sparse vector over term ids (ascending), usually L2-normalised TF-IDF weights.</summary>
public sealed class WeightedVector(uint[] ids, float[] values)
{
    /// <summary>Term ids, ascending.</summary>
    public uint[] Ids { get; } = ids;

    /// <summary>Weights parallel to <see cref="Ids"/>.</summary>
    public float[] Values { get; } = values;

    /// <summary>The dot product (cosine similarity for unit vectors), by merging the two sorted id lists.</summary>
    public double Dot(WeightedVector other)
    {
        uint[] ai = Ids, bi = other.Ids;
        float[] av = Values, bv = other.Values;
        int i = 0, j = 0;
        double sum = 0;
        while (i < ai.Length && j < bi.Length)
        {
            var x = ai[i];
            var y = bi[j];
            if (x == y) { sum += (double)av[i] * bv[j]; i++; j++; }
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
    private uint[] _ids = [];
    private double[] _values = [];

    public int Members { get; private set; }

    public double Dot(WeightedVector v)
    {
        uint[] ai = _ids, bi = v.Ids;
        double[] av = _values;
        float[] bv = v.Values;
        if (ai.Length > 8 * bi.Length) return DotGalloping(ai, av, bi, bv);
        int i = 0, j = 0;
        double sum = 0;
        while (i < ai.Length && j < bi.Length)
        {
            var x = ai[i];
            var y = bi[j];
            if (x == y) { sum += av[i] * bv[j]; i++; j++; }
            else if (x < y) i++;
            else j++;
        }
        return sum;
    }

    /// <summary>
    /// The dot product when the sum has many more terms than the vector (a large cluster): each term of the vector is
    /// looked for by exponential then binary search from the previous match. Matches are visited in ascending id
    /// order, as by the merge, so the result is bit-identical.
    /// </summary>
    private static double DotGalloping(uint[] ai, double[] av, uint[] bi, float[] bv)
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

    public double Dot(TermSum other)
    {
        uint[] ai = _ids, bi = other._ids;
        double[] av = _values, bv = other._values;
        int i = 0, j = 0;
        double sum = 0;
        while (i < ai.Length && j < bi.Length)
        {
            var x = ai[i];
            var y = bi[j];
            if (x == y) { sum += av[i] * bv[j]; i++; j++; }
            else if (x < y) i++;
            else j++;
        }
        return sum;
    }

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
        var ids = new uint[_ids.Length + v.Ids.Length];
        var values = new double[ids.Length];
        int i = 0, j = 0, k = 0;
        while (i < _ids.Length || j < v.Ids.Length)
        {
            if (j >= v.Ids.Length || (i < _ids.Length && _ids[i] < v.Ids[j])) { ids[k] = _ids[i]; values[k++] = _values[i++]; }
            else if (i >= _ids.Length || v.Ids[j] < _ids[i]) { ids[k] = v.Ids[j]; values[k++] = sign * (double)v.Values[j++]; }
            else
            {
                var s = _values[i] + sign * (double)v.Values[j];
                if (sign > 0 || Math.Abs(s) > 1e-9) { ids[k] = _ids[i]; values[k++] = s; }
                i++; j++;
            }
        }
        _ids = ids.AsSpan(0, k).ToArray();
        _values = values.AsSpan(0, k).ToArray();
        Members += sign;
        if (Members == 0) { _ids = []; _values = []; }
    }

    /// <summary>
    /// Adds one member with the same sums as the general merge: counts the terms the sum lacks first, then updates the
    /// values in place when there are none (the usual case for a rewrite joining its story) or merges into arrays of
    /// the exact new size (two allocations instead of four).
    /// </summary>
    private void AddOne(WeightedVector v)
    {
        uint[] ai = _ids, bi = v.Ids;
        float[] bv = v.Values;
        int i = 0, j = 0, fresh = 0;
        while (j < bi.Length)
        {
            if (i >= ai.Length) { fresh += bi.Length - j; break; }
            var x = ai[i];
            var y = bi[j];
            if (x == y) { i++; j++; }
            else if (x < y) i++;
            else { fresh++; j++; }
        }
        if (fresh == 0)
        {
            var av = _values;
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
            var ids = new uint[ai.Length + fresh];
            var values = new double[ids.Length];
            var av = _values;
            i = 0; j = 0;
            var k = 0;
            while (i < ai.Length || j < bi.Length)
            {
                if (j >= bi.Length || (i < ai.Length && ai[i] < bi[j])) { ids[k] = ai[i]; values[k++] = av[i++]; }
                else if (i >= ai.Length || bi[j] < ai[i]) { ids[k] = bi[j]; values[k++] = bv[j++]; }
                else { ids[k] = ai[i]; values[k++] = av[i++] + bv[j++]; }
            }
            _ids = ids;
            _values = values;
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
        var ids = new uint[_ids.Length + total];
        var sums = new double[ids.Length];
        int i = 0, k = 0, q = 0;
        while (q < total)
        {
            var term = (uint)(keys[q] >> 32);
            while (i < _ids.Length && _ids[i] < term) { ids[k] = _ids[i]; sums[k++] = _values[i++]; }
            double s;
            if (i < _ids.Length && _ids[i] == term) s = _values[i++] + values[q++];
            else s = values[q++];
            while (q < total && (uint)(keys[q] >> 32) == term) s += values[q++];
            ids[k] = term;
            sums[k++] = s;
        }
        while (i < _ids.Length) { ids[k] = _ids[i]; sums[k++] = _values[i++]; }
        _ids = k == ids.Length ? ids : ids.AsSpan(0, k).ToArray();
        _values = k == sums.Length ? sums : sums.AsSpan(0, k).ToArray();
        Members += vectors.Count;
    }

    public void Add(TermSum other)
    {
        var ids = new uint[_ids.Length + other._ids.Length];
        var values = new double[ids.Length];
        int i = 0, j = 0, k = 0;
        while (i < _ids.Length || j < other._ids.Length)
        {
            if (j >= other._ids.Length || (i < _ids.Length && _ids[i] < other._ids[j])) { ids[k] = _ids[i]; values[k++] = _values[i++]; }
            else if (i >= _ids.Length || other._ids[j] < _ids[i]) { ids[k] = other._ids[j]; values[k++] = other._values[j++]; }
            else { ids[k] = _ids[i]; values[k++] = _values[i++] + other._values[j++]; }
        }
        _ids = ids.AsSpan(0, k).ToArray();
        _values = values.AsSpan(0, k).ToArray();
        Members += other.Members;
    }

    public int ApproximateBytes => 48 + 12 * _ids.Length;
}
