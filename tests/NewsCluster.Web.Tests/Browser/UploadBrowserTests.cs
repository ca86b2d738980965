using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using NewsCluster.Web.Data;
using NewsCluster.Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace NewsCluster.Web.Tests.Browser;

public sealed partial class UploadBrowserTests
{
    private static readonly LocatorAssertionsToHaveTextOptions UntilImportEnds = new() { Timeout = 60_000 };

    [BrowserFact]
    public async Task A_reader_uploads_a_zip_through_the_file_input_and_watches_the_import_reach_done_with_its_counts()
    {
        using var app = NewsAppFactory.WithKestrel();
        app.StartServer();
        var zip = Path.Combine(app.DataFolder, "dump.zip");
        await File.WriteAllBytesAsync(zip, Dump());
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;

        await page.GotoAsync(session.BaseUrl + "/upload");
        await Expect(page.Locator(".max-request-size")).ToHaveTextAsync("1 GB");
        await page.Locator("#files").SetInputFilesAsync(zip);
        await Expect(page.Locator("#selected-list li")).ToHaveCountAsync(1);
        await Expect(page.Locator("#selected-list")).ToContainTextAsync("dump.zip");
        await Expect(page.Locator("#upload-client-error")).ToBeHiddenAsync();
        await Chromium.ScreenshotAsync(page, "upload-page");
        await page.Locator("#upload-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(ImportUrl(), new() { Timeout = 60_000 });
        await Expect(page.Locator("#import-status")).ToHaveTextAsync("done", UntilImportEnds);
        await Expect(page.Locator(".import-items-table tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator(".import-counts [data-field=processed]")).ToHaveTextAsync("4");
        await Expect(page.Locator(".import-counts [data-field=ingested]")).ToHaveTextAsync("3");
        await Expect(page.Locator(".import-counts [data-field=duplicates]")).ToHaveTextAsync("0");
        await Expect(page.Locator(".import-counts [data-field=rejected]")).ToHaveTextAsync("1");
        await Expect(page.Locator(".import-items-table tr.item-rejected .item-name")).ToHaveTextAsync("dump.zip/broken.json");
        await Expect(page.Locator(".import-items-table tr.item-rejected .item-reason")).ToContainTextAsync("malformed JSON");
        await Expect(page.Locator(".import-items-table .article-link")).ToHaveCountAsync(3);
        await Chromium.ScreenshotAsync(page, "import-done");

        await page.Locator(".item-filters a", new() { HasText = "Rejected" }).ClickAsync();
        await Expect(page.Locator(".import-items-table tbody tr")).ToHaveCountAsync(1);
        await page.Locator(".import-items-table").First.WaitForAsync();
        await page.GotoAsync(session.BaseUrl + "/imports");
        await Expect(page.Locator(".imports-table tbody tr").First.Locator(".import-status")).ToHaveTextAsync("done");
        await Chromium.ScreenshotAsync(page, "imports-list");
        session.Problems.Should().BeEmpty("no script error, failed request or blocked resource on the way");
    }

    [BrowserFact]
    public async Task Files_dropped_on_the_drop_zone_join_the_form_and_too_many_are_refused_before_sending()
    {
        using var app = NewsAppFactory.WithKestrel();
        app.StartServer();
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;
        var posts = new List<string>();
        page.Request += (_, request) => { if (request.Method == "POST") posts.Add(request.Url); };
        await page.GotoAsync(session.BaseUrl + "/upload");
        var maxFiles = int.Parse((await page.Locator("#upload-form").GetAttributeAsync("data-max-files"))!);

        await DropFilesAsync(page, Enumerable.Range(0, maxFiles + 1).Select(i => ($"note-{i}.txt", "x")).ToArray());

        (await page.EvaluateAsync<int>("() => document.getElementById('files').files.length")).Should().Be(maxFiles + 1);
        await Expect(page.Locator("#upload-client-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#upload-client-error")).ToContainTextAsync($"Too many files: {maxFiles + 1:N0} chosen, at most {maxFiles:N0}");
        await page.Locator("#upload-submit").ClickAsync();
        await Chromium.ScreenshotAsync(page, "upload-too-many-files");
        posts.Should().BeEmpty("the refused selection is not sent");

        await page.Locator("#upload-clear").ClickAsync();
        await DropFilesAsync(page, ("tram.txt", Article("Tram Line Extended to the Airport", "The tram line will reach the airport by spring, the city said.")));
        await DropFilesAsync(page, ("tram-notes.txt", ""));
        await Expect(page.Locator("#selected-list li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#upload-client-error")).ToBeHiddenAsync();
        await page.Locator("#upload-submit").ClickAsync();

        await Expect(page).ToHaveURLAsync(ImportUrl(), new() { Timeout = 60_000 });
        await Expect(page.Locator("#import-status")).ToHaveTextAsync("done", UntilImportEnds);
        await Expect(page.Locator(".import-items-table .item-name")).ToHaveTextAsync(["tram.txt", "tram-notes.txt"]);
        posts.Should().ContainSingle().Which.Should().EndWith("/upload");
        session.Problems.Should().BeEmpty();
    }

    [BrowserFact]
    public async Task The_progress_view_follows_a_running_import_to_its_end_and_then_shows_the_outcomes()
    {
        using var app = NewsAppFactory.WithKestrel();
        app.StartServer();
        // The worker re-queues running imports once at start; let that pass (one real import through the queue) so it
        // never picks up the hand-made "running" import below.
        using (var client = app.CreateClient())
        {
            var warmUp = await client.UploadAsync(("warm-up.txt", []));
            await client.WaitForImportAsync((await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(warmUp.Content)).GetProperty("id").GetInt64());
        }
        var id = await app.WithDbAsync(async db =>
        {
            var job = new ImportJob
            {
                Status = ImportStatus.Running, CreatedUtc = DateTime.UtcNow, StartedUtc = DateTime.UtcNow, Description = "slow.zip",
                FileCount = 1, TotalBytes = 4096, Folder = Path.Combine(app.DataFolder, "not-there"), ItemsDone = 1, Rejected = 1,
                Items = [new ImportItem { Name = "slow.zip/a.bin", Status = ImportItemStatus.Rejected, Reason = "binary: not text" }],
            };
            db.Imports.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        await using var session = await BrowserSession.OpenAsync(app);
        var page = session.Page;

        await page.GotoAsync($"{session.BaseUrl}/imports/{id}");
        await Expect(page.Locator("#import-status")).ToHaveTextAsync("running");
        await Chromium.ScreenshotAsync(page, "import-running");
        await app.WithDbAsync(async db =>
        {
            var job = await db.Imports.SingleAsync(j => j.Id == id);
            job.ItemsDone = 2;
            job.Rejected = 2;
            db.ImportItems.Add(new ImportItem { ImportId = id, Name = "slow.zip/b.bin", Status = ImportItemStatus.Rejected, Reason = "binary: not text" });
            await db.SaveChangesAsync();
            return 0;
        });
        await Expect(page.Locator(".import-counts [data-field=processed]")).ToHaveTextAsync("2", UntilImportEnds);
        await MarkDoneAsync(app, id);

        await Expect(page.Locator("#import-status")).ToHaveTextAsync("done", UntilImportEnds);
        await Expect(page.Locator(".import-items-table .item-name")).ToHaveTextAsync(["slow.zip/a.bin", "slow.zip/b.bin"], new() { Timeout = 60_000 });
        await Expect(page.Locator("#import-progress-text")).ToHaveTextAsync("Finished.");
        session.Problems.Should().BeEmpty();
    }

    [BrowserFact]
    public async Task Without_javascript_the_plain_form_uploads_and_a_running_import_page_refreshes_itself_until_done()
    {
        using var app = NewsAppFactory.WithKestrel();
        app.StartServer();
        var file = Path.Combine(app.DataFolder, "bakery.txt");
        await File.WriteAllTextAsync(file, Article("Old Bakery Reopens as a Cooperative", "The bakery on Mill Street reopened on Saturday, run by twelve of its former customers."));
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        // The meta refresh reloads this page every few seconds while the import runs; on a loaded machine give
        // navigations more room than Playwright's 30 s default.
        page.SetDefaultTimeout(60_000);
        var baseUrl = app.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        await page.GotoAsync(baseUrl + "/upload");
        await page.Locator("#files").SetInputFilesAsync(file);
        await page.Locator("#upload-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(ImportUrl(), new() { Timeout = 60_000 });
        await Expect(page.Locator("#import-status")).ToHaveTextAsync("done", UntilImportEnds);
        await Expect(page.Locator(".import-items-table .item-name")).ToHaveTextAsync("bakery.txt");

        var id = await app.WithDbAsync(async db =>
        {
            var job = new ImportJob
            {
                Status = ImportStatus.Queued, CreatedUtc = DateTime.UtcNow, Description = "later.zip", FileCount = 1, TotalBytes = 10,
                Folder = Path.Combine(app.DataFolder, "not-there"),
            };
            db.Imports.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });
        await page.GotoAsync($"{baseUrl}/imports/{id}");
        await Expect(page.Locator("#import-status")).ToHaveTextAsync("queued");
        await MarkDoneAsync(app, id);
        await Expect(page.Locator("#import-status")).ToHaveTextAsync("done", UntilImportEnds);
        await Chromium.ScreenshotAsync(page, "import-done-without-javascript");
    }

    /// <summary>Three articles on different stories and one file no reader accepts, zipped as a newsroom dump would be.</summary>
    /// <summary>Finishes import <paramref name="id"/> in the store, as the worker would when its last item is done.</summary>
    private static Task MarkDoneAsync(NewsAppFactory app, long id) => app.WithDbAsync(async db =>
    {
        var job = await db.Imports.SingleAsync(j => j.Id == id);
        job.Status = ImportStatus.Done;
        job.FinishedUtc = DateTime.UtcNow;
        await db.SaveChangesAsync();
        return 0;
    });

    private static byte[] Dump()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "harbour.txt", Article("Harbour Crane Collapses in High Winds", "A container crane at the east harbour collapsed during Sunday's storm; nobody was hurt, the port operator said."));
            Add(zip, "library.txt", Article("City Library Opens on Sundays", "The central library will open on Sundays from next month after the council found money for extra staff."));
            Add(zip, "marathon.txt", Article("Marathon Route Moves to the Riverside", "This year's marathon will follow the river instead of the ring road, organisers announced on Thursday."));
            Add(zip, "broken.json", "{ \"title\": \"Half a record\", \"text\": ");
        }
        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }

    private static string Article(string title, string lead) =>
        $"{title}\n\n{lead}\n\nResidents and officials gave their views at a public meeting, and a report is due before the end of the year.\n";

    /// <summary>Dispatches a real drop event carrying the files on the drop zone, as dragging them from the desktop would.</summary>
    private static Task DropFilesAsync(IPage page, params (string Name, string Text)[] files) =>
        page.EvaluateAsync("""
            files => {
              const transfer = new DataTransfer();
              for (const file of files) transfer.items.add(new File([file.text], file.name, { type: "text/plain" }));
              const zone = document.getElementById("drop-zone");
              zone.dispatchEvent(new DragEvent("dragenter", { dataTransfer: transfer, bubbles: true, cancelable: true }));
              zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, files.Select(f => new { name = f.Name, text = f.Text }).ToArray());

    [GeneratedRegex("/imports/\\d+$")]
    private static partial Regex ImportUrl();
}
