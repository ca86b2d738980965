using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests;

public sealed class ReaderPagesTests : IClassFixture<NewsAppFactory>
{
    private readonly NewsAppFactory _app;

    public ReaderPagesTests(NewsAppFactory app) => _app = app;

    [Fact]
    public async Task The_story_page_shows_two_variants_side_by_side_with_differences_marked_and_lets_the_reader_choose_columns()
    {
        using var client = _app.CreateClient();
        var story = await _app.WithDbAsync(db => db.Clusters.OrderByDescending(c => c.ArticleCount).Select(c => c.Id).FirstAsync());
        var members = await _app.WithDbAsync(db => db.Articles.Where(a => a.ClusterId == story).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());

        var standard = await client.GetStringAsync($"/stories/{story}");
        var three = await client.GetStringAsync($"/stories/{story}?compare={members[0]}&compare={members[1]}&compare={members[2]}");

        CountOf(standard, "class=\"card h-100 variant\"").Should().Be(2);
        standard.Should().Contain("<mark class=\"diff\">");
        CountOf(three, "class=\"card h-100 variant\"").Should().Be(3);
        foreach (var id in members) standard.Should().Contain($"href=\"/articles/{id}\"");
    }

    [Fact]
    public async Task The_article_page_shows_cleaned_beside_raw_text_and_its_nearest_articles_with_an_explanation()
    {
        using var client = _app.CreateClient();
        var article = await _app.WithDbAsync(db => db.Articles.OrderBy(a => a.Id).FirstAsync(a => a.OriginPath.StartsWith("000")));

        var html = await client.GetStringAsync($"/articles/{article.Id}");

        html.Should().Contain("Cleaned text").And.Contain("Raw text as imported");
        html.Should().Contain("same story").And.Contain("Shared terms:").And.Contain("weighted similarity");
        (await client.GetAsync("/articles/987654")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Markup_in_an_uploaded_title_and_text_is_shown_as_text_on_every_page()
    {
        using var client = _app.CreateClient();
        const string title = "<script>alert('owned')</script> Harbour <b>Tunnel</b> Flooded";
        var file = Encoding.UTF8.GetBytes(title + "\n\nThe harbour tunnel flooded overnight <img src=x onerror=alert(2)> and stayed closed for the morning commute.\n\nCrews pumped water out until noon.\n");
        var upload = await client.UploadAsync(("<i>evil</i>.txt", file));
        var id = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var import = await client.WaitForImportAsync(id);
        var articleId = import.GetProperty("items")[0].GetProperty("articleId").GetInt64();
        var clusterId = await _app.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).Select(a => a.ClusterId).SingleAsync());

        foreach (var url in new[] { "/", "/?q=harbour", $"/stories/{clusterId}", $"/articles/{articleId}" })
        {
            var html = await client.GetStringAsync(url);
            html.Should().NotContain("<script>alert", url).And.NotContain("<img src=x", url).And.NotContain("<b>Tunnel", url);
            html.Should().Contain("&lt;script&gt;", url);
        }
    }

    [Fact]
    public async Task Every_page_sends_a_content_security_policy_without_inline_script_and_the_other_security_headers()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/");

        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.Should().Contain("script-src 'self'").And.NotContain("unsafe-inline");
        response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        response.Headers.GetValues("Referrer-Policy").Single().Should().Be("same-origin");
        foreach (var page in new[] { "/", "/account/login", "/audit", "/upload", "/imports" })
        {
            var html = await client.GetStringAsync(page);
            html.Should().NotContain("<script>", page).And.NotContain(" onclick=", page).And.NotContain(" style=\"", page);
        }
    }

    [Fact]
    public async Task The_stories_list_searches_text_sorts_by_size_and_filters_suspect_clusters()
    {
        using var client = _app.CreateClient();

        var search = await client.GetStringAsync("/?q=Zakharova");
        var bySize = await client.GetStringAsync("/?sort=size");
        var nothing = await client.GetStringAsync("/?q=%22%29%20OR%20*");

        search.Should().Contain("1 stories matching").And.Contain("Russia Open to Peace Negotiations");
        var firstCount = System.Text.RegularExpressions.Regex.Match(bySize, """article-count">(\d+)<""").Groups[1].Value;
        firstCount.Should().Be("4");
        nothing.Should().Contain("No stories match");
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;
}
