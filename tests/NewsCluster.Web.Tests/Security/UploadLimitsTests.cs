using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Security;

/// <summary>The server enforces the upload limits itself: the page showing them is no protection against a script.</summary>
public sealed class UploadLimitsTests : IDisposable
{
    private const long MaxRequestBytes = 64 * 1024;
    private const int MaxFiles = 3;

    private readonly NewsAppFactory _app = new NewsAppFactory()
        .WithSetting("NewsCluster:Upload:MaxRequestBytes", MaxRequestBytes.ToString())
        .WithSetting("NewsCluster:Upload:MaxFilesPerRequest", MaxFiles.ToString());

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_request_over_the_size_limit_is_refused_with_413_and_a_readable_problem()
    {
        using var client = _app.CreateClient();

        var response = await client.UploadAsync(("big.txt", new byte[MaxRequestBytes + 1]));

        await ShouldBeTooLargeAsync(response, "larger than the server accepts");
    }

    [Fact]
    public async Task A_chunked_request_without_a_length_is_cut_off_at_the_size_limit_with_413()
    {
        using var client = _app.CreateClient();
        var form = new MultipartFormDataContent();
        // A stream of unknown length: the client sends it chunked, so only the server's reading limit can stop it.
        var part = new StreamContent(new UnknownLengthStream(new byte[MaxRequestBytes * 2]));
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(part, "files", "endless.txt");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = form };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        await ShouldBeTooLargeAsync(response, "larger than the server accepts");
    }

    [Fact]
    public async Task Too_many_files_in_one_request_are_refused_with_413()
    {
        using var client = _app.CreateClient();
        var files = Enumerable.Range(0, MaxFiles + 1).Select(i => ($"f{i}.txt", Encoding.UTF8.GetBytes($"Title {i}\n\nBody {i}."))).ToArray();

        var response = await client.UploadAsync(files);

        await ShouldBeTooLargeAsync(response, "Too many files");
        Directory.Exists(_app.UploadFolder).Should().BeFalse("a refused upload saves nothing");
    }

    [Fact]
    public async Task A_decompression_bomb_is_rejected_as_too_large_and_the_rest_of_the_dump_goes_in()
    {
        using var client = _app.CreateClient();
        byte[] zip;
        using (var buffer = new MemoryStream())
        {
            using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                await using (var bomb = archive.CreateEntry("dump/bomb.txt", CompressionLevel.SmallestSize).Open())
                    for (var i = 0; i < 16; i++) await bomb.WriteAsync(new byte[1024 * 1024]);
                await using var writer = new StreamWriter(archive.CreateEntry("dump/harbour.txt").Open());
                await writer.WriteAsync("Harbour Ferry Returns To Service\n\nThe island ferry returned to service on Monday after its engine was repaired, the operator said.");
            }
            zip = buffer.ToArray();
        }
        zip.Length.Should().BeLessThan((int)MaxRequestBytes, "the bomb is small on the wire");

        var response = await client.UploadAsync(("dump.zip", zip));

        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var import = await client.WaitForImportAsync(id);
        import.GetProperty("status").GetString().Should().Be("done");
        var items = import.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        items.Keys.Should().Contain(k => k.EndsWith("bomb.txt"));
        var bombItem = items.Single(i => i.Key.EndsWith("bomb.txt")).Value;
        bombItem.GetProperty("status").GetString().Should().Be("rejected");
        bombItem.GetProperty("reason").GetString().Should().StartWith("too large");
        items.Single(i => i.Key.EndsWith("harbour.txt")).Value.GetProperty("status").GetString().Should().Be("ingested");
    }

    private static async Task ShouldBeTooLargeAsync(HttpResponseMessage response, string message)
    {
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Contain(message);
    }

    /// <summary>A readable stream that hides its length, as a network stream does.</summary>
    private sealed class UnknownLengthStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
