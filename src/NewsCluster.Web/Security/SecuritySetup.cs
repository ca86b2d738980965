using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace NewsCluster.Web;

/// <summary>Rate limits for logins and uploads, and the security headers every response carries.</summary>
public static class SecuritySetup
{
    public const string LoginPolicy = "login";
    public const string UploadPolicy = "upload";

    public static IServiceCollection AddNewsSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var loginsPerMinute = configuration.GetValue("NewsCluster:RateLimits:LoginsPerMinute", 10);
        var uploadsPerMinute = configuration.GetValue("NewsCluster:RateLimits:UploadsPerMinute", 30);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many requests: wait a minute and try again.", cancellationToken);
            };
            options.AddPolicy(LoginPolicy, context => PerClientPerMinute(context, "login", loginsPerMinute));
            options.AddPolicy(UploadPolicy, context => PerClientPerMinute(context, "upload", uploadsPerMinute));
        });
        return services;
    }

    /// <summary>Only form posts count against a page's limit, so looking at the login page costs nothing.</summary>
    private static RateLimitPartition<string> PerClientPerMinute(HttpContext context, string name, int permits) =>
        HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter(name + ":read")
            : RateLimitPartition.GetFixedWindowLimiter($"{name}:{context.Connection.RemoteIpAddress}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

    /// <summary>
    /// No inline script or style anywhere, so the policy needs no 'unsafe-inline': stored markup in article text
    /// could not run even if it escaped encoding.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            await next(context);
        });
}
