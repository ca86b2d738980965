using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Accounts;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Editing;

/// <summary>Editor writes in the JSON API: the editor cookie or HTTP Basic with an editor's credentials.</summary>
public static class EditEndpoints
{
    public sealed record MergeRequest(IReadOnlyList<long> ClusterIds, IReadOnlyList<int>? Versions = null);

    public sealed record SplitRequest(IReadOnlyList<long> ArticleIds, int? Version = null);

    public sealed record MoveRequest(long ClusterId, int? Version = null);

    public sealed record RenameRequest(string Headline, int? Version = null);

    public sealed record LockRequest(bool Locked, int? Version = null);

    public sealed record EditResponse(long AuditEntryId, long? ClusterId, string Summary);

    public sealed record ReclusterResponse(int ArticlesMoved, int Clusters);

    public sealed record AuditDto(long Id, DateTime AtUtc, string Editor, string Action, string Summary, bool Undoable, DateTime? UndoneUtc, string? UndoneBy);

    public static void MapEditApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(AccountSetup.EditorPolicy).WithTags("Editing")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapPost("/clusters/merge", (MergeRequest body, ClusterEditor editor, HttpContext http, CancellationToken ct) =>
                Run(() => editor.MergeAsync(Who(http), body.ClusterIds ?? [], body.Versions, ct)))
            .WithSummary("Merge two or more story clusters; optional versions (one per id) guard against stale edits.");
        api.MapPost("/clusters/{id:long}/split", (long id, SplitRequest body, ClusterEditor editor, HttpContext http, CancellationToken ct) =>
                Run(() => editor.SplitAsync(Who(http), id, body.ArticleIds ?? [], body.Version, ct)))
            .WithSummary("Split the given articles out of a cluster into a new one.");
        api.MapPost("/articles/{id:long}/move", (long id, MoveRequest body, ClusterEditor editor, HttpContext http, CancellationToken ct) =>
                Run(() => editor.MoveAsync(Who(http), id, body.ClusterId, body.Version, ct)))
            .WithSummary("Move an article to another cluster.");
        api.MapDelete("/articles/{id:long}", (long id, ClusterEditor editor, HttpContext http, CancellationToken ct) =>
                Run(() => editor.RemoveArticleAsync(Who(http), id, ct)))
            .WithSummary("Remove an article; a tombstone keeps the same text from being imported again.");
        api.MapPost("/clusters/{id:long}/rename", (long id, RenameRequest body, ClusterEditor editor, HttpContext http, CancellationToken ct) =>
                Run(() => editor.RenameAsync(Who(http), id, body.Headline ?? "", body.Version, ct)))
            .WithSummary("Give a cluster an editor's headline.");
        api.MapPost("/clusters/{id:long}/lock", (long id, LockRequest body, ClusterEditor editor, HttpContext http, CancellationToken ct) =>
                Run(() => editor.SetLockedAsync(Who(http), id, body.Locked, body.Version, ct)))
            .WithSummary("Lock or unlock a cluster; imports and re-clustering leave a locked cluster as it is.");
        api.MapPost("/audit/{id:long}/undo", (long id, ClusterEditor editor, HttpContext http, CancellationToken ct) =>
                Run(() => editor.UndoAsync(Who(http), id, ct)))
            .WithSummary("Undo an editor action recorded in the audit log.");
        api.MapGet("/audit", async (NewsDbContext db, int? page, CancellationToken ct) =>
                (await db.Audit.AsNoTracking().OrderByDescending(e => e.Id).Skip((Math.Max(1, page ?? 1) - 1) * 100).Take(100).ToListAsync(ct))
                    .Select(e => new AuditDto(e.Id, e.AtUtc, e.Editor, e.Action, e.Summary, ClusterEditor.IsUndoable(e) && e.UndoneUtc is null, e.UndoneUtc, e.UndoneBy)))
            .WithSummary("The audit log, newest first, 100 a page.");
        api.MapPost("/admin/recluster", async (StoryClusteringService clustering, NewsDbContext db, CancellationToken ct) =>
                new ReclusterResponse(await clustering.ReclusterAsync(ct), await db.Clusters.CountAsync(ct)))
            .WithSummary("Re-cluster every article from scratch, keeping editor links and locked clusters.");
        api.MapPost("/admin/backup", async (DatabaseBackup backup, CancellationToken ct) =>
                Results.Ok(new { path = await backup.WriteAsync(ct) }))
            .WithSummary("Write a consistent copy of the database (SQLite online backup) into the backup folder.");
    }

    private static string Who(HttpContext http) => http.User.Identity?.Name ?? "unknown";

    private static async Task<IResult> Run(Func<Task<EditResult>> action)
    {
        try
        {
            var result = await action();
            return Results.Ok(new EditResponse(result.AuditEntryId, result.ClusterId, result.Summary));
        }
        catch (EditRefusedException refused)
        {
            return Results.Problem(refused.Message, statusCode: refused.StatusCode);
        }
    }
}
