using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task A_fresh_database_file_is_created_migrated_and_filled_with_the_seeds()
    {
        using var app = new NewsAppFactory();
        using var client = app.CreateClient();

        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        File.Exists(app.DatabasePath).Should().BeTrue();
        var pending = await app.WithDbAsync(db => db.Database.GetPendingMigrationsAsync());
        pending.Should().BeEmpty();
        var articles = await app.WithDbAsync(db => db.Articles.CountAsync());
        articles.Should().Be(SeedCorpus.Articles().Count).And.Be(5);
    }

    [Fact]
    public async Task The_seeds_form_one_story_of_four_rewrites_and_one_separate_story()
    {
        using var app = new NewsAppFactory();
        app.CreateClient().Dispose();

        var groups = await app.WithDbAsync(db => db.Articles.GroupBy(a => a.ClusterId)
            .Select(g => g.Select(a => a.OriginPath).ToList()).ToListAsync());

        groups.Select(g => string.Join(",", g.Select(p => p[..3]).Order()))
            .Should().BeEquivalentTo(["000,001,002,003", "004"]);
    }

    [Fact]
    public async Task Health_reports_a_reachable_database()
    {
        using var app = new NewsAppFactory();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("database").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Deep_health_checks_the_store_invariants_and_sqlite_integrity()
    {
        using var app = new NewsAppFactory();
        using var client = app.CreateClient();

        var body = await client.GetFromJsonAsync<JsonElement>("/health?deep=1");

        body.GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("invariants").GetProperty("holds").GetBoolean().Should().BeTrue();
        body.GetProperty("invariants").GetProperty("integrityCheck").GetString().Should().Be("ok");
    }

    [Fact]
    public async Task Deep_health_reports_an_article_whose_cluster_is_gone()
    {
        using var app = new NewsAppFactory();
        using var client = app.CreateClient();
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("PRAGMA foreign_keys = OFF; DELETE FROM Clusters WHERE Id = (SELECT MIN(Id) FROM Clusters);"));

        var response = await client.GetAsync("/health?deep=1");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("invariants").GetProperty("violations").TryGetProperty("articles without an existing cluster", out _).Should().BeTrue();
    }

    [Fact]
    public async Task An_editor_backup_is_a_consistent_copy_of_the_database()
    {
        using var app = new NewsAppFactory();
        using var client = app.CreateEditorClient();
        (await app.CreateClient().PostAsync("/api/admin/backup", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        var response = await client.PostAsync("/api/admin/backup", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var path = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        await using var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await copy.OpenAsync();
        await using var count = copy.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Articles";
        Convert.ToInt32(await count.ExecuteScalarAsync()).Should().Be(5);
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_does_not_ingest_the_seeds_again()
    {
        var folder = Directory.CreateTempSubdirectory("newscluster-restart-").FullName;
        try
        {
            int firstArticles, firstClusters;
            using (var first = NewsAppFactory.OnFolder(folder))
            {
                first.CreateClient().Dispose();
                firstArticles = await first.WithDbAsync(db => db.Articles.CountAsync());
                firstClusters = await first.WithDbAsync(db => db.Clusters.CountAsync());
            }

            using var second = NewsAppFactory.OnFolder(folder);
            second.CreateClient().Dispose();

            firstArticles.Should().Be(5);
            (await second.WithDbAsync(db => db.Articles.CountAsync())).Should().Be(firstArticles);
            (await second.WithDbAsync(db => db.Clusters.CountAsync())).Should().Be(firstClusters);
        }
        finally
        {
            NewsAppFactory.TryDelete(folder);
        }
    }
}
