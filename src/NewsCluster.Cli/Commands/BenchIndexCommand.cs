using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using NewsCluster.Engine.Clustering;
using NewsCluster.Engine.Hashing;

namespace NewsCluster.Cli.Commands;

/// <summary>
/// <c>bench-index &lt;dir|archive&gt;</c>: times the live <see cref="StoryIndex"/> the web app keeps, at the corpus's scale:
/// <see cref="StoryIndex.Load"/> of every article (start-up), then <see cref="StoryIndex.Assign"/> of the last
/// <c>--assign</c> articles in batches of <c>--batch</c> into an index loaded with the others (an import), and the
/// heap the loaded index holds per article. Prints one JSON line, with checksums of the results so that a change to
/// the index can be shown not to move them.
/// </summary>
internal static class BenchIndexCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A folder or an archive of articles." };
        var threads = ClusterCommand.ThreadsOption();
        var assign = new Option<int>("--assign") { Description = "Articles to place with Assign after loading the rest (default 20000).", DefaultValueFactory = _ => 20000 };
        var batch = new Option<int>("--batch") { Description = "Assign batch size (default 1000).", DefaultValueFactory = _ => 1000 };
        var repeat = new Option<int>("--repeat") { Description = "Load measurements (median reported, default 3).", DefaultValueFactory = _ => 3 };
        var command = new Command("bench-index", "Time StoryIndex.Load of all articles and Assign of the last ones; print one JSON line.") { input, threads, assign, batch, repeat };
        command.SetAction(result =>
        {
            var path = result.GetValue(input)!;
            if (!Corpus.Exists(path)) return 2;
            var options = Corpus.Options(null, result.GetValue(threads));
            var items = Corpus.ReadAndFingerprint(path, options.MaxThreads, options.Fingerprint);
            var fingerprints = Corpus.Fingerprints(items);
            items = null;
            var n = fingerprints.Count;
            var clusters = new StoryClusterer(options).ClusterFingerprints(fingerprints);
            var clusterOf = new long[n];
            for (var c = 0; c < clusters.Count; c++) foreach (var id in clusters[c]) clusterOf[id] = c + 1;
            var indexed = fingerprints.Select(f => new IndexedArticle(f.Id, clusterOf[f.Id], f.Fingerprint, f.Published)).ToArray();

            // Start-up: Load of every article into an empty index.
            var loads = new List<double>();
            ulong loadChecksum = 0;
            long before = 0, after = 0;
            for (var r = 0; r < Math.Max(1, result.GetValue(repeat)); r++)
            {
                var b = HeapMeasure.CompactedHeapBytes();
                var clock = Stopwatch.StartNew();
                var index = new StoryIndex(options);
                index.Load(indexed);
                loads.Add(clock.Elapsed.TotalSeconds);
                if (r == 0)
                {
                    after = HeapMeasure.CompactedHeapBytes();
                    before = b;
                    loadChecksum = Checksum(index, n);
                }
                GC.KeepAlive(index);
            }
            loads.Sort();

            // Import: Assign of the last articles, in batches, into an index holding the others.
            var take = Math.Clamp(result.GetValue(assign), 0, n);
            var size = Math.Max(1, result.GetValue(batch));
            var live = new StoryIndex(options);
            live.Load(indexed.Take(n - take));
            var assignClock = Stopwatch.StartNew();
            ulong assignChecksum = 0;
            for (var start = n - take; start < n; start += size)
            {
                var chunk = fingerprints.Skip(start).Take(Math.Min(size, n - start)).ToList();
                var started = new List<(long From, long To)>();
                foreach (var a in live.Assign(chunk))
                {
                    assignChecksum = Mix(assignChecksum, (ulong)a.ArticleId, (ulong)a.ClusterId, (ulong)a.Kind,
                        (ulong)BitConverter.DoubleToInt64Bits(a.Similarity), (ulong)(a.CopyOf ?? -1), (ulong)BitConverter.DoubleToInt64Bits(a.CopySimilarity));
                    if (a.Kind == AssignmentKind.StartedNew) started.Add((a.ClusterId, 1_000_000_000 + a.ArticleId));
                }
                foreach (var (from, to) in started) live.RenameCluster(from, to);
            }
            var assignSeconds = assignClock.Elapsed.TotalSeconds;

            Console.Out.WriteLine(JsonSerializer.Serialize(new
            {
                articles = n,
                threads = options.MaxThreads ?? Environment.ProcessorCount,
                index_load_seconds = Math.Round(loads[loads.Count / 2], 4),
                index_load_seconds_all = loads.Select(s => Math.Round(s, 4)).ToArray(),
                assigned = take,
                assign_batch = size,
                assign_seconds = Math.Round(assignSeconds, 4),
                assign_us_per_article = take == 0 ? 0 : Math.Round(assignSeconds * 1e6 / take, 1),
                index_heap_bytes_per_article = n == 0 ? 0 : Math.Round((after - before) / (double)n),
                load_checksum = loadChecksum.ToString("x16"),
                assign_checksum = assignChecksum.ToString("x16"),
            }, CliJson.Options));
            return 0;
        });
        return command;
    }

    /// <summary>Clusters, members and the neighbours of a sample of articles, hashed: equal when the loaded index is equal.</summary>
    private static ulong Checksum(StoryIndex index, int n)
    {
        ulong h = Mix(0, (ulong)index.ArticleCount, (ulong)index.ClusterCount);
        foreach (var c in index.ClusterIds())
        {
            h = Mix(h, (ulong)c);
            foreach (var m in index.Members(c)) h = Mix(h, (ulong)m);
        }
        for (var id = 0; id < n; id += Math.Max(1, n / 500))
        {
            foreach (var (other, similarity) in index.Neighbours(id, 5)) h = Mix(h, (ulong)other, (ulong)BitConverter.DoubleToInt64Bits(similarity));
            h = Mix(h, (ulong)BitConverter.DoubleToInt64Bits(index.MeanSimilarity(id, index.ClusterOf(id) ?? 0)));
        }
        return h;
    }

    private static ulong Mix(ulong h, params ReadOnlySpan<ulong> values)
    {
        foreach (var v in values) h = StableHash.Mix64(h ^ v) + StableHash.GoldenGamma;
        return h;
    }
}
