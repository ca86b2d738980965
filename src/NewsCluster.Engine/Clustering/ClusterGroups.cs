namespace NewsCluster.Engine.Clustering;

/// <summary>
/// The mutable state of one batch clustering: clusters as union-find roots over article positions, each with its
/// members, <see cref="TermSum"/>, time span, lock flag and candidate neighbours, plus the editor constraints.
/// </summary>
/// <remarks>
/// Each neighbour of a cluster carries the cross sum D(A, C) = Σ cos(a, c) over a ∈ A, c ∈ C = Σ_A · Σ_C, the
/// numerator of their group-average linkage. A merge then needs no vector work for a neighbour both parts knew:
/// D(A ∪ B, C) = D(A, C) + D(B, C) (the Lance–Williams update of average linkage, exact here because every D is
/// exact). Only a neighbour of one part costs a dot product with the other part's sum.
/// </remarks>
internal sealed class ClusterGroups
{
    private readonly FingerprintedArticle[] _items;
    private readonly WeightedVector[] _vectors;
    private readonly int[] _parent;
    private readonly List<int>[] _members;
    private readonly TermSum?[] _sums;
    private readonly bool[] _locked;
    private readonly DateTimeOffset?[] _min;
    private readonly DateTimeOffset?[] _max;
    private readonly Dictionary<int, double>?[] _neighbours;
    private readonly int[] _version;
    private readonly Dictionary<int, List<int>> _cannot = new();
    private readonly TimeSpan? _window;
    private int[]? _component;

    public ClusterGroups(FingerprintedArticle[] items, WeightedVector[] vectors, Dictionary<long, int> position, ClusteringConstraints constraints, TimeSpan? window)
    {
        _items = items;
        _vectors = vectors;
        _window = window;
        var n = items.Length;
        _parent = new int[n];
        _members = new List<int>[n];
        _sums = new TermSum?[n];
        _locked = new bool[n];
        _min = new DateTimeOffset?[n];
        _max = new DateTimeOffset?[n];
        _neighbours = new Dictionary<int, double>?[n];
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
            foreach (var p in partners)
            {
                // A partner in another component can never be in the other cluster (and belongs to another worker).
                if (_component is not null && _component[p] != _component[m]) continue;
                if (Find(p) == other) return false;
            }
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
        MergeNeighbours(a, b);
        // A sum is kept up to date once it exists; a side without one is summed from its members when needed.
        if (_sums[a] is { } sa)
        {
            if (IsSingleton(b)) sa.Add(_vectors[b]);
            else sa.Add(Sum(b));
        }
        else if (_sums[b] is { } sb)
        {
            if (IsSingleton(a)) sb.Add(_vectors[a]);
            else sb.Add(Sum(a));
            _sums[a] = sb;
        }
        _sums[b] = null;
        _parent[b] = a;
        _members[a].AddRange(_members[b]);
        _members[b] = [];
        if (_min[b] is { } minB && (_min[a] is null || minB < _min[a])) _min[a] = minB;
        if (_max[b] is { } maxB && (_max[a] is null || maxB > _max[a])) _max[a] = maxB;
        _locked[a] |= _locked[b];
        _version[a]++;
        _version[b]++;
        return a;
    }

    /// <summary>
    /// Gives root <paramref name="a"/> the neighbours of both roots with their cross sums to the union (before the
    /// member lists move, since a missing cross sum is computed from the parts).
    /// </summary>
    private void MergeNeighbours(int a, int b)
    {
        var na = _neighbours[a];
        var nb = _neighbours[b];
        if (na is null && nb is null) return;
        na ??= _neighbours[a] = [];
        na.Remove(b);
        nb?.Remove(a);
        var order = new List<int>(na.Count + (nb?.Count ?? 0));
        order.AddRange(na.Keys);
        if (nb is not null) foreach (var c in nb.Keys) if (!na.ContainsKey(c)) order.Add(c);
        order.Sort();
        foreach (var c in order)
        {
            var fromA = na.TryGetValue(c, out var da) && !double.IsNaN(da) ? da : CrossSum(a, c);
            var fromB = nb is not null && nb.TryGetValue(c, out var db) && !double.IsNaN(db) ? db : CrossSum(b, c);
            var d = fromA + fromB;
            na[c] = d;
            var nc = _neighbours[c]!;
            nc.Remove(b);
            nc[a] = d;
        }
        _neighbours[b] = null;
    }

    /// <summary>D(a, c) = Σ_a · Σ_c for two roots, with a singleton's vector standing in for its sum.</summary>
    private double CrossSum(int a, int c)
    {
        var singleA = IsSingleton(a);
        var singleC = IsSingleton(c);
        if (singleA && singleC) return _vectors[a].Dot(_vectors[c]);
        if (singleA) return Sum(c).Dot(_vectors[a]);
        if (singleC) return Sum(a).Dot(_vectors[c]);
        return Sum(a).Dot(Sum(c));
    }

