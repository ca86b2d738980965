using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Security;

/// <summary>Outside Development an unhandled error shows no internals, only an id that finds the logged error.</summary>
public sealed partial class ErrorPageTests : IDisposable
{
    private const string Secret = "connection-secret-in-exception-3b9";

    private readonly NewsAppFactory _app = new NewsAppFactory().WithHost(host =>
        host.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>()));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_unhandled_error_shows_no_stack_trace_and_a_correlation_id_that_is_in_the_log()
    {
        using var client = _app.CreateClient();

        var response = await client.GetAsync(ThrowingEndpoint.Path);
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        html.Should().Contain("Something went wrong").And.NotContain(Secret).And.NotContain("InvalidOperationException").And.NotContain(".cs:line");
        var id = CorrelationId().Match(html).Groups["id"].Value;
        id.Should().NotBeNullOrWhiteSpace(html);
        var log = await LogLineWithAsync(id);
        log.Should().Contain(Secret, "the log keeps what the page hides").And.Contain(ThrowingEndpoint.Path);
    }

    /// <summary>The log file (bounded wait: the sink writes as events arrive).</summary>
    private async Task<string> LogLineWithAsync(string id)
    {
        var folder = Path.Combine(_app.DataFolder, "logs");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                var text = await new StreamReader(stream).ReadToEndAsync();
                var at = text.IndexOf(id, StringComparison.Ordinal);
                if (at >= 0) return text[at..Math.Min(text.Length, at + 4000)];
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No log line with the correlation id {id} in {folder}.");
            await Task.Delay(50);
        }
    }

    [GeneratedRegex("<code[^>]*>(?<id>[^<]+)</code>")]
    private static partial Regex CorrelationId();

    /// <summary>A test-only endpoint that throws, added behind the app's own pipeline (so its exception handler sees it).</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public const string Path = "/test-only/throw";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(Path, branch => branch.Run(_ => throw new InvalidOperationException("Boom with " + Secret)));
        };
    }
}
