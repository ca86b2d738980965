using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.Hashing;
using NewsCluster.Engine.MinHash;

// "app" runs the end-to-end benchmark of the real web app; anything else goes to BenchmarkDotNet.
if (args.FirstOrDefault() == "app") return await NewsCluster.Benchmarks.App.AppBenchmark.RunAsync(args[1..]);
BenchmarkSwitcher.FromAssembly(typeof(MinHashBenchmarks).Assembly).Run(args);
return 0;

/// <summary>
/// MinHash signature throughput on 500-word articles (≈ 500 word 5-gram shingles each), 128 permutations, one
/// thread: docs/s per core = 1 / mean time per document. Run: dotnet run -c Release --project tests/NewsCluster.Benchmarks -- --filter '*'
/// </summary>
[MemoryDiagnoser]
public class MinHashBenchmarks
{
    private readonly MinHasher _hasher = new();
    private readonly uint[] _signature = new uint[128];
    private uint[] _shingles = [];
    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        var rng = new SplitMix64(42);
        _shingles = Enumerable.Range(0, 496).Select(_ => (uint)rng.Next()).ToArray();
        var words = Enumerable.Range(0, 500).Select(_ => "w" + rng.NextInt(5000));
        _text = string.Join(' ', words) + ".";
    }

    [Benchmark(Baseline = true, Description = "signature, scalar")]
    public void Scalar() => _hasher.Compute(_shingles, _signature, SimdPath.Scalar);

    [Benchmark(Description = "signature, Vector256")]
    public void Avx2() => _hasher.Compute(_shingles, _signature, SimdPath.Vector256);

    [Benchmark(Description = "signature, best (Vector512 where available)")]
    public void Best() => _hasher.Compute(_shingles, _signature);

    [Benchmark(Description = "fingerprint: tokenise + shingle + both signatures")]
    public ArticleFingerprint Fingerprint() => new FingerprintBuilder(null, _hasher).Build("Title words here", _text);
}
