using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace NewsCluster.Web.Tests.Browser;

public sealed class StoryBrowsingTests
{
    [BrowserFact]
    public async Task A_reader_opens_the_seed_story_and_sees_the_rewrites_side_by_side_with_differences_marked()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;

        await session.GotoAsync("/");
        await Chromium.ScreenshotAsync(page, "home");
        var biggest = page.Locator("tr", new() { Has = page.Locator("td.article-count", new() { HasText = "4" }) }).Locator("a.story-link");
        var headline = (await biggest.InnerTextAsync()).Trim();
        await biggest.ClickAsync();

        await page.WaitForURLAsync(new Regex("/stories/\\d+$"));
        (await page.Locator("h1.story-headline").InnerTextAsync()).Should().StartWith(headline);
        (await page.Locator(".story-articles .article-title").CountAsync()).Should().Be(4);
        (await page.Locator("article.variant").CountAsync()).Should().Be(2);
        (await page.Locator("article.variant mark.diff").CountAsync()).Should().BeGreaterThan(10);

        // Choose all four rewrites as columns.
        var boxes = page.Locator("form.compare-picker input[name=compare]");
        for (var i = 0; i < await boxes.CountAsync(); i++) await boxes.Nth(i).CheckAsync();
        await page.ClickAsync("form.compare-picker button[type=submit]");
        await page.WaitForURLAsync(new Regex("compare="));
        (await page.Locator("article.variant").CountAsync()).Should().Be(4);
        await Chromium.ScreenshotAsync(page, "story-four-columns");
        session.Problems.Should().BeEmpty();
    }
}
