using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Imports;

public static class ImportEndpoints
{
    public sealed record ImportAccepted(long Id, string StatusUrl);

    public sealed record ImportItemDto(string Name, string Status, string? Reason, long? ArticleId);

    public sealed record ImportDto(
        long Id, string Status, string Description, int Files, long Bytes, DateTime CreatedUtc, DateTime? StartedUtc,
        DateTime? FinishedUtc, int Processed, int Ingested, int Duplicates, int Rejected, string? Error, IReadOnlyList<ImportItemDto> Items);

    public static void MapImportApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/imports").WithTags("Imports");
        api.MapPost("/", UploadAsync)
            .RequireRateLimiting(SecuritySetup.UploadPolicy)
            .WithSummary("Upload article files or archives (multipart field 'files', many); answers 202 with the import id.")
            .Produces<ImportAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/{id:long}", GetAsync)
            .WithSummary("Status, counts and per-item outcomes of an import; items=false leaves the item list empty, for cheap progress polling.")
            .Produces<ImportDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> UploadAsync(HttpContext context, UploadService uploads, IOptions<UploadOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        if (context.Request.ContentLength > limits.MaxRequestBytes) return TooLarge(limits);
        if (!context.Request.HasFormContentType)
            return Results.Problem("Send the files as multipart/form-data in the field 'files'.", statusCode: StatusCodes.Status400BadRequest);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            bodySize.MaxRequestBodySize = limits.MaxRequestBytes;

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limits.MaxRequestBytes }, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limits);
        }
        catch (InvalidDataException ex)
        {
            return Results.Problem(ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? TooLargeMessage(limits) : "The multipart body could not be read: " + ex.Message,
                statusCode: ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }

        var files = form.Files.GetFiles("files");
        if (files.Count == 0)
            return Results.Problem("No files: send one or more files in the multipart field 'files'.", statusCode: StatusCodes.Status400BadRequest);
        if (files.Count > limits.MaxFilesPerRequest)
            return Results.Problem($"Too many files: at most {limits.MaxFilesPerRequest} per upload; put them in an archive or upload in parts.",
                statusCode: StatusCodes.Status413PayloadTooLarge);

        var job = await uploads.AcceptAsync(files, cancellationToken);
        return Results.Accepted($"/api/imports/{job.Id}", new ImportAccepted(job.Id, $"/api/imports/{job.Id}"));
    }

    private static async Task<IResult> GetAsync(long id, NewsDbContext db, CancellationToken cancellationToken, bool items = true)
    {
        var job = await db.Imports.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (job is null) return Results.Problem($"Import {id} does not exist.", statusCode: StatusCodes.Status404NotFound);
        if (!items) return Results.Ok(ToDto(job, []));
        var list = await db.ImportItems.AsNoTracking().Where(i => i.ImportId == id).OrderBy(i => i.Id)
            .Select(i => new ImportItemDto(i.Name, i.Status.ToString().ToLower(), i.Reason, i.ArticleId))
            .ToListAsync(cancellationToken);
        return Results.Ok(ToDto(job, list));
    }

    internal static ImportDto ToDto(ImportJob job, IReadOnlyList<ImportItemDto> items) => new(
        job.Id, job.Status.ToString().ToLowerInvariant(), job.Description, job.FileCount, job.TotalBytes, job.CreatedUtc,
        job.StartedUtc, job.FinishedUtc, job.ItemsDone, job.Ingested, job.Duplicates, job.Rejected, job.Error, items);

    private static string TooLargeMessage(UploadOptions limits) =>
        $"The upload is larger than the server accepts ({limits.MaxRequestBytes / (1024 * 1024)} MB per request).";

    private static IResult TooLarge(UploadOptions limits) =>
        Results.Problem(TooLargeMessage(limits), statusCode: StatusCodes.Status413PayloadTooLarge);
}
