using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests;

public sealed class ImportApiTests : IClassFixture<NewsAppFactory>
{
    private const string Story = """
        Harbour Bridge Reopens After Storm Repairs

        The harbour bridge reopened to traffic on Friday after three weeks of repairs to storm damage, the city transport office said.

        Engineers replaced two expansion joints and a section of the railing that the storm surge had torn away.
        """;

    private readonly NewsAppFactory _app;

    public ImportApiTests(NewsAppFactory app) => _app = app;

    [Fact]
    public async Task An_upload_answers_202_at_once_and_the_import_reports_each_file_outcome()
    {
        using var client = _app.CreateClient();

        var response = await client.UploadAsync(
            ("bridge.txt", Encoding.UTF8.GetBytes(Story)),
            ("empty.txt", []),
            ("bridge-again.txt", Encoding.UTF8.GetBytes(Story)));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var import = await client.WaitForImportAsync(id);
        import.GetProperty("status").GetString().Should().Be("done");
        import.GetProperty("ingested").GetInt32().Should().Be(1, import.ToString());
        import.GetProperty("duplicates").GetInt32().Should().Be(1);
        import.GetProperty("rejected").GetInt32().Should().Be(1);
        var items = import.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        items["bridge.txt"].GetProperty("status").GetString().Should().Be("ingested");
        items["bridge-again.txt"].GetProperty("status").GetString().Should().Be("duplicate");
        items["empty.txt"].GetProperty("status").GetString().Should().Be("rejected");
        items["empty.txt"].GetProperty("reason").GetString().Should().StartWith("empty");

        var articleId = items["bridge.txt"].GetProperty("articleId").GetInt64();
        var article = await client.GetFromJsonAsync<JsonElement>($"/api/articles/{articleId}");
        article.GetProperty("title").GetString().Should().Be("Harbour Bridge Reopens After Storm Repairs");
        article.GetProperty("text").GetString().Should().Contain("expansion joints");
        article.GetProperty("rawText").GetString().Should().Contain("Harbour Bridge");
        article.GetProperty("contentHash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");
        var clusterId = article.GetProperty("clusterId").GetInt64();
        var cluster = await client.GetFromJsonAsync<JsonElement>($"/api/clusters/{clusterId}");
        cluster.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetInt64()).Should().Contain(articleId);
    }

    [Fact]
    public async Task Uploading_the_same_dump_twice_changes_nothing_the_second_time()
    {
        using var client = _app.CreateClient();
        var file = ("harbour.txt", Encoding.UTF8.GetBytes(Story.Replace("Friday", "Saturday")));
        var first = await client.WaitForImportAsync(await IdOf(await client.UploadAsync(file)));
        var articlesBefore = await _app.WithDbAsync(db => db.Articles.CountAsync());
        var clustersBefore = await _app.WithDbAsync(db => db.Clusters.CountAsync());

        var second = await client.WaitForImportAsync(await IdOf(await client.UploadAsync(file)));

        first.GetProperty("ingested").GetInt32().Should().Be(1);
        second.GetProperty("ingested").GetInt32().Should().Be(0);
        second.GetProperty("duplicates").GetInt32().Should().Be(1);
        (await _app.WithDbAsync(db => db.Articles.CountAsync())).Should().Be(articlesBefore);
        (await _app.WithDbAsync(db => db.Clusters.CountAsync())).Should().Be(clustersBefore);
    }

    [Fact]
    public async Task An_upload_without_files_is_refused_with_a_problem_body()
    {
        using var client = _app.CreateClient();

        var response = await client.PostAsync("/api/imports", new MultipartFormDataContent { { new StringContent("x"), "note" } });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("files");
    }

    [Fact]
    public async Task Unknown_imports_articles_and_clusters_answer_404_with_problem_details()
    {
        using var client = _app.CreateClient();

        foreach (var url in new[] { "/api/imports/987654", "/api/articles/987654", "/api/clusters/987654" })
        {
            var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, url);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", url);
        }
    }

    [Fact]
    public async Task The_cluster_list_pages_and_searches_titles()
    {
        using var client = _app.CreateClient();

        var all = await client.GetFromJsonAsync<JsonElement>("/api/clusters");
        var found = await client.GetFromJsonAsync<JsonElement>("/api/clusters?q=Zelensky%20nothing-matches-this");
        var russia = await client.GetFromJsonAsync<JsonElement>("/api/clusters?q=Russia&page=1");

        all.GetProperty("total").GetInt32().Should().BeGreaterThan(0);
        found.GetProperty("total").GetInt32().Should().Be(0);
        russia.GetProperty("clusters").EnumerateArray().Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_openapi_document_describes_the_import_and_story_endpoints()
    {
        using var client = _app.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        document.Should().Contain("/api/imports").And.Contain("/api/clusters/{id}").And.Contain("/api/articles/{id}");
    }

    private static async Task<long> IdOf(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }
}
