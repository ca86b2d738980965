using System.Net;
using System.Text.RegularExpressions;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests;

public sealed class StaticAssetTests : IClassFixture<NewsAppFactory>
{
    private readonly NewsAppFactory _app;

    public StaticAssetTests(NewsAppFactory app) => _app = app;

    [Fact]
    public async Task Every_stylesheet_and_script_the_layout_links_is_served_from_the_app_itself()
    {
        // Browsers ask for compressed assets; the compressed variants must be served correctly too.
        using var client = _app.CreateDefaultClient(new DecompressingHandler());
        var html = await client.GetStringAsync("/");

        var urls = Regex.Matches(html, """(?:href|src)="(?<url>/[^"]+\.(?:css|js))" """.Trim()).Select(m => m.Groups["url"].Value).ToList();

        urls.Should().Contain(u => u.Contains("bootstrap"));
        foreach (var url in urls)
        {
            var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
            response.Content.Headers.ContentType!.MediaType.Should().Be(url.EndsWith(".css") ? "text/css" : "text/javascript", url);
            var body = await response.Content.ReadAsStringAsync();
            body.Length.Should().BeGreaterThan(20, url);
            body.TrimStart().Should().NotStartWith("<", url);
        }
    }

    private sealed class DecompressingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentEncoding.Contains("gzip"))
            {
                var compressed = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(compressed), System.IO.Compression.CompressionMode.Decompress);
                using var plain = new MemoryStream();
                await gzip.CopyToAsync(plain, cancellationToken);
                var content = new ByteArrayContent(plain.ToArray());
                content.Headers.ContentType = response.Content.Headers.ContentType;
                response.Content = content;
            }
            return response;
        }
    }
}
