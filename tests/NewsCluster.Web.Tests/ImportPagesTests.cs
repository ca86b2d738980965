using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using NewsCluster.Web.Data;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests;

public sealed class ImportPagesTests : IClassFixture<NewsAppFactory>
{
    private const string Story = """
        Ferry Timetable Doubles for the Summer Season

        The island ferry will run twice as often from June, the harbour authority announced on Tuesday.

        Extra crossings in the early morning are meant for commuters, and the last boat will leave the mainland at midnight.
        """;

    private readonly NewsAppFactory _app;

    public ImportPagesTests(NewsAppFactory app) => _app = app;

    [Fact]
    public async Task The_import_page_shows_the_status_counts_and_each_item_outcome_with_its_reason_and_article_link()
    {
        using var client = _app.CreateClient();
        var id = await UploadAndWaitAsync(client, ("ferry.txt", Story), ("empty.txt", ""), ("ferry-again.txt", Story));

        var page = UploadForm.Parse(await client.GetStringAsync($"/imports/{id}"));

        page.QuerySelector("#import-status")!.TextContent.Should().Be("done");
        page.QuerySelector("#import-progress")!.GetAttribute("data-status").Should().Be("done");
        Count(page, "processed").Should().Be("3");
        Count(page, "ingested").Should().Be("1");
        Count(page, "duplicates").Should().Be("1");
        Count(page, "rejected").Should().Be("1");
        page.QuerySelector<IHtmlProgressElement>("#import-progress-bar")!.Value.Should().Be(1);
        page.QuerySelector(".import-description")!.TextContent.Should().Contain("ferry.txt, empty.txt, ferry-again.txt");
        var rows = Rows(page);
        rows.Select(r => (r.Name, r.Status)).Should().Equal(("ferry.txt", "ingested"), ("empty.txt", "rejected"), ("ferry-again.txt", "duplicate"));
        rows[1].Details.Should().StartWith("empty");
        rows[2].Details.Should().StartWith("duplicate");
        var link = page.QuerySelector<IHtmlAnchorElement>(".import-items-table .article-link")!;
        link.GetAttribute("href").Should().MatchRegex("^/articles/\\d+$");
        link.TextContent.Should().Be("Ferry Timetable Doubles for the Summer Season");
        page.QuerySelector("noscript").Should().BeNull("a finished import does not refresh itself");
        UploadForm.InlineCode(page).Should().BeEmpty();
    }

    [Fact]
    public async Task File_names_titles_and_reasons_with_markup_are_shown_as_text()
    {
        using var client = _app.CreateClient();
        const string hostileName = "<img src=x onerror=alert(1)>.txt";
        const string hostileTitle = "<script>alert('title')</script> Council <b>Votes</b> on the Night Bus";
        var record = JsonSerializer.Serialize(new
        {
            title = hostileTitle,
            text = "The council voted on Wednesday to keep the night bus running for another two years after a petition from shift workers.",
        });
        var id = await UploadAndWaitAsync(client, (hostileName, "   "), ("night-bus.json", record));

        var html = await client.GetStringAsync($"/imports/{id}");

        html.Should().NotContain("<img src=x").And.NotContain("<script>alert(").And.NotContain("<b>Votes</b>");
        var page = UploadForm.Parse(html);
        page.QuerySelectorAll(".import-items-table img, .import-items-table script, .import-items-table b").Should().BeEmpty();
        var rows = Rows(page);
        rows.Should().Contain(r => r.Name == hostileName && r.Status == "rejected");
        page.QuerySelector(".import-items-table .article-link")!.TextContent.Should().Be(hostileTitle);
        page.QuerySelector(".import-description")!.TextContent.Should().Contain(hostileName);

        var list = UploadForm.Parse(await client.GetStringAsync("/imports"));
        list.QuerySelectorAll(".imports-table img").Should().BeEmpty();
        list.QuerySelector($".imports-table a[href='/imports/{id}']")!.Closest("tr")!.TextContent.Should().Contain(hostileName);
    }

