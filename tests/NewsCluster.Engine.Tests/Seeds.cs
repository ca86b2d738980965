using NewsCluster.Engine.Clustering;

namespace NewsCluster.Engine.Tests;

/// <summary>The five seed articles of the repository, read the way the simplest reader would (first line = title).</summary>
internal static class Seeds
{
    public static string Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !System.IO.Directory.Exists(Path.Combine(dir.FullName, "seeds"))) dir = dir.Parent;
            return dir is null ? throw new DirectoryNotFoundException("seeds/ not found above the test binaries") : Path.Combine(dir.FullName, "seeds");
        }
    }

    /// <summary>The seeds as raw as they come: noise included, title = first non-empty line.</summary>
    public static IReadOnlyList<ClusterInput> Load()
    {
        var files = System.IO.Directory.GetFiles(Directory, "*.txt").Order(StringComparer.Ordinal).ToArray();
        return files.Select((f, i) =>
        {
            var lines = File.ReadAllLines(f).Select(l => l.Trim()).ToList();
            var title = lines.First(l => l.Length > 0);
            var body = string.Join("\n", lines.SkipWhile(l => l != title).Skip(1));
            return new ClusterInput(i, title, body);
        }).ToList();
    }
}
