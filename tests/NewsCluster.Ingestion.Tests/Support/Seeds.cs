namespace NewsCluster.Ingestion.Tests.Support;

/// <summary>Finds the repository's seed articles by walking up from the test binaries to the solution folder.</summary>
internal static class Seeds
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "seeds");

    public static IReadOnlyList<string> Files { get; } = Directory.GetFiles(Folder, "*.txt").Order(StringComparer.Ordinal).ToList();

    public static byte[] Bytes(string prefix) => File.ReadAllBytes(Files.Single(f => Path.GetFileName(f).StartsWith(prefix, StringComparison.Ordinal)));

    public static string Text(string prefix) => System.Text.Encoding.UTF8.GetString(Bytes(prefix));

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "NewsCluster.sln"))) return folder.FullName;
        throw new InvalidOperationException("NewsCluster.sln was not found above " + AppContext.BaseDirectory);
    }
}
