namespace NewsCluster.Engine.Clustering;

/// <summary>
/// The mutable state of one batch clustering: clusters as union-find roots over article positions, each with its
/// members, time span, lock flag and candidate neighbours, plus the editor constraints.
/// </summary>
/// <remarks>
/// Each neighbour of a cluster carries the cross sum D(A, C) = Σ cos(a, c) over a ∈ A, c ∈ C = Σ_A · Σ_C, the
/// numerator of their group-average linkage. A merge then needs no vector work for a neighbour both parts knew:
/// D(A ∪ B, C) = D(A, C) + D(B, C) (the Lance–Williams update of average linkage, exact here because every D is
/// exact). A neighbour of only one part costs one cross sum with the other part, computed from the members' terms
/// through a dense scratch array: no cluster ever needs its term sum stored.
/// </remarks>
internal sealed class ClusterGroups
{
    private readonly FingerprintedArticle[] _items;
    private readonly SharedTerms _terms;
    private readonly int[] _parent;
    private readonly List<int>[] _members;
    private readonly bool[] _locked;
    private readonly DateTimeOffset?[] _min;
    private readonly DateTimeOffset?[] _max;
    private readonly Dictionary<int, double>?[] _neighbours;
    private readonly int[] _version;
    private readonly Dictionary<int, List<int>> _cannot = new();
    private readonly TimeSpan? _window;
    private int[]? _component;
    private CrossSums? _sequential;

    /// <param name="items">The articles, by position.</param>
    /// <param name="terms">Each article's weights on terms shared with some other article, ascending by term id.</param>
    /// <param name="position">Article id to position.</param>
    /// <param name="constraints">Editor decisions.</param>
    /// <param name="window">Optional publication-time window.</param>
    public ClusterGroups(FingerprintedArticle[] items, SharedTerms terms, Dictionary<long, int> position, ClusteringConstraints constraints, TimeSpan? window)
    {
        _items = items;
        _terms = terms;
        _window = window;
        var n = items.Length;
        _parent = new int[n];
        _members = new List<int>[n];
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
                if (first < 0) first = i; else Union(Find(first), Find(i), Sequential);
            }
            if (first >= 0) _locked[Find(first)] = true;
        }
        foreach (var (a, b) in constraints.MustLink.OrderBy(p => Math.Min(p.A, p.B)).ThenBy(p => Math.Max(p.A, p.B)))
        {
            if (position.TryGetValue(a, out var i) && position.TryGetValue(b, out var j)) TryUnion(i, j);
        }
    }

    /// <summary>Scratch for the single-threaded phases (constraints and copies, before agglomeration).</summary>
    private CrossSums Sequential => _sequential ??= new CrossSums(_terms.TermCount);

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
        Union(a, b, Sequential);
        return true;
    }

    /// <summary>Unites roots; the smaller index stays the root so the result does not depend on merge order.</summary>
    private int Union(int a, int b, CrossSums sums)
    {
        if (b < a) (a, b) = (b, a);
        MergeNeighbours(a, b, sums);
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
    /// member lists move, since a cross sum one part lacks is computed from that part's members).
    /// </summary>
    private void MergeNeighbours(int a, int b, CrossSums sums)
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
        var fromA = Known(na, order, a, sums);
        var fromB = nb is null ? Known([], order, b, sums) : Known(nb, order, b, sums);
        for (var k = 0; k < order.Count; k++)
        {
            var c = order[k];
            var d = fromA[k] + fromB[k];
            na[c] = d;
            var nc = _neighbours[c]!;
            nc.Remove(b);
            nc[a] = d;
        }
        _neighbours[b] = null;
    }

    /// <summary>
    /// D(<paramref name="root"/>, c) for each c of <paramref name="others"/>: the value <paramref name="known"/> holds,
    /// or else computed, with the root's terms scattered once for all that need it.
    /// </summary>
    private double[] Known(Dictionary<int, double> known, List<int> others, int root, CrossSums sums)
    {
        var result = new double[others.Count];
        var scattered = false;
        for (var k = 0; k < others.Count; k++)
        {
            if (known.TryGetValue(others[k], out var d) && !double.IsNaN(d))
            {
                result[k] = d;
                continue;
            }
            if (!scattered)
            {
                sums.Scatter(_members[root], _terms);
                scattered = true;
            }
            result[k] = sums.Gather(_members[others[k]], _terms);
        }
        if (scattered) sums.Clear(_members[root], _terms);
        return result;
    }

    /// <summary>
    /// Records that the clusters of articles i and j are candidates for a merge; <paramref name="cosine"/> is their
    /// verified similarity, which is the cross sum when both are still single articles.
    /// </summary>
    public void AddNeighbours(int i, int j, double cosine)
    {
        int a = Find(i), b = Find(j);
        if (a == b) return;
        var single = a == i && b == j && _members[a].Count == 1 && _members[b].Count == 1;
        var na = _neighbours[a] ??= [];
        var nb = _neighbours[b] ??= [];
        // A second edge between the same clusters means several members meet: the sum is computed when needed.
        var d = single && !na.ContainsKey(b) ? cosine : double.NaN;
        na[b] = d;
        nb[a] = d;
    }

    /// <summary>The group-average linkage of two neighbouring roots, computing and keeping their cross sum if unknown.</summary>
    private double Linkage(int a, int b, CrossSums sums)
    {
        var na = _neighbours[a]!;
        var d = na[b];
        if (double.IsNaN(d))
        {
            sums.Scatter(_members[a], _terms);
            d = sums.Gather(_members[b], _terms);
            sums.Clear(_members[a], _terms);
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
        Parallel.For(0, work.Length, parallel ?? new ParallelOptions(), () => new Worker(_terms.TermCount),
            (c, _, worker) =>
            {
                AgglomerateComponent(work[c], threshold, worker);
                return worker;
            }, _ => { });
        _component = null;
    }

    /// <summary>One agglomeration worker's queue and scratch.</summary>
    private sealed class Worker(int termCount)
    {
        public readonly PriorityQueue<(int A, int B, int VA, int VB), (double Score, int A, int B)> Queue = new(Comparer.Instance);
        public readonly CrossSums Sums = new(termCount);
        public readonly List<int> Neighbours = [];
    }

    private void AgglomerateComponent(List<int> roots, double threshold, Worker worker)
    {
        var queue = worker.Queue;
        var neighbours = worker.Neighbours;
        queue.Clear();
        foreach (var a in roots)
        {
            neighbours.Clear();
            foreach (var b in _neighbours[a]!.Keys) if (b > a) neighbours.Add(b);
            neighbours.Sort();
            foreach (var b in neighbours)
            {
                var score = Linkage(a, b, worker.Sums);
                if (score >= threshold) queue.Enqueue((a, b, _version[a], _version[b]), (score, a, b));
            }
        }
        while (queue.TryDequeue(out var e, out _))
        {
            if (_version[e.A] != e.VA || _version[e.B] != e.VB) continue;
            if (!MayJoin(e.A, e.B)) continue;
            var root = Union(e.A, e.B, worker.Sums);
            if (_neighbours[root] is not { } set) continue;
            neighbours.Clear();
            neighbours.AddRange(set.Keys);
            neighbours.Sort();
            foreach (var c in neighbours)
            {
                var score = Linkage(root, c, worker.Sums);
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
