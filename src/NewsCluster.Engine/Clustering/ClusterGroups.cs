namespace NewsCluster.Engine.Clustering;

/// <summary>
/// The mutable state of one batch clustering: clusters as union-find roots over article positions, each with its
/// members, <see cref="TermSum"/>, time span, lock flag and candidate neighbours, plus the editor constraints.
/// </summary>
internal sealed class ClusterGroups
{
    private readonly FingerprintedArticle[] _items;
    private readonly WeightedVector[] _vectors;
    private readonly int[] _parent;
    private readonly List<int>[] _members;
    private readonly TermSum?[] _sums;
    private readonly bool[] _summed;
    private readonly bool[] _locked;
    private readonly DateTimeOffset?[] _min;
    private readonly DateTimeOffset?[] _max;
    private readonly HashSet<int>?[] _neighbours;
    private readonly int[] _version;
    private readonly Dictionary<int, List<int>> _cannot = new();
    private readonly TimeSpan? _window;
    private readonly List<int> _order = [];

    public ClusterGroups(FingerprintedArticle[] items, WeightedVector[] vectors, Dictionary<long, int> position, ClusteringConstraints constraints, TimeSpan? window)
    {
        _items = items;
        _vectors = vectors;
        _window = window;
        var n = items.Length;
        _parent = new int[n];
        _members = new List<int>[n];
        _sums = new TermSum?[n];
        _summed = new bool[n];
        _locked = new bool[n];
        _min = new DateTimeOffset?[n];
        _max = new DateTimeOffset?[n];
        _neighbours = new HashSet<int>?[n];
        _version = new int[n];
        for (var i = 0; i < n; i++)
        {
            _parent[i] = i;
            _members[i] = [i];
            _min[i] = _max[i] = items[i].Published;
        }
        foreach (var (a, b) in constraints.CannotLink)
        {
            if (!position.TryGetValue(a, out var i) || !position.TryGetValue(b, out var j) || i == j) continue;
            (_cannot.TryGetValue(i, out var li) ? li : _cannot[i] = []).Add(j);
            (_cannot.TryGetValue(j, out var lj) ? lj : _cannot[j] = []).Add(i);
        }
        foreach (var locked in constraints.LockedClusters)
        {
            var first = -1;
            foreach (var id in locked.Order())
            {
                if (!position.TryGetValue(id, out var i) || _locked[Find(i)]) continue;
                if (first < 0) first = i; else Union(Find(first), Find(i));
            }
            if (first >= 0) _locked[Find(first)] = true;
        }
        foreach (var (a, b) in constraints.MustLink.OrderBy(p => Math.Min(p.A, p.B)).ThenBy(p => Math.Max(p.A, p.B)))
        {
            if (position.TryGetValue(a, out var i) && position.TryGetValue(b, out var j)) TryUnion(i, j);
        }
    }