    private TermSum Sum(int root)
    {
        if (_sums[root] is { } s) return s;
        s = new TermSum();
        s.AddAll(_members[root].ConvertAll(m => _vectors[m]));
        return _sums[root] = s;
    }

    private bool IsSingleton(int root) => _members[root].Count == 1;

    /// <summary>
    /// Records that the clusters of articles i and j are candidates for a merge; <paramref name="cosine"/> is their
    /// verified similarity, which is the cross sum when both are still single articles.
    /// </summary>
    public void AddNeighbours(int i, int j, double cosine)
    {
        int a = Find(i), b = Find(j);
        if (a == b) return;
        var single = a == i && b == j && IsSingleton(a) && IsSingleton(b);
        var na = _neighbours[a] ??= [];
        var nb = _neighbours[b] ??= [];
        // A second edge between the same clusters means several members meet: the sum is computed when needed.
        var d = single && !na.ContainsKey(b) ? cosine : double.NaN;
        na[b] = d;
        nb[a] = d;
    }

    /// <summary>The group-average linkage of two neighbouring roots, computing and keeping their cross sum if unknown.</summary>
    private double Linkage(int a, int b)
    {
        var na = _neighbours[a]!;
        var d = na[b];
        if (double.IsNaN(d))
        {
            d = CrossSum(a, b);
            na[b] = d;
            _neighbours[b]![a] = d;
        }
        return d / ((double)_members[a].Count * _members[b].Count);
    }

    /// <summary>
    /// Group-average agglomeration over the neighbour graph while the best linkage is ≥ threshold. Clusters merge only
    /// along neighbour edges, so the connected components of that graph never interact: each is agglomerated on its
    /// own, components in parallel, with the same result as one global queue.
    /// </summary>
    public void Agglomerate(double threshold, ParallelOptions? parallel = null)
    {
        var n = _parent.Length;
        // Union-find over the roots, labelled by the smallest root of each component.
        var link = new int[n];
        for (var a = 0; a < n; a++) link[a] = a;
        int Top(int x)
        {
            while (link[x] != x) x = link[x] = link[link[x]];
            return x;
        }
        for (var a = 0; a < n; a++)
        {
            if (_parent[a] != a || _neighbours[a] is not { } set) continue;
            foreach (var b in set.Keys)
            {
                int x = Top(a), y = Top(b);
                if (x != y) link[Math.Max(x, y)] = Math.Min(x, y);
            }
        }
        // Roots of each component that has an edge, ascending; the component label of every article for MayJoin.
        var roots = new Dictionary<int, List<int>>();
        for (var a = 0; a < n; a++)
        {
            if (_parent[a] != a || _neighbours[a] is null) continue;
            var top = Top(a);
            (roots.TryGetValue(top, out var list) ? list : roots[top] = []).Add(a);
        }
        var component = new int[n];
        for (var i = 0; i < n; i++) component[i] = Top(Find(i));
        _component = component;
        var work = roots.Values.ToArray();
        Parallel.For(0, work.Length, parallel ?? new ParallelOptions(), () => new PriorityQueue<(int A, int B, int VA, int VB), (double Score, int A, int B)>(Comparer.Instance),
            (c, _, queue) =>
            {
                AgglomerateComponent(work[c], threshold, queue);
                return queue;
            }, _ => { });
        _component = null;
    }

    private void AgglomerateComponent(List<int> roots, double threshold, PriorityQueue<(int A, int B, int VA, int VB), (double Score, int A, int B)> queue)
    {
        queue.Clear();
        var neighbours = new List<int>();
        foreach (var a in roots)
        {
            neighbours.Clear();
            foreach (var b in _neighbours[a]!.Keys) if (b > a) neighbours.Add(b);
            neighbours.Sort();
            foreach (var b in neighbours)
            {
                var score = Linkage(a, b);
                if (score >= threshold) queue.Enqueue((a, b, _version[a], _version[b]), (score, a, b));
            }
        }
        while (queue.TryDequeue(out var e, out _))
        {
            if (_version[e.A] != e.VA || _version[e.B] != e.VB) continue;
            if (!MayJoin(e.A, e.B)) continue;
            var root = Union(e.A, e.B);
            if (_neighbours[root] is not { } set) continue;
            neighbours.Clear();
            neighbours.AddRange(set.Keys);
            neighbours.Sort();
            foreach (var c in neighbours)
            {
                var score = Linkage(root, c);
                if (score < threshold) continue;
                var (x, y) = root < c ? (root, c) : (c, root);
                queue.Enqueue((x, y, _version[x], _version[y]), (score, x, y));
            }
        }
    }

    /// <summary>The clusters as article ids, ascending within and by first id across.</summary>
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
