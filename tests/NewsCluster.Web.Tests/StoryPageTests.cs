using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests;

public sealed partial class StoryPageTests : IClassFixture<NewsAppFactory>
{
    private readonly NewsAppFactory _app;

    public StoryPageTests(NewsAppFactory app) => _app = app;

    [Fact]
    public async Task The_home_page_lists_every_story_with_a_seed_headline_and_covers_all_seed_articles()
    {
        using var client = _app.CreateClient();

        var html = await client.GetStringAsync("/");

        var seedTitles = SeedCorpus.Articles().Select(a => a.Title).ToList();
        var headlines = StoryLink().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["headline"].Value)).ToList();
        headlines.Should().NotBeEmpty().And.OnlyContain(h => seedTitles.Contains(h));
        var counts = ArticleCount().Matches(html).Sum(m => int.Parse(m.Groups["count"].Value));
        counts.Should().Be(seedTitles.Count);
    }

    [Fact]
    public async Task A_story_page_lists_the_titles_of_its_articles()
    {
        using var client = _app.CreateClient();
        var cluster = await _app.WithDbAsync(db => db.Clusters.Include(c => c.Articles).OrderByDescending(c => c.ArticleCount).FirstAsync());

        var html = await client.GetStringAsync($"/stories/{cluster.Id}");

        var shown = ArticleTitle().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["title"].Value)).ToList();
        shown.Should().BeEquivalentTo(cluster.Articles.Select(a => a.Title));
    }

    [Fact]
    public async Task An_unknown_story_answers_not_found()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/stories/999999");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [GeneratedRegex("""class="story-link" href="/stories/\d+">(?<headline>[^<]+)</a>""")]
    private static partial Regex StoryLink();

    [GeneratedRegex("""<a class="article-title" href="/articles/\d+">(?<title>[^<]+)</a>""")]
    private static partial Regex ArticleTitle();

    [GeneratedRegex("""<td class="text-end article-count">(?<count>\d+)</td>""")]
    private static partial Regex ArticleCount();
}
