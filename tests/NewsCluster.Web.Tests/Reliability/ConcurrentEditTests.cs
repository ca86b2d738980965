using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Health;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Reliability;

/// <summary>Editors racing each other on the same stories through the API: refusals are fine, lost or doubled membership is not.</summary>
public sealed class ConcurrentEditTests : IDisposable
{
    private const int Editors = 8;
    private const int EditsPerEditor = 25;

    private readonly NewsAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Parallel_merges_splits_and_moves_on_the_same_stories_keep_every_article_in_exactly_one_story()
    {
        using (var uploader = _app.CreateClient())
        {
            var upload = await uploader.UploadAsync(("dump.zip", TestCorpus.DistinctArticlesZip(30)));
            var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            (await uploader.WaitForImportAsync(id)).GetProperty("status").GetString().Should().Be("done");
        }
        var articles = await _app.WithDbAsync(db => db.Articles.Select(a => a.Id).OrderBy(a => a).ToListAsync());
        var outcomes = new ConcurrentBag<(string Edit, HttpStatusCode Status, string Body)>();

        await Task.WhenAll(Enumerable.Range(0, Editors).Select(editor => Task.Run(async () =>
        {
            var random = new Random(1000 + editor);
            // The editor cookie, not Basic: hashing the password on each of hundreds of requests would dominate the test.
            using var editorSession = new FormClient(_app);
            (await editorSession.LogInAsync()).StatusCode.Should().Be(HttpStatusCode.Redirect);
            var client = editorSession.Http;
            for (var i = 0; i < EditsPerEditor; i++)
            {
                // Every editor works on the same few stories: the ones holding the first articles.
                var hot = await _app.WithDbAsync(db => db.Articles.Where(a => articles.Take(8).Contains(a.Id)).Select(a => a.ClusterId).Distinct().ToListAsync());
                (string Edit, HttpResponseMessage Response) attempt = ((i + editor) % 3) switch
                {
                    0 => ("merge", await client.PostAsJsonAsync("/api/clusters/merge", new { clusterIds = Pick(random, hot, 2) })),
                    1 => ("split", await client.PostAsJsonAsync($"/api/clusters/{hot[random.Next(hot.Count)]}/split",
                        new { articleIds = new[] { articles[random.Next(8)] } })),
                    _ => ("move", await client.PostAsJsonAsync($"/api/articles/{articles[random.Next(articles.Count)]}/move",
                        new { clusterId = hot[random.Next(hot.Count)] })),
                };
                outcomes.Add((attempt.Edit, attempt.Response.StatusCode, await attempt.Response.Content.ReadAsStringAsync()));
            }
        })));

        outcomes.Should().HaveCount(Editors * EditsPerEditor);
        outcomes.Where(o => o.Status is not (HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict))
            .Should().BeEmpty("a race may refuse an edit, never fail it");
        outcomes.Count(o => o.Status == HttpStatusCode.OK).Should().BeGreaterThan(Editors * EditsPerEditor / 4, "most edits go through");
        (await _app.WithDbAsync(db => db.Articles.Select(a => a.Id).OrderBy(a => a).ToListAsync())).Should().Equal(articles, "no article lost or added");
        var report = await _app.WithDbAsync(db => StoreInvariants.CheckAsync(db, CancellationToken.None));
        report.Holds.Should().BeTrue(string.Join("; ", report.Violations.Select(v => $"{v.Key}: {v.Value}")) + " " + report.IntegrityCheck);
        var stored = await _app.WithDbAsync(db => db.Articles.ToDictionaryAsync(a => a.Id, a => a.ClusterId));
        var index = _app.Services.GetRequiredService<StoryIndexHolder>().Index;
        stored.Should().OnlyContain(pair => index.ClusterOf(pair.Key) == pair.Value, "the live index agrees with the database on every article's story");
        index.ClusterIds().Sum(c => index.Members(c).Count).Should().Be(articles.Count, "the index holds each article once");
    }

    private static long[] Pick(Random random, List<long> from, int count) =>
        from.Count < count ? [.. from, from[0]] : from.OrderBy(_ => random.Next()).Take(count).ToArray();
}
