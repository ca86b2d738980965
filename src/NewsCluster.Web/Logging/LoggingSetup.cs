using Serilog;
using Serilog.Extensions.Logging;

namespace NewsCluster.Web.Logging;

/// <summary>
/// Serilog wired through Microsoft.Extensions.Logging: Serilog.AspNetCore cannot be restored from the registry here,
/// so the logger is built from the final configuration (the "Serilog" section) and added as a logging provider.
/// </summary>
public static class LoggingSetup
{
    public static WebApplicationBuilder AddNewsLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<ILoggerProvider>(services =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            AnchorRelativeLogPaths(configuration, services.GetRequiredService<IWebHostEnvironment>().ContentRootPath);
            return new SerilogLoggerProvider(new LoggerConfiguration().ReadFrom.Configuration(configuration).CreateLogger(), dispose: true);
        });
        return builder;
    }

    /// <summary>Log files land beside the database under the content root, whatever folder the app was started from.</summary>
    private static void AnchorRelativeLogPaths(IConfiguration configuration, string contentRoot)
    {
        foreach (var sink in configuration.GetSection("Serilog:WriteTo").GetChildren())
        {
            var path = sink["Args:path"];
            if (path is { Length: > 0 } && !Path.IsPathRooted(path))
                configuration[$"{sink.Path}:Args:path"] = Path.Combine(contentRoot, path);
        }
    }

    /// <summary>One line per request with method, path, status and elapsed time.</summary>
    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("NewsCluster.Requests");
                logger.LogInformation("HTTP {Method} {Path} responded {StatusCode} in {ElapsedMs:0.0} ms",
                    context.Request.Method, context.Request.Path.Value, context.Response.StatusCode,
                    System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
}
