using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Accounts;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Pages.Account;

[Authorize(Policy = AccountSetup.EditorPolicy)]
public sealed class EditorsModel(NewsDbContext db, EditorAccounts accounts) : PageModel
{
    public IReadOnlyList<(string UserName, DateTime CreatedUtc)> Editors { get; private set; } = [];

    [BindProperty, Required, RegularExpression("^[A-Za-z0-9._-]{2,64}$", ErrorMessage = "Use 2 to 64 letters, digits, dots, dashes or underscores.")]
    public string UserName { get; set; } = "";

    [BindProperty, Required, StringLength(200, MinimumLength = 10, ErrorMessage = "Use at least 10 characters.")]
    public string Password { get; set; } = "";

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && await accounts.ExistsAsync(UserName, cancellationToken))
            ModelState.AddModelError(nameof(UserName), "An editor with that name exists already.");
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        await accounts.AddAsync(UserName, Password, cancellationToken);
        Notice = $"Editor {UserName} added.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Editors = (await db.Editors.AsNoTracking().OrderBy(e => e.UserName).Select(e => new { e.UserName, e.CreatedUtc }).ToListAsync(cancellationToken))
            .Select(e => (e.UserName, e.CreatedUtc)).ToList();
}
