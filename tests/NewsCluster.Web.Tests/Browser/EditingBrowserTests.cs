using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Browser;

public sealed class EditingBrowserTests
{
    [BrowserFact]
    public async Task An_editor_logs_in_splits_an_article_out_merges_it_back_and_undoes_the_merge()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await session.LogInAsync();
        var story = await session.App.WithDbAsync(db => db.Clusters.OrderByDescending(c => c.ArticleCount).Select(c => c.Id).FirstAsync());

        await session.GotoAsync($"/stories/{story}");
        await page.Locator(".story-articles input[name=articleIds]").Last.CheckAsync();
        await page.ClickAsync("button[form=split-form]");
        await page.WaitForSelectorAsync(".edit-notice");
        (await page.Locator(".edit-notice").InnerTextAsync()).Should().Contain("Split 1 of 4 articles");
        var splitOff = long.Parse(Regex.Match(page.Url, "/stories/(\\d+)").Groups[1].Value);
        splitOff.Should().NotBe(story);
        await Chromium.ScreenshotAsync(page, "after-split");

        await page.FillAsync("input.merge-other", story.ToString());
        await page.ClickAsync("form:has(input.merge-other) button[type=submit]");
        await page.WaitForSelectorAsync(".edit-notice");
        (await page.Locator(".edit-notice").InnerTextAsync()).Should().Contain("Merged 2 stories");
        (await page.Locator(".story-articles .article-title").CountAsync()).Should().Be(4);

        await page.ClickAsync(".edit-notice button:has-text('Undo')");
        await page.WaitForSelectorAsync(".edit-notice");
        (await page.Locator(".edit-notice").InnerTextAsync()).Should().Contain("Undid");
        var clusterOfSplit = await session.App.WithDbAsync(db => db.Articles.Where(a => a.ClusterId == splitOff).CountAsync());
        clusterOfSplit.Should().Be(1, "undoing the merge puts the split-off article back on its own");
        await session.GotoAsync("/audit");
        (await page.Locator(".audit-log tbody tr").CountAsync()).Should().Be(3);
        await Chromium.ScreenshotAsync(page, "audit-log");
        session.Problems.Should().BeEmpty();
    }

    [BrowserFact]
    public async Task A_title_with_a_script_tag_in_an_uploaded_file_shows_as_text_and_runs_nothing()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; dialog.DismissAsync(); };
        const string title = "<script>window.__xss = 1; alert(1)</script><img src=x onerror=\"window.__xss = 2\"> Ferry Strike Ends";
        using var client = session.App.CreateClient();
        var response = await client.UploadAsync(("ferry.txt", Encoding.UTF8.GetBytes(title + "\n\nThe ferry crews ended their strike after two days of talks with the port authority.\n\nServices resume on Monday morning.\n")));
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content)).GetProperty("id").GetInt64();
        var import = await client.WaitForImportAsync(id);
        var articleId = import.GetProperty("items")[0].GetProperty("articleId").GetInt64();
        var clusterId = await session.App.WithDbAsync(db => db.Articles.Where(a => a.Id == articleId).Select(a => a.ClusterId).SingleAsync());

        foreach (var path in new[] { "/", $"/stories/{clusterId}", $"/articles/{articleId}" })
        {
            await session.GotoAsync(path);
            (await page.EvaluateAsync<bool>("() => window.__xss === undefined")).Should().BeTrue(path);
            (await page.ContentAsync()).Should().Contain("&lt;script&gt;", path);
        }
        (await page.Locator("h1.article-heading").InnerTextAsync()).Should().Contain("<script>");
        await Chromium.ScreenshotAsync(page, "script-title-as-text");
        dialogs.Should().Be(0);
    }
}
