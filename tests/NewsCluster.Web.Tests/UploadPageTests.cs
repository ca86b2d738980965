using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCluster.Web.Data;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests;

public sealed class UploadPageTests : IClassFixture<NewsAppFactory>
{
    private const string Story = """
        Lighthouse Keepers Return to Rocky Point

        The lighthouse at Rocky Point has keepers again for the first time in forty years, the coastal trust said on Monday.

        Two volunteers will live in the restored cottage through the winter and log the weather for the national service.
        """;

    private readonly NewsAppFactory _app;

    public UploadPageTests(NewsAppFactory app) => _app = app;

    [Fact]
    public async Task The_upload_page_shows_the_configured_limits_and_formats_before_anything_is_sent()
    {
        using var app = new NewsAppFactory();
        using var limited = WithLimits(app, maxFiles: 7, maxBytes: 5 * 1024 * 1024);
        using var client = limited.CreateClient();

        var page = UploadForm.Parse(await client.GetStringAsync("/upload"));

        page.QuerySelector(".max-request-size")!.TextContent.Should().Be("5 MB");
        page.QuerySelector(".max-files")!.TextContent.Should().Be("7");
        var form = page.QuerySelector<IHtmlFormElement>("form#upload-form")!;
        form.GetAttribute("data-max-files").Should().Be("7");
        form.GetAttribute("data-max-bytes").Should().Be((5 * 1024 * 1024).ToString());
        var formats = page.QuerySelector(".accepted-formats")!.TextContent;
        foreach (var extension in new[] { ".txt", ".html", ".htm", ".json", ".jsonl", ".zip", ".tar", ".tar.gz", ".tgz", ".gz", ".warc", ".warc.gz" })
            formats.Should().Contain(extension);
    }

    [Fact]
    public async Task The_upload_form_is_a_plain_multipart_form_with_an_antiforgery_token_and_no_inline_script()
    {
        using var client = _app.CreateClient();

        var page = UploadForm.Parse(await client.GetStringAsync("/upload"));

        var form = page.QuerySelector<IHtmlFormElement>("form#upload-form")!;
        form.Method.Should().BeEquivalentTo("post");
        form.Enctype.Should().Be("multipart/form-data");
        var input = form.QuerySelector<IHtmlInputElement>("input[type=file]")!;
        input.Name.Should().Be("files");
        input.IsMultiple.Should().BeTrue();
        form.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value.Should().NotBeNullOrEmpty();
        page.QuerySelector("#drop-zone").Should().NotBeNull();
        page.Scripts.Should().Contain(s => s.Source!.StartsWith("/js/upload.") && s.IsDeferred, "upload.js (fingerprinted) loads deferred");
        UploadForm.InlineCode(page).Should().BeEmpty();
    }