    [Fact]
    public async Task The_rejected_filter_shows_only_the_rejected_items()
    {
        using var client = _app.CreateClient();
        var id = await UploadAndWaitAsync(client, ("ferry-summer.txt", Story.Replace("June", "July")), ("nothing.txt", ""), ("notes.pdf", "%PDF-1.4 not an article"));

        var page = UploadForm.Parse(await client.GetStringAsync($"/imports/{id}?show=rejected"));

        Rows(page).Should().HaveCount(2).And.OnlyContain(r => r.Status == "rejected");
        Rows(page).Select(r => r.Name).Should().Equal("nothing.txt", "notes.pdf");
        page.QuerySelector(".item-filters .nav-link.active")!.TextContent.Should().StartWith("Rejected");
        var all = UploadForm.Parse(await client.GetStringAsync($"/imports/{id}"));
        Rows(all).Should().HaveCount(3);
    }

    [Fact]
    public async Task A_large_import_shows_its_items_two_hundred_to_a_page_with_links_to_the_other_pages()
    {
        using var client = _app.CreateClient();
        var id = await _app.WithDbAsync(async db =>
        {
            var job = new ImportJob
            {
                Status = ImportStatus.Done, CreatedUtc = DateTime.UtcNow, Description = "big.zip", FileCount = 1, TotalBytes = 1,
                Folder = Path.Combine(_app.DataFolder, "gone"), ItemsDone = 450, Rejected = 450,
                Items = Enumerable.Range(1, 450).Select(i => new ImportItem { Name = $"big.zip/{i:D4}.txt", Status = ImportItemStatus.Rejected, Reason = "empty: no text" }).ToList(),
            };
            db.Imports.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

        var first = UploadForm.Parse(await client.GetStringAsync($"/imports/{id}"));
        var last = UploadForm.Parse(await client.GetStringAsync($"/imports/{id}?p=3"));
        var beyond = UploadForm.Parse(await client.GetStringAsync($"/imports/{id}?p=99"));

        Rows(first).Should().HaveCount(200);
        Rows(first)[0].Name.Should().Be("big.zip/0001.txt");
        first.QuerySelector(".item-pages")!.TextContent.Should().Contain("Page 1 of 3");
        first.QuerySelector<IHtmlAnchorElement>(".item-pages a[rel=next]")!.GetAttribute("href").Should().Be($"/imports/{id}?p=2");
        Rows(last).Should().HaveCount(50);
        Rows(last)[^1].Name.Should().Be("big.zip/0450.txt");
        last.QuerySelector(".item-pages a[rel=next]").Should().BeNull();
        last.QuerySelector<IHtmlAnchorElement>(".item-pages a[rel=prev]")!.GetAttribute("href").Should().Be($"/imports/{id}?p=2");
        Rows(beyond).Select(r => r.Name).Should().Equal(Rows(last).Select(r => r.Name), "a page past the end shows the last page");
        var filtered = UploadForm.Parse(await client.GetStringAsync($"/imports/{id}?show=rejected&p=2"));
        filtered.QuerySelector<IHtmlAnchorElement>(".item-pages a[rel=next]")!.GetAttribute("href").Should().Be($"/imports/{id}?show=rejected&p=3");
    }

    [Fact]
    public async Task A_running_import_page_says_so_refreshes_itself_without_script_and_names_its_polling_url()
    {
        using var client = _app.CreateClient();
        var id = await AddImportAsync(ImportStatus.Running, itemsDone: 12);

        var page = UploadForm.Parse(await client.GetStringAsync($"/imports/{id}"));

        page.QuerySelector("#import-status")!.TextContent.Should().Be("running");
        var section = page.QuerySelector("#import-progress")!;
        section.GetAttribute("data-status").Should().Be("running");
        section.GetAttribute("data-status-url").Should().Be($"/api/imports/{id}?items=false");
        page.QuerySelector("#import-progress-bar")!.HasAttribute("value").Should().BeFalse("the total is unknown while running");
        Count(page, "processed").Should().Be("12");
        page.QuerySelector("noscript")!.InnerHtml.Should().Contain("http-equiv=\"refresh\"");
        page.Scripts.Should().Contain(s => s.Source!.StartsWith("/js/import-progress.") && s.IsDeferred);
    }

    [Fact]
    public async Task Polling_with_items_false_answers_the_counts_without_the_item_list()
    {
        using var client = _app.CreateClient();
        var id = await UploadAndWaitAsync(client, ("ferry-winter.txt", Story.Replace("June", "December")), ("void.txt", ""));

        var light = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}?items=false");
        var full = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");

        light.GetProperty("status").GetString().Should().Be("done");
        light.GetProperty("processed").GetInt32().Should().Be(2);
        light.GetProperty("ingested").GetInt32().Should().Be(1);
        light.GetProperty("rejected").GetInt32().Should().Be(1);
        light.GetProperty("items").GetArrayLength().Should().Be(0);
        full.GetProperty("items").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task The_imports_list_shows_the_newest_import_first_with_its_status_counts_and_a_link()
    {
        using var client = _app.CreateClient();
        await AddImportAsync(ImportStatus.Failed, itemsDone: 0);
        var newest = await AddImportAsync(ImportStatus.Queued, itemsDone: 0, description: "queued-dump.zip");

        var page = UploadForm.Parse(await client.GetStringAsync("/imports"));

        var first = page.QuerySelector(".imports-table tbody tr")!;
        first.QuerySelector<IHtmlAnchorElement>("a.import-link")!.GetAttribute("href").Should().Be($"/imports/{newest}");
        first.QuerySelector(".import-status")!.TextContent.Should().Be("queued");
        first.QuerySelector(".import-description")!.TextContent.Should().Contain("queued-dump.zip");
        page.QuerySelector("noscript")!.InnerHtml.Should().Contain("refresh", "a queued import is listed, so the list refreshes itself");
        UploadForm.InlineCode(page).Should().BeEmpty();
    }

    [Fact]
    public async Task An_unknown_import_answers_404()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync("/imports/987654321");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_layout_links_to_the_upload_and_imports_pages()
    {
        using var client = _app.CreateClient();

        var page = UploadForm.Parse(await client.GetStringAsync("/"));

        var nav = page.QuerySelectorAll(".navbar-nav a.nav-link").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        nav.Should().ContainInOrder(("Stories", "/"), ("Upload", "/upload"), ("Imports", "/imports"));
    }

    private sealed record Row(string Name, string Status, string Details);

    private static List<Row> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll(".import-items-table tbody tr").Select(tr => new Row(
            tr.QuerySelector(".item-name")!.TextContent.Trim(),
            tr.QuerySelector(".item-status")!.TextContent.Trim(),
            tr.QuerySelector(".item-details")!.TextContent.Trim())).ToList();

    private static string Count(IHtmlDocument page, string field) =>
        page.QuerySelector($".import-counts [data-field={field}]")!.TextContent.Trim();

    private static async Task<long> UploadAndWaitAsync(HttpClient client, params (string Name, string Text)[] files)
    {
        var response = await client.UploadAsync(files.Select(f => (f.Name, Encoding.UTF8.GetBytes(f.Text))).ToArray());
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        (await client.WaitForImportAsync(id)).GetProperty("status").GetString().Should().Be("done");
        return id;
    }

    /// <summary>
    /// An import row in a given state, without files. The worker re-queues unfinished imports once at start; one real
    /// import through the queue first makes sure that pass is over, so it never picks up the hand-made row.
    /// </summary>
    private async Task<long> AddImportAsync(ImportStatus status, int itemsDone, string description = "recorded.zip")
    {
        using (var client = _app.CreateClient()) await UploadAndWaitAsync(client, ("warm-up.txt", ""));
        return await _app.WithDbAsync(async db =>
        {
            var job = new ImportJob
            {
                Status = status, CreatedUtc = DateTime.UtcNow, Description = description, FileCount = 1, TotalBytes = 2048,
                Folder = Path.Combine(_app.DataFolder, "not-there"), ItemsDone = itemsDone, Ingested = itemsDone,
                StartedUtc = status == ImportStatus.Queued ? null : DateTime.UtcNow,
            };
            db.Imports.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
    }
}
