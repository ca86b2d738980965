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
