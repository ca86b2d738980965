using System.Diagnostics;

namespace NewsCluster.Web.Imports;

/// <summary>Where an import's time went, by stage; logged when it ends so slow imports can be explained.</summary>
public sealed class ImportTimings
{
    private readonly Dictionary<string, TimeSpan> _stages = new();
    private readonly Lock _gate = new();

    /// <summary>Adds the time until the returned scope is disposed to <paramref name="stage"/>.</summary>
    public Scope Measure(string stage) => new(this, stage, Stopwatch.GetTimestamp());

    public void Add(string stage, TimeSpan elapsed)
    {
        lock (_gate) _stages[stage] = _stages.GetValueOrDefault(stage) + elapsed;
    }

    public override string ToString()
    {
        lock (_gate) return string.Join(", ", _stages.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {s.Value.TotalSeconds:0.00} s"));
    }

    public readonly struct Scope(ImportTimings owner, string stage, long started) : IDisposable
    {
        public void Dispose() => owner.Add(stage, Stopwatch.GetElapsedTime(started));
    }
}
