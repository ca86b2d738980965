using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace NewsCluster.Web.Accounts;

/// <summary>HTTP Basic with an editor's name and password, for scripts calling the JSON API's write endpoints.</summary>
public sealed class BasicAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) ||
            !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return AuthenticateResult.NoResult();

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return AuthenticateResult.Fail("Malformed Basic credentials.");

        var accounts = Context.RequestServices.GetRequiredService<EditorAccounts>();
        var (result, editor) = await accounts.CheckPasswordAsync(decoded[..colon], decoded[(colon + 1)..], Context.RequestAborted);
        if (result != LoginOutcome.Success || editor is null)
            return AuthenticateResult.Fail(result == LoginOutcome.LockedOut ? "Account locked out." : "Wrong user name or password.");
        return AuthenticateResult.Success(new AuthenticationTicket(EditorPrincipal.Create(editor.UserName, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"NewsCluster\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }
}

public static class EditorPrincipal
{
    public const string Role = "editor";

    public static ClaimsPrincipal Create(string userName, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, Role)], scheme));
}
