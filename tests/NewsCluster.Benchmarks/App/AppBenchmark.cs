using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NewsCluster.Benchmarks.App;

/// <summary>
/// End-to-end figures of the real app (issue 7): builds it in Release, generates corpora with the CLI, starts the app
/// on 127.0.0.1 against a fresh SQLite file, imports, fills the store, measures page latency under concurrent
/// readers, restart time, memory and an incremental import, and prints one JSON line.
/// Run: dotnet run -c Release --project tests/NewsCluster.Benchmarks -- app [--stored 100000] [--readers 8] [--requests 400]
/// </summary>
internal static class AppBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var stored = IntOption(args, "--stored", 100_000);
        var readers = IntOption(args, "--readers", 8);
        var requestsPerKind = IntOption(args, "--requests", 400);
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("newscluster-bench-").FullName;
        var results = new Dictionary<string, object>
        {
            ["machine"] = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}",
            ["stored_target"] = stored,
        };
        try
        {
            Step("building the app and the CLI in Release");
            Run("dotnet", $"build -c Release -v q --nologo {Path.Combine(root, "src/NewsCluster.Web")}");
            Run("dotnet", $"build -c Release -v q --nologo {Path.Combine(root, "src/NewsCluster.Cli")}");
            var webDll = Path.Combine(root, "src/NewsCluster.Web/bin/Release/net10.0/NewsCluster.Web.dll");
            var cli = Path.Combine(root, "src/NewsCluster.Cli/bin/Release/net10.0/newscluster.dll");

            Step("generating corpora");
            var first = Corpus(cli, work, "first", 20_000, 11);
            var html = HtmlCorpus(Corpus(cli, work, "html-source", 2_000, 12), Path.Combine(work, "html.zip"));
            // About one generated article in nine is an exact copy (a duplicate, not stored), so generate that much more.
            var toGenerate = (int)(stored * 1.125);
            var fillers = new List<string>();
            for (var generated = 22_000; generated < toGenerate; generated += 20_000)
                fillers.Add(Corpus(cli, work, $"fill{generated}", Math.Min(20_000, toGenerate - generated), 100 + generated / 20_000));
            var increment = Corpus(cli, work, "increment", 1_000, 99);

            var data = Directory.CreateDirectory(Path.Combine(work, "data")).FullName;
            await using (var app = await AppProcess.StartAsync(webDll, data))
            {
                results["startup_empty_seconds"] = Round(app.Startup.TotalSeconds);
                Step("importing 20,000 plain-text articles");
                results["import_20k_text_seconds"] = Round(await ImportAsync(app, first));
                Step("importing 2,000 HTML pages");
                results["import_2k_html_seconds"] = Round(await ImportAsync(app, html));
                foreach (var filler in fillers)
                {
                    Step($"filling the store ({Path.GetFileNameWithoutExtension(filler)})");
                    results[$"import_{Path.GetFileNameWithoutExtension(filler)}_seconds"] = Round(await ImportAsync(app, filler));
                }
            }

            Step("restarting on the filled store");
            await using (var app = await AppProcess.StartAsync(webDll, data))
            {
                results["startup_filled_seconds"] = Round(app.Startup.TotalSeconds);
                results["articles_stored"] = await CountAsync(app, "articles");
                Step("measuring page latency");
                foreach (var (kind, figures) in await PageLatencyAsync(app, readers, requestsPerKind))
                    results[kind] = figures;
                results["resident_mb"] = Round(app.ResidentMegabytes);
                Step("incremental import of 1,000 articles");
                results["import_1k_incremental_seconds"] = Round(await ImportAsync(app, increment));
                results["resident_mb_after"] = Round(app.ResidentMegabytes);
                var health = await app.Client.GetFromJsonAsync<JsonElement>("/health?deep=1");
                results["invariants_hold"] = health.GetProperty("invariants").GetProperty("holds").GetBoolean();
            }
            Console.WriteLine(JsonSerializer.Serialize(results));
            return 0;
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Uploads a zip and waits for the import to end; seconds from the first byte sent to "done".</summary>
    private static async Task<double> ImportAsync(AppProcess app, string zip)
    {
        var clock = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(zip));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "files", Path.GetFileName(zip));
        var response = await app.Client.PostAsync("/api/imports", form);
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        while (true)
        {
            var import = await app.Client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}?items=false");
            var status = import.GetProperty("status").GetString();
            if (status == "done") return clock.Elapsed.TotalSeconds;
            if (status == "failed") throw new InvalidOperationException("Import failed: " + import);
            await Task.Delay(100);
        }
    }

    private static async Task<long> CountAsync(AppProcess app, string what)
    {
        var page = await app.Client.GetFromJsonAsync<JsonElement>("/api/clusters?page=1");
        return what == "articles" ? await ArticleCountAsync(app) : page.GetProperty("total").GetInt64();
    }

    private static async Task<long> ArticleCountAsync(AppProcess app)
    {
        // The highest article id is the count here: the benchmark never removes articles.
        var biggest = await app.Client.GetFromJsonAsync<JsonElement>("/api/clusters?sort=recent&page=1");
        var cluster = await app.Client.GetFromJsonAsync<JsonElement>($"/api/clusters/{biggest.GetProperty("clusters")[0].GetProperty("id").GetInt64()}");
        return cluster.GetProperty("articles").EnumerateArray().Max(a => a.GetProperty("id").GetInt64());
    }

    /// <summary>p50/p95/p99 per page kind with <paramref name="readers"/> concurrent clients on loopback.</summary>
    private static async Task<Dictionary<string, object>> PageLatencyAsync(AppProcess app, int readers, int requestsPerKind)
    {
        var bigStories = (await app.Client.GetFromJsonAsync<JsonElement>("/api/clusters?sort=size&page=1")).GetProperty("clusters")
            .EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToList();
        var articleCount = await ArticleCountAsync(app);
        var words = new[] { "minister", "court", "storm", "election", "strike", "bridge", "police", "market", "council", "river" };
        var kinds = new Dictionary<string, Func<Random, string>>
        {
            ["stories_list"] = r => $"/?p={r.Next(1, 20)}",
            ["story_page"] = r => $"/stories/{bigStories[r.Next(bigStories.Count)]}",
            ["article_page"] = r => $"/articles/{r.Next(1, (int)articleCount + 1)}",
            ["search"] = r => $"/?q={words[r.Next(words.Length)]}",
        };
        var figures = new Dictionary<string, object>();
        foreach (var (kind, url) in kinds)
        {
            for (var i = 0; i < 20; i++) await app.Client.GetAsync(url(new Random(i)));
            var latencies = new List<double>();
            var errors = 0;
            var gate = new Lock();
            await Task.WhenAll(Enumerable.Range(0, readers).Select(reader => Task.Run(async () =>
            {
                var random = new Random(reader * 7919);
                using var client = new HttpClient { BaseAddress = app.Client.BaseAddress };
                for (var i = 0; i < requestsPerKind / readers; i++)
                {
                    var clock = Stopwatch.StartNew();
                    var response = await client.GetAsync(url(random));
                    await response.Content.ReadAsByteArrayAsync();
                    lock (gate)
                    {
                        latencies.Add(clock.Elapsed.TotalMilliseconds);
                        if (!response.IsSuccessStatusCode) errors++;
                    }
                }
            })));
            latencies.Sort();
            figures[kind + "_ms"] = new { p50 = Round(Percentile(latencies, 0.50)), p95 = Round(Percentile(latencies, 0.95)), p99 = Round(Percentile(latencies, 0.99)), requests = latencies.Count, errors };
        }
        return figures;
    }

    private static string Corpus(string cli, string work, string name, int articles, int seed)
    {
        var folder = Path.Combine(work, name);
        Run("dotnet", $"{cli} generate --articles {articles} --seed {seed} --out {folder}");
        var zip = Path.Combine(work, name + ".zip");
        ZipFile.CreateFromDirectory(Path.Combine(folder, "articles"), zip, CompressionLevel.Fastest, includeBaseDirectory: false);
        return zip;
    }

    /// <summary>Wraps generated articles in news-site pages with navigation, related links and a footer around the text.</summary>
    private static string HtmlCorpus(string textZip, string htmlZip)
    {
        using var source = ZipFile.OpenRead(textZip);
        using var target = ZipFile.Open(htmlZip, ZipArchiveMode.Create);
        foreach (var entry in source.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            var paragraphs = reader.ReadToEnd().Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
            var title = System.Net.WebUtility.HtmlEncode(paragraphs[0].Trim());
            var body = string.Concat(paragraphs.Skip(1).Select(p => "<p>" + System.Net.WebUtility.HtmlEncode(p.Trim()) + "</p>\n"));
            var page = $"""
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Bench Times</title>
                <meta property="og:title" content="{title}"><meta property="article:published_time" content="2026-03-0{entry.Name.Length % 9 + 1}T10:00:00Z"></head>
                <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
                <article><h1>{title}</h1>{body}</article>
                <aside class="related"><h2>Related</h2><ul><li><a href="/a">Another story</a></li><li><a href="/b">More news</a></li></ul></aside>
                <footer>© 2026 Bench Times. All rights reserved.</footer></body></html>
                """;
            using var writer = new StreamWriter(target.CreateEntry(Path.ChangeExtension(entry.FullName, ".html"), CompressionLevel.Fastest).Open(), Encoding.UTF8);
            writer.Write(page);
        }
        return htmlZip;
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments} failed:\n{output.Result}\n{error.Result}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double Round(double value) => Math.Round(value, 3);

    private static int IntOption(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    private static void Step(string what) => Console.Error.WriteLine($"[bench-app {DateTime.Now:HH:mm:ss}] {what}");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NewsCluster.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository.");
    }
}
