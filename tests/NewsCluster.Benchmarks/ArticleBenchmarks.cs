using BenchmarkDotNet.Attributes;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.MinHash;
using NewsCluster.Ingestion;

namespace NewsCluster.Benchmarks;

/// <summary>
/// Per-article cost of the two stages before MinHash, on the plain-text articles the generator writes (the ten
/// checked in as golden fixtures of the ingestion tests, about 3 KB each) plus the five seeds: parsing (decode,
/// normalise, title, cleaning, hash) and tokenising (<see cref="FingerprintBuilder.Analyze"/>). The reported mean is
/// per article (OperationsPerInvoke). Run: cd tests/NewsCluster.Benchmarks &amp;&amp; dotnet run -c Release -- --filter '*' --job short
/// </summary>
[MemoryDiagnoser]
public class ArticleBenchmarks
{
    private readonly ArticleReader _reader = new();
    private readonly FingerprintBuilder _builder = new(null, new MinHasher());
    private (string Name, byte[] Bytes)[] _files = [];
    private ArticleDraft[] _drafts = [];

    [GlobalSetup]
    public void Setup()
    {
        var root = RepositoryRoot();
        var generated = Directory.GetFiles(Path.Combine(root, "tests", "NewsCluster.Ingestion.Tests", "Fixtures", "golden"), "gen-*.txt");
        var seeds = Directory.GetFiles(Path.Combine(root, "seeds"), "*.txt");
        _files = generated.Concat(seeds).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToArray();
        if (_files.Length != Articles) throw new InvalidOperationException($"Expected {Articles} articles, found {_files.Length}.");
        _drafts = _files.Select(f => Parse(f.Name, f.Bytes)).ToArray();
    }

    private const int Articles = 15;

    [Benchmark(OperationsPerInvoke = Articles, Description = "parse one plain-text article")]
    public int ParseArticle()
    {
        var total = 0;
        foreach (var (name, bytes) in _files) total += Parse(name, bytes).Text.Length;
        return total;
    }

    [Benchmark(OperationsPerInvoke = Articles, Description = "tokenise one article (Analyze)")]
    public int TokeniseArticle()
    {
        var total = 0;
        foreach (var draft in _drafts) total += _builder.Analyze(draft.Title, draft.Text).WordCount;
        return total;
    }

    [Benchmark(OperationsPerInvoke = Articles, Description = "fingerprint one article (Analyze + Sign)")]
    public int FingerprintArticle()
    {
        var total = 0;
        foreach (var draft in _drafts) total += _builder.Build(draft.Title, draft.Text).WordCount;
        return total;
    }

    private ArticleDraft Parse(string name, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        foreach (var item in _reader.Read(name, stream))
            return item.Article ?? throw new InvalidOperationException(item.RejectionReason);
        throw new InvalidOperationException("No item.");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "NewsCluster.sln"))) return folder.FullName;
        throw new InvalidOperationException("NewsCluster.sln was not found above " + AppContext.BaseDirectory);
    }
}
