using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

// Usage: NewsCluster.LoadDriver <baseUrl> <zip> <editorPassword> [readers=50] [maxSeconds=180] [maxRequests=500000]
// Uploads the zip, runs the readers over the stories list, story pages and article pages while the import runs and
// one editor merges and splits, then prints requests, errors, latency percentiles and the deep health check.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: NewsCluster.LoadDriver <baseUrl> <zip> <editorPassword> [readers] [maxSeconds] [maxRequests]");
    return 2;
}
var baseUrl = new Uri(args[0]);
if (!baseUrl.IsLoopback)
{
    Console.Error.WriteLine("refusing a non-loopback address: this driver only loads a local app");
    return 2;
}
var zip = args[1];
var password = args[2];
var readers = args.Length > 3 ? int.Parse(args[3]) : 50;
var maxDuration = TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4]) : 180);
var maxRequests = args.Length > 5 ? long.Parse(args[5]) : 500_000;
// Readers go on at least this long, so a fast import still yields enough samples.
var minDuration = TimeSpan.FromSeconds(args.Length > 6 ? int.Parse(args[6]) : 15);

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = readers + 4, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
{
    BaseAddress = baseUrl,
    Timeout = TimeSpan.FromSeconds(30),
};
using var editor = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
editor.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + password)));

var samples = new ConcurrentQueue<(string Kind, double Ms, bool Ok, string Detail)>();
var editorOutcomes = new ConcurrentQueue<(string Edit, int Status)>();
var clusterIds = new long[] { };
var articleIds = new long[] { };
long requests = 0;

await RefreshIdsAsync();
// Warm-up outside the measurement: the first request of each page kind pays for JIT compilation.
foreach (var warm in new[] { "/", "/?page=2", clusterIds.Length > 0 ? $"/stories/{clusterIds[0]}" : "/", articleIds.Length > 0 ? $"/articles/{articleIds[0]}" : "/" })
    for (var i = 0; i < 3; i++) (await http.GetAsync(warm)).Dispose();
using var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(zip)), "files", Path.GetFileName(zip) } };
var upload = await http.PostAsync("/api/imports", form);
if ((int)upload.StatusCode != 202)
{
    Console.Error.WriteLine($"upload refused: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}");
    return 1;
}
var importId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
var clock = Stopwatch.StartNew();
using var stop = new CancellationTokenSource(maxDuration);
JsonElement finalImport = default;
double importSeconds = double.NaN;

var watcher = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        var import = await http.GetFromJsonAsync<JsonElement>($"/api/imports/{importId}?items=false");
        if (import.GetProperty("status").GetString() is "done" or "failed")
        {
            finalImport = import;
            importSeconds = clock.Elapsed.TotalSeconds;
            var rest = minDuration - clock.Elapsed;
            if (rest > TimeSpan.Zero) await Task.Delay(rest);
            stop.Cancel();
            return;
        }
        await RefreshIdsAsync();
        await Task.Delay(500);
    }
});