    [Fact]
    public async Task Posting_without_the_antiforgery_token_is_refused_with_400_and_queues_nothing()
    {
        using var client = UploadForm.Client(_app);
        var before = await ImportCount();

        var response = await UploadForm.PostAsync(client, token: null, ("story.txt", Story));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ImportCount()).Should().Be(before);
    }

    [Fact]
    public async Task Posting_with_a_token_from_another_session_is_refused_with_400()
    {
        using var stranger = UploadForm.Client(_app);
        var strangersToken = await UploadForm.TokenAsync(stranger);
        using var client = UploadForm.Client(_app);

        var response = await UploadForm.PostAsync(client, strangersToken, ("story.txt", Story));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Posting_no_files_shows_an_error_on_the_page_and_queues_nothing()
    {
        using var client = UploadForm.Client(_app);
        var token = await UploadForm.TokenAsync(client);
        var before = await ImportCount();

        var response = await UploadForm.PostAsync(client, token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = UploadForm.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector(".upload-errors")!.TextContent.Should().Contain("Choose at least one file");
        page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]").Should().NotBeNull("the form can be sent again");
        (await ImportCount()).Should().Be(before);
    }

    [Fact]
    public async Task Posting_files_redirects_to_the_import_page_and_the_import_finishes_with_the_right_counts()
    {
        using var client = UploadForm.Client(_app);
        var token = await UploadForm.TokenAsync(client);

        var response = await UploadForm.PostAsync(client, token, ("lighthouse.txt", Story), ("blank.txt", ""), ("lighthouse-copy.txt", Story));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var id = UploadForm.ImportIdOf(response);
        var import = await client.WaitForImportAsync(id);
        import.GetProperty("status").GetString().Should().Be("done");
        import.GetProperty("files").GetInt32().Should().Be(3);
        import.GetProperty("ingested").GetInt32().Should().Be(1, import.ToString());
        import.GetProperty("duplicates").GetInt32().Should().Be(1);
        import.GetProperty("rejected").GetInt32().Should().Be(1);
        var job = await _app.WithDbAsync(db => db.Imports.SingleAsync(j => j.Id == id));
        job.Description.Should().Be("lighthouse.txt, blank.txt, lighthouse-copy.txt");
    }

    [Fact]
    public async Task Posting_more_files_than_allowed_shows_a_readable_error_and_queues_nothing()
    {
        using var app = new NewsAppFactory();
        using var limited = WithLimits(app, maxFiles: 2);
        using var client = UploadForm.Client(limited);
        var token = await UploadForm.TokenAsync(client);

        var response = await UploadForm.PostAsync(client, token, ("a.txt", Story), ("b.txt", Story), ("c.txt", Story));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var page = UploadForm.Parse(await response.Content.ReadAsStringAsync());
        page.QuerySelector(".upload-errors")!.TextContent.Should().Contain("Too many files: at most 2 per upload");
        (await UploadForm.ImportCountAsync(limited)).Should().Be(0);
    }

    [Fact]
    public async Task Far_more_files_than_allowed_are_refused_with_a_readable_413_before_they_are_stored()
    {
        using var app = new NewsAppFactory();
        using var limited = WithLimits(app, maxFiles: 2);
        using var client = UploadForm.Client(limited);
        var token = await UploadForm.TokenAsync(client);
        var files = Enumerable.Range(0, 40).Select(i => ($"story-{i}.txt", Story)).ToArray();

        var response = await UploadForm.PostAsync(client, token, files);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Too many files: at most 2 per upload").And.Contain("href=\"/upload\"");
        (await UploadForm.ImportCountAsync(limited)).Should().Be(0);
    }

    [Fact]
    public async Task An_upload_declared_larger_than_the_limit_is_refused_with_a_readable_413()
    {
        using var app = new NewsAppFactory();
        using var limited = WithLimits(app, maxBytes: 4096);
        using var client = UploadForm.Client(limited);
        var token = await UploadForm.TokenAsync(client);

        var response = await UploadForm.PostAsync(client, token, ("big.txt", Story + new string('x', 8192)));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("larger than the server accepts: at most 4 KB per upload");
        (await UploadForm.ImportCountAsync(limited)).Should().Be(0);
    }

    [Fact]
    public async Task An_upload_of_unknown_length_that_grows_past_the_limit_is_refused_with_a_readable_413()
    {
        using var app = new NewsAppFactory();
        using var limited = WithLimits(app, maxBytes: 4096);
        using var client = UploadForm.Client(limited);
        var token = await UploadForm.TokenAsync(client);
        var form = UploadForm.Form(token, ("big.txt", Story + new string('x', 8192)));

        var response = await client.PostAsync("/upload", new UnknownLengthContent(form));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await response.Content.ReadAsStringAsync()).Should().Contain("larger than the server accepts");
        (await UploadForm.ImportCountAsync(limited)).Should().Be(0);
    }

    private Task<int> ImportCount() => _app.WithDbAsync(db => db.Imports.CountAsync());

    private static WebApplicationFactory<Program> WithLimits(NewsAppFactory app, int? maxFiles = null, long? maxBytes = null) =>
        app.WithWebHostBuilder(builder =>
        {
            if (maxFiles is { } files) builder.UseSetting("NewsCluster:Upload:MaxFilesPerRequest", files.ToString());
            if (maxBytes is { } bytes) builder.UseSetting("NewsCluster:Upload:MaxRequestBytes", bytes.ToString());
        });

    /// <summary>Sends another content's bytes without a Content-Length, as a chunked browser or proxy upload would.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly HttpContent _inner;

        public UnknownLengthContent(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>Drives the /upload form as a browser would: token from the page, cookies kept, redirects not followed.</summary>
internal static class UploadForm
{
    private static readonly HtmlParser Parser = new();

    public static HttpClient Client(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<int> ImportCountAsync(WebApplicationFactory<Program> app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<NewsDbContext>().Imports.CountAsync();
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<string> TokenAsync(HttpClient client)
    {
        var page = Parse(await client.GetStringAsync("/upload"));
        return page.QuerySelector<IHtmlInputElement>("form#upload-form input[name=__RequestVerificationToken]")!.Value;
    }

    public static MultipartFormDataContent Form(string? token, params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent();
        if (token is not null) form.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, text) in files)
        {
            var part = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
            form.Add(part, "files", name);
        }
        return form;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string? token, params (string Name, string Text)[] files) =>
        client.PostAsync("/upload", Form(token, files));

    public static long ImportIdOf(HttpResponseMessage redirect)
    {
        var location = redirect.Headers.Location!.OriginalString;
        location.Should().MatchRegex("^/imports/\\d+$");
        return long.Parse(location["/imports/".Length..]);
    }

    /// <summary>Inline script, inline event handlers and style attributes: what a CSP without 'unsafe-inline' blocks.</summary>
    public static IReadOnlyList<string> InlineCode(IHtmlDocument page) =>
        page.Scripts.Where(s => string.IsNullOrEmpty(s.Source)).Select(s => "inline <script>: " + s.Text)
            .Concat(page.All.SelectMany(e => e.Attributes
                .Where(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Name == "style")
                .Select(a => $"<{e.LocalName} {a.Name}=\"{a.Value}\">")))
            .ToList();
}
