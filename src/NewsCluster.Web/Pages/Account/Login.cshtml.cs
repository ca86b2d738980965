using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using NewsCluster.Web.Accounts;

namespace NewsCluster.Web.Pages.Account;

[EnableRateLimiting(SecuritySetup.LoginPolicy)]
public sealed class LoginModel(EditorAccounts accounts) : PageModel
{
    [BindProperty, Required, Display(Name = "User name")]
    public string UserName { get; set; } = "";

    [BindProperty, Required, DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid) return Page();
        var (result, editor) = await accounts.CheckPasswordAsync(UserName, Password, cancellationToken);
        if (result == LoginOutcome.LockedOut)
        {
            ModelState.AddModelError("", $"Too many failed attempts: this account is locked for {EditorAccounts.LockoutDuration.TotalMinutes:0} minutes.");
            return Page();
        }
        if (editor is null)
        {
            ModelState.AddModelError("", "Wrong user name or password.");
            return Page();
        }
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            EditorPrincipal.Create(editor.UserName, CookieAuthenticationDefaults.AuthenticationScheme));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return RedirectToPage("/Index");
    }
}