var readerTasks = Enumerable.Range(0, readers).Select(r => Task.Run(async () =>
{
    var random = new Random(r);
    while (!stop.IsCancellationRequested && Interlocked.Increment(ref requests) <= maxRequests)
    {
        var clusters = Volatile.Read(ref clusterIds);
        var articles = Volatile.Read(ref articleIds);
        var (kind, url) = random.Next(4) switch
        {
            0 => ("list", random.Next(3) == 0 ? "/?page=2" : "/"),
            1 or 2 when clusters.Length > 0 => ("story", $"/stories/{clusters[random.Next(clusters.Length)]}"),
            _ when articles.Length > 0 => ("article", $"/articles/{articles[random.Next(articles.Length)]}"),
            _ => ("list", "/"),
        };
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            // A story merged away between listing and reading answers 404: a race, not an error.
            var ok = response.IsSuccessStatusCode || (kind == "story" && (int)response.StatusCode == 404);
            samples.Enqueue((kind, ms, ok, ok ? "" : $"{(int)response.StatusCode} {url}"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            if (stop.IsCancellationRequested) return;
            samples.Enqueue((kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, false, $"{ex.GetType().Name} {url}"));
        }
    }
})).ToList();

var editorTask = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        var page = await editor.GetFromJsonAsync<JsonElement>("/api/clusters?sort=size");
        var top = page.GetProperty("clusters").EnumerateArray().Take(2).Select(c => c.GetProperty("id").GetInt64()).ToArray();
        if (top.Length == 2)
        {
            var merge = await editor.PostAsJsonAsync("/api/clusters/merge", new { clusterIds = top });
            editorOutcomes.Enqueue(("merge", (int)merge.StatusCode));
            if (merge.IsSuccessStatusCode)
            {
                var target = (await merge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clusterId").GetInt64();
                var members = await editor.GetFromJsonAsync<JsonElement>($"/api/clusters/{target}");
                var first = members.GetProperty("articles").EnumerateArray().First().GetProperty("id").GetInt64();
                var split = await editor.PostAsJsonAsync($"/api/clusters/{target}/split", new { articleIds = new[] { first } });
                editorOutcomes.Enqueue(("split", (int)split.StatusCode));
            }
        }
        await Task.Delay(250);
    }
});

await Task.WhenAll(readerTasks);
stop.Cancel();
await Task.WhenAll(watcher.ContinueWith(_ => { }), editorTask.ContinueWith(_ => { }));
var elapsed = clock.Elapsed;
var health = await http.GetAsync("/health?deep=1");
var healthBody = await health.Content.ReadAsStringAsync();

var all = samples.ToList();
Console.WriteLine($"import: {(finalImport.ValueKind == JsonValueKind.Undefined ? "not finished within the bound" : finalImport.ToString())}");
Console.WriteLine($"duration: {elapsed.TotalSeconds:0.0} s (import done after {importSeconds:0.0} s; readers go on for at least {minDuration.TotalSeconds:0} s), readers: {readers}");
Console.WriteLine($"requests: {all.Count}, errors: {all.Count(s => !s.Ok)}, throughput: {all.Count / elapsed.TotalSeconds:0} req/s");
foreach (var group in all.GroupBy(s => s.Kind).OrderBy(g => g.Key).Prepend(all.GroupBy(_ => "all").Single()))
{
    var ms = group.Select(s => s.Ms).Order().ToArray();
    Console.WriteLine($"  {group.Key,-8} n={ms.Length,-7} p50={Percentile(ms, 50),7:0.0} ms  p95={Percentile(ms, 95),7:0.0} ms  p99={Percentile(ms, 99),7:0.0} ms  max={ms[^1],7:0.0} ms");
}
foreach (var error in all.Where(s => !s.Ok).GroupBy(s => s.Detail).OrderByDescending(g => g.Count()).Take(10))
    Console.WriteLine($"  error x{error.Count()}: {error.Key}");
Console.WriteLine("editor: " + string.Join(", ", editorOutcomes.GroupBy(o => $"{o.Edit} {o.Status}").OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")));
Console.WriteLine($"health?deep=1: {(int)health.StatusCode} {healthBody}");
return all.Any(s => !s.Ok) || !health.IsSuccessStatusCode ? 1 : 0;

async Task RefreshIdsAsync()
{
    try
    {
        var page = await http.GetFromJsonAsync<JsonElement>("/api/clusters?page=1");
        var clusters = page.GetProperty("clusters").EnumerateArray().Select(c => c.GetProperty("id").GetInt64()).ToArray();
        var articles = new List<long>();
        foreach (var id in clusters.Take(10))
        {
            var cluster = await http.GetFromJsonAsync<JsonElement>($"/api/clusters/{id}");
            articles.AddRange(cluster.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()));
        }
        if (clusters.Length > 0) Volatile.Write(ref clusterIds, clusters);
        if (articles.Count > 0) Volatile.Write(ref articleIds, articles.ToArray());
    }
    catch (HttpRequestException)
    {
        // A refresh missed: keep the previous ids.
    }
}

static double Percentile(double[] sorted, double p) =>
    sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
