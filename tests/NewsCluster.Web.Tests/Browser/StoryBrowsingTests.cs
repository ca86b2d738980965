using Microsoft.Playwright;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Browser;

public sealed class StoryBrowsingTests
{
    [BrowserFact]
    public async Task A_reader_opens_the_home_page_and_follows_a_story_link_to_its_articles()
    {
        using var app = NewsAppFactory.WithKestrel();
        app.StartServer();
        var baseUrl = app.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var failures = new List<string>();
        page.Response += (_, response) => { if (response.Status >= 400) failures.Add($"{response.Status} {response.Url}"); };
        page.RequestFailed += (_, request) => failures.Add($"failed {request.Url}: {request.Failure}");

        await page.GotoAsync(baseUrl + "/");
        var firstStory = page.Locator("a.story-link").First;
        var headline = (await firstStory.InnerTextAsync()).Trim();
        await Chromium.ScreenshotAsync(page, "home");
        await firstStory.ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/stories/\\d+$"));
        (await page.Locator("h1.story-headline").InnerTextAsync()).Trim().Should().Be(headline);
        (await page.Locator(".story-articles .article-title").CountAsync()).Should().BeGreaterThan(0);
        await Chromium.ScreenshotAsync(page, "story");
        failures.Should().BeEmpty("every page resource (styles, scripts) must load");
    }
}
