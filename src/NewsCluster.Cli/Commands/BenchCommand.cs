using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Fingerprints;
using NewsCluster.Engine.MinHash;

namespace NewsCluster.Cli.Commands;

/// <summary><c>bench &lt;dir|archive&gt;</c>: times every stage of the offline pipeline and prints one JSON line.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A folder or an archive of articles." };
        var threads = ClusterCommand.ThreadsOption();
        var command = new Command("bench", "Time read, parse, tokenise, signatures, index and cluster; print one JSON line.") { input, threads };
        command.SetAction(result =>
        {
            var path = result.GetValue(input)!;
            if (!Corpus.Exists(path)) return 2;
            var options = Corpus.Options(null, result.GetValue(threads));
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxThreads ?? Environment.ProcessorCount };
            var clock = Stopwatch.StartNew();

            long bytes = 0;
            var files = File.Exists(path) ? [path] : Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).ToArray();
            var progress = new Progress("read", files.Length);
            for (var i = 0; i < files.Length; i++) { bytes += File.ReadAllBytes(files[i]).Length; progress.Report(i + 1); }
            var read = Lap(clock);

            var items = Corpus.Read(path, options.MaxThreads);
            var parse = Lap(clock);
            var inputs = Corpus.Inputs(items);
            var n = inputs.Count;

            var hasher = new MinHasher(options.Fingerprint.Permutations, options.Fingerprint.Seed);
            var features = new ArticleFeatures[n];
            Parallel.For(0, n, parallel, () => new FingerprintBuilder(options.Fingerprint, hasher),
                (i, _, b) => { features[i] = b.Analyze(inputs[i].Title, inputs[i].Text); return b; }, _ => { });
            var tokenise = Lap(clock);

            var fingerprints = new FingerprintedArticle[n];
            Parallel.For(0, n, parallel, () => new FingerprintBuilder(options.Fingerprint, hasher),
                (i, _, b) => { fingerprints[i] = new FingerprintedArticle(i, b.Sign(features[i]), inputs[i].Published); return b; }, _ => { });
            var signatures = Lap(clock);

            // Per-core signature throughput: one thread, the same documents.
            var single = new FingerprintBuilder(options.Fingerprint, hasher);
            var sample = Math.Min(n, 20000);
            var one = Stopwatch.StartNew();
            for (var i = 0; i < sample; i++) single.Sign(features[i]);
            var perCore = sample / Math.Max(one.Elapsed.TotalSeconds, 1e-9);
            var shingles = features.Length == 0 ? 0 : features.Average(f => (double)f.CopyShingles.Length);
            clock.Restart();

            var diagnostics = new ClusteringDiagnostics();
            var clusters = new StoryClusterer(options).ClusterFingerprints(fingerprints, null, diagnostics);
            var clusterWall = Lap(clock);

            // Memory of the live index the web app keeps: measured, not estimated.
            var before = HeapMeasure.CompactedHeapBytes();
            var index = new StoryIndex(options);
            var clusterOf = new int[n];
            for (var c = 0; c < clusters.Count; c++) foreach (var id in clusters[c]) clusterOf[id] = c;
            index.Load(fingerprints.Select(f => new IndexedArticle(f.Id, clusterOf[f.Id], f.Fingerprint, f.Published)));
            var after = HeapMeasure.CompactedHeapBytes();
            GC.KeepAlive(index);
            index = null;
            // What dropping the index frees: independent of whatever earlier stages left for the first collection.
            var released = after - HeapMeasure.CompactedHeapBytes();
            var indexBytes = n == 0 ? 0 : released / (double)n;
            var growthBytes = n == 0 ? 0 : (after - before) / (double)n;
            var fingerprintBytes = n == 0 ? 0 : fingerprints.Average(f => (double)f.Fingerprint.ApproximateBytes);

            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                articles = n,
                bytes,
                threads = parallel.MaxDegreeOfParallelism,
                simd = MinHasher.BestPath.ToString(),
                seconds = new
                {
                    read = R(read), parse = R(parse), tokenise = R(tokenise), signatures = R(signatures),
                    index = R(diagnostics.IndexSeconds), cluster = R(diagnostics.ClusterSeconds),
                    cluster_total = R(tokenise + signatures + clusterWall),
                },
                signature_docs_per_s = Math.Round(n / Math.Max(signatures, 1e-9)),
                signature_docs_per_s_per_core = Math.Round(perCore),
                shingles_per_doc = Math.Round(shingles, 1),
                candidate_pairs = diagnostics.CandidatePairs,
                skipped_buckets = diagnostics.SkippedBuckets,
                similar_pairs = diagnostics.SimilarPairs,
                clusters = clusters.Count,
                index_bytes_per_article = Math.Round(indexBytes),
                heap_growth_bytes_per_article = Math.Round(growthBytes),
                fingerprint_bytes_per_article = Math.Round(fingerprintBytes),
            }, CliJson.Options));
            return 0;
        });
        return command;
    }


    private static double Lap(Stopwatch clock)
    {
        var s = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return s;
    }

    private static double R(double seconds) => Math.Round(seconds, 4);
}
