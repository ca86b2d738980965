using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NewsCluster.Web.Accounts;
using NewsCluster.Web.Editing;

namespace NewsCluster.Web.Pages;

/// <summary>
/// A page everyone may read whose POST handlers only editors may use. Each edit reports back through TempData, so
/// the page after the redirect shows what happened (with an undo link) or why it was refused.
/// </summary>
public abstract class EditorPageModel : PageModel
{
    [TempData]
    public string? Notice { get; set; }

    /// <summary>The audit entry of the last edit (TempData holds strings, not longs).</summary>
    [TempData]
    public string? UndoEntry { get; set; }

    public long? UndoEntryId => long.TryParse(UndoEntry, out var id) ? id : null;

    [TempData]
    public string? Problem { get; set; }

    public bool IsEditor => User.IsInRole(EditorPrincipal.Role);

    public string EditorName => User.Identity?.Name ?? "unknown";

    /// <summary>Runs an edit for a logged-in editor; on refusal the reader sees why and the fresh state.</summary>
    protected async Task<IActionResult> EditAsync(Func<Task<EditResult>> edit, Func<EditResult?, IActionResult> next)
    {
        if (!IsEditor) return Challenge();
        try
        {
            var result = await edit();
            Notice = result.Summary;
            UndoEntry = result.AuditEntryId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return next(result);
        }
        catch (EditRefusedException refused)
        {
            Problem = refused.Message;
            return next(null);
        }
    }
}
