using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Reliability;

/// <summary>
/// The real app as a child process, killed with SIGKILL in the middle of an import and started again on the same
/// database; and stopped with SIGTERM while idle.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    // Large enough that the import is still running when the first batch has committed (a batch is 1,000 articles).
    private const int ArticleCount = 10000;
    private const int SeedArticles = 5;

    private readonly string _folder = Directory.CreateTempSubdirectory("newscluster-crash-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        NewsAppFactory.TryDelete(_folder);
    }

    [Fact]
    public async Task An_import_killed_mid_way_resumes_after_a_restart_and_stores_every_article_exactly_once()
    {
        long importId;
        int processedAtKill;
        await using (var first = await AppProcess.StartAsync(_folder))
        {
            using var client = first.CreateClient();
            var upload = await client.UploadAsync(("dump.zip", TestCorpus.DistinctArticlesZip(ArticleCount)));
            upload.StatusCode.Should().Be(HttpStatusCode.Accepted, await upload.Content.ReadAsStringAsync());
            importId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

            var running = await PollAsync(client, importId, i => i.GetProperty("processed").GetInt32() > 0, TimeSpan.FromSeconds(20));
            await first.KillAsync();
            processedAtKill = running.GetProperty("processed").GetInt32();
            running.GetProperty("status").GetString().Should().Be("running", "the kill must land while the import runs");
        }
        processedAtKill.Should().BeInRange(1, ArticleCount - 1);
        // A crash between saving an upload and recording its import leaves a folder no import owns.
        var leftover = Directory.CreateDirectory(Path.Combine(_folder, "uploads", "leftover-from-a-crash"));
        File.WriteAllText(Path.Combine(leftover.FullName, "orphan.txt"), "left behind");

        await using var second = await AppProcess.StartAsync(_folder);
        using var again = second.CreateClient();
        var finished = await PollAsync(again, importId, i => i.GetProperty("status").GetString() is "done" or "failed", TimeSpan.FromSeconds(25));

        finished.GetProperty("status").GetString().Should().Be("done", second.Output);
        finished.GetProperty("processed").GetInt32().Should().Be(ArticleCount);
        finished.GetProperty("ingested").GetInt32().Should().Be(ArticleCount);
        finished.GetProperty("rejected").GetInt32().Should().Be(0);
        var items = (await again.GetFromJsonAsync<JsonElement>($"/api/imports/{importId}")).GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("name").GetString()).Should().OnlyHaveUniqueItems().And.HaveCount(ArticleCount);
        items.Should().OnlyContain(i => i.GetProperty("status").GetString() == "ingested");

        (await ScalarAsync(second.DatabasePath, "SELECT COUNT(*) FROM Articles")).Should().Be(ArticleCount + SeedArticles);
        (await ScalarAsync(second.DatabasePath, "SELECT COUNT(*) FROM (SELECT ContentHash FROM Articles GROUP BY ContentHash HAVING COUNT(*) > 1)"))
            .Should().Be(0, "no article may be stored twice");
        (await ScalarAsync(second.DatabasePath, "SELECT COUNT(*) FROM Articles WHERE Text = '' OR Fingerprint IS NULL"))
            .Should().Be(0, "no half-written article");
        await ShouldHoldInvariantsAsync(again);
        Directory.EnumerateFileSystemEntries(second.UploadFolder).Should().BeEmpty("the finished import's folder and the crash leftover are removed");
    }

    [Fact]
    public async Task SIGTERM_on_an_idle_app_exits_cleanly_and_checkpoints_the_write_ahead_log()
    {
        await using var app = await AppProcess.StartAsync(_folder);
        using (var client = app.CreateClient())
        {
            // Some writes, so the WAL has something to fold back.
            var upload = await client.UploadAsync(("dump.zip", TestCorpus.DistinctArticlesZip(50)));
            var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            await PollAsync(client, id, i => i.GetProperty("status").GetString() == "done", TimeSpan.FromSeconds(20));
        }

        await app.TerminateAsync(TimeSpan.FromSeconds(20));

        app.ExitCode.Should().Be(0, app.Output);
        var wal = new FileInfo(app.DatabasePath + "-wal");
        (wal.Exists ? wal.Length : 0).Should().Be(0, "a clean stop checkpoints the WAL into the database file");
        (await ScalarAsync(app.DatabasePath, "SELECT COUNT(*) FROM Articles")).Should().Be(50 + SeedArticles);
    }

    private static async Task ShouldHoldInvariantsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health?deep=1");
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var invariants = JsonDocument.Parse(body).RootElement.GetProperty("invariants");
        invariants.GetProperty("holds").GetBoolean().Should().BeTrue(body);
        invariants.GetProperty("integrityCheck").GetString().Should().Be("ok");
    }

    /// <summary>Polls <c>GET /api/imports/{id}?items=false</c> until <paramref name="until"/> holds (bounded).</summary>
    private static async Task<JsonElement> PollAsync(HttpClient client, long id, Func<JsonElement, bool> until, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var import = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}?items=false");
            if (until(import)) return import;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Import {id} did not reach the expected state: {import}");
            await Task.Delay(10);
        }
    }

    private static async Task<long> ScalarAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