    public int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }
        return i;
    }

    /// <summary>Whether clusters (roots) <paramref name="a"/> and <paramref name="b"/> may become one.</summary>
    private bool MayJoin(int a, int b)
    {
        if (a == b) return true;
        if (_locked[a] || _locked[b]) return false;
        if (_window is { } w && _min[a] is { } minA && _min[b] is { } minB)
        {
            var gap = (minA > minB ? minA : minB) - (_max[a]!.Value < _max[b]!.Value ? _max[a]!.Value : _max[b]!.Value);
            if (gap > w) return false;
        }
        if (_cannot.Count == 0) return true;
        var (small, other) = _members[a].Count <= _members[b].Count ? (a, b) : (b, a);
        foreach (var m in _members[small])
        {
            if (!_cannot.TryGetValue(m, out var partners)) continue;
            foreach (var p in partners) if (Find(p) == other) return false;
        }
        return true;
    }

    /// <summary>Joins the clusters of two articles when the constraints allow; true when they are now one.</summary>
    public bool TryUnion(int i, int j)
    {
        int a = Find(i), b = Find(j);
        if (a == b) return false;
        if (!MayJoin(a, b)) return false;
        Union(a, b);
        return true;
    }

    /// <summary>Unites roots; the smaller index stays the root so the result does not depend on merge order.</summary>
    private int Union(int a, int b)
    {
        if (b < a) (a, b) = (b, a);
        if (_summed[a] || _summed[b])
        {
            // Merge the sums before the member lists move, so each side is summed once. A singleton side adds its
            // vector directly (x + y = y + x exactly, so which side holds the sum does not change a bit).
            TermSum sum;
            if (IsSingleton(b)) (sum = Sum(a)).Add(_vectors[b]);
            else if (IsSingleton(a)) (sum = Sum(b)).Add(_vectors[a]);
            else (sum = Sum(a)).Add(Sum(b));
            _sums[a] = sum;
            _sums[b] = null;
            _summed[a] = true;
            _summed[b] = false;
        }
        _parent[b] = a;
        _members[a].AddRange(_members[b]);
        _members[b] = [];
        if (_min[b] is { } minB && (_min[a] is null || minB < _min[a])) _min[a] = minB;
        if (_max[b] is { } maxB && (_max[a] is null || maxB > _max[a])) _max[a] = maxB;
        _locked[a] |= _locked[b];
        _version[a]++;
        _version[b]++;
        if (_neighbours[b] is { } nb)
        {
            var na = _neighbours[a] ??= [];
            foreach (var c in nb)
            {
                var set = _neighbours[c];
                if (set is null) continue;
                set.Remove(b);
                if (c != a) { set.Add(a); na.Add(c); }
            }
            na.Remove(b);
            _neighbours[b] = null;
        }
        return a;
    }

    private TermSum Sum(int root)
    {
        if (_sums[root] is { } s) return s;
        s = new TermSum();
        s.AddAll(_members[root].ConvertAll(m => _vectors[m]));
        _summed[root] = true;
        return _sums[root] = s;
    }

    private bool IsSingleton(int root) => _members[root].Count == 1;

    /// <summary>Records that the clusters of articles i and j are candidates for a merge.</summary>
    public void AddNeighbours(int i, int j)
    {
        int a = Find(i), b = Find(j);
        if (a == b) return;
        (_neighbours[a] ??= []).Add(b);
        (_neighbours[b] ??= []).Add(a);
    }

    private double Linkage(int a, int b)
    {
        // A singleton is its own sum: its vector stands in for it, and only its "summed" state is recorded, which
        // decides how later unions add (the same products in the same ascending term order, so the same bits).
        if (IsSingleton(a) && _sums[a] is null)
        {
            _summed[a] = true;
            if (IsSingleton(b) && _sums[b] is null)
            {
                _summed[b] = true;
                return _vectors[a].Dot(_vectors[b]);
            }
            var only = Sum(b);
            return only.Dot(_vectors[a]) / only.Members;
        }
        if (IsSingleton(b) && _sums[b] is null)
        {
            _summed[b] = true;
            var only = Sum(a);
            return only.Dot(_vectors[b]) / only.Members;
        }
        var sa = Sum(a);
        var sb = Sum(b);
        return sa.Dot(sb) / ((double)sa.Members * sb.Members);
    }

    /// <summary>Group-average agglomeration over the neighbour graph while the best linkage is ≥ threshold.</summary>
    public void Agglomerate(double threshold, List<(int J, double Score)>?[]? pairScores = null)
    {
        var queue = new PriorityQueue<(int A, int B, int VA, int VB), (double Score, int A, int B)>(Comparer.Instance);
        for (var a = 0; a < _parent.Length; a++)
        {
            if (_parent[a] != a || _neighbours[a] is not { } set) continue;
            foreach (var b in set)
            {
                if (b <= a) continue;
                var score = SingletonScore(a, b, pairScores) ?? Linkage(a, b);
                if (score >= threshold) queue.Enqueue((a, b, _version[a], _version[b]), (score, a, b));
            }
        }
        while (queue.TryDequeue(out var e, out _))
        {
            if (_version[e.A] != e.VA || _version[e.B] != e.VB) continue;
            if (!MayJoin(e.A, e.B)) continue;
            var root = Union(e.A, e.B);
            if (_neighbours[root] is not { } set) continue;
            _order.Clear();
            _order.AddRange(set);
            _order.Sort();
            foreach (var c in _order)
            {
                var score = Linkage(root, c);
                if (score < threshold) continue;
                var (x, y) = root < c ? (root, c) : (c, root);
                queue.Enqueue((x, y, _version[x], _version[y]), (score, x, y));
            }
        }
    }

    /// <summary>The clusters as article ids, ascending within and by first id across.</summary>
    /// <summary>
    /// The linkage of two single articles when verification already computed their cosine: for one member each,
    /// the group average is that cosine, and the sparse dot product visited the same terms in the same order, so the
    /// value is bit-identical to <see cref="Linkage"/>. Sums of singletons are then built only when they merge.
    /// </summary>
    private double? SingletonScore(int a, int b, List<(int J, double Score)>?[]? pairScores)
    {
        if (pairScores is null || _members[a].Count != 1 || _members[b].Count != 1 || _summed[a] || _summed[b]) return null;
        if (pairScores[a] is not { } edges) return null;
        int lo = 0, hi = edges.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var j = edges[mid].J;
            if (j == b) return edges[mid].Score;
            if (j < b) lo = mid + 1; else hi = mid - 1;
        }
        return null;
    }

    public IReadOnlyList<IReadOnlyList<long>> Result()
    {
        var result = new List<IReadOnlyList<long>>();
        for (var i = 0; i < _parent.Length; i++)
        {
            if (_parent[i] != i) continue;
            var ids = _members[i].Select(m => _items[m].Id).ToArray();
            Array.Sort(ids);
            result.Add(ids);
        }
        result.Sort((x, y) => x[0].CompareTo(y[0]));
        return result;
    }

    private sealed class Comparer : IComparer<(double Score, int A, int B)>
    {
        public static readonly Comparer Instance = new();

        public int Compare((double Score, int A, int B) x, (double Score, int A, int B) y)
        {
            var c = y.Score.CompareTo(x.Score);
            if (c != 0) return c;
            c = x.A.CompareTo(y.A);
            return c != 0 ? c : x.B.CompareTo(y.B);
        }
    }
}
