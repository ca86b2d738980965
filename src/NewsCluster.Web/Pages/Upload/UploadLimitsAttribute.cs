using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using NewsCluster.Web.Imports;

namespace NewsCluster.Web.Pages.Upload;

/// <summary>
/// Applies <see cref="UploadOptions"/> to a page's POST before anything reads the body: raises the server's request
/// size limit (Kestrel's default is 30 MB) to <see cref="UploadOptions.MaxRequestBytes"/>, then reads the multipart form
/// with matching limits. It runs before anti-forgery validation (order 1000), which would otherwise read the form with
/// the default limits and turn an oversize body into a bare 400. An oversize or overfull upload gets a readable 413.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitsAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>Before <see cref="AutoValidateAntiforgeryTokenAttribute"/> (1000); the same slot as RequestSizeLimit.</summary>
    public int Order => 900;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider serviceProvider) =>
        new UploadLimitsFilter(serviceProvider.GetRequiredService<IOptions<UploadOptions>>().Value);

    private sealed class UploadLimitsFilter(UploadOptions limits) : IAsyncAuthorizationFilter
    {
        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsPost(http.Request.Method)) return;
            if (http.Request.ContentLength > limits.MaxRequestBytes)
            {
                context.Result = Refusal(TooLargeMessage());
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
                bodySize.MaxRequestBodySize = limits.MaxRequestBytes;
            if (!http.Request.HasFormContentType) return; // anti-forgery validation refuses it next

            var options = new FormOptions
            {
                MultipartBodyLengthLimit = limits.MaxRequestBytes,
                // Files count as form entries: leave room for the token and a few fields, and no more.
                ValueCountLimit = limits.MaxFilesPerRequest + 16,
            };
            try
            {
                await http.Request.ReadFormAsync(options, http.RequestAborted);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                context.Result = Refusal(TooLargeMessage());
            }
            catch (InvalidDataException ex) when (ex.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase))
            {
                context.Result = Refusal(TooManyFilesMessage(limits));
            }
            catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
            {
                context.Result = Refusal(TooLargeMessage());
            }
        }

        private string TooLargeMessage() =>
            $"The upload is larger than the server accepts: at most {UploadModel.FormatBytes(limits.MaxRequestBytes)} per upload. " +
            "Upload the files in parts.";

        private static ContentResult Refusal(string message) => new()
        {
            StatusCode = StatusCodes.Status413PayloadTooLarge,
            ContentType = "text/html; charset=utf-8",
            Content = $"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Upload refused - NewsCluster</title>
                <link rel="stylesheet" href="/lib/bootstrap/dist/css/bootstrap.min.css"></head>
                <body><main class="container py-4"><h1>Upload refused</h1>
                <p class="alert alert-danger">{WebUtility.HtmlEncode(message)}</p>
                <p><a href="/upload">Back to the upload page</a></p></main></body></html>
                """,
        };
    }

    internal static string TooManyFilesMessage(UploadOptions limits) =>
        $"Too many files: at most {limits.MaxFilesPerRequest:N0} per upload. Put them in an archive (.zip, .tar.gz) or upload them in parts.";
}
