using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NewsCluster.Web.Pages;

/// <summary>
/// Shown instead of a stack trace. The correlation id it shows is logged here with the exception, so a user's report
/// finds the error in the log.
/// </summary>
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string RequestId { get; private set; } = "";

    /// <summary>Runs for any method (the exception handler re-executes a failed POST as a POST), unlike OnGet.</summary>
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
        RequestId = Activity.Current?.TraceId.ToHexString() ?? HttpContext.TraceIdentifier;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
            logger.LogError(failure.Error, "Unhandled error {CorrelationId} on {Method} {Path}", RequestId, HttpContext.Request.Method, failure.Path);
    }
}
