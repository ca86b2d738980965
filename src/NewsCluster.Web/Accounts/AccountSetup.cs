using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Accounts;

public static class AccountSetup
{
    /// <summary>Pages and endpoints that change clusters require this policy: the editor cookie or HTTP Basic.</summary>
    public const string EditorPolicy = "Editor";

    public static IServiceCollection AddEditorAccounts(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        // Keys beside the database, so a restart does not log editors out or break pending forms.
        var keys = Path.Combine(environment.ContentRootPath, configuration["NewsCluster:KeysFolder"] ?? "App_Data/keys");
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddScoped<IPasswordHasher<Editor>, PasswordHasher<Editor>>();
        services.AddScoped<EditorAccounts>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/account/login";
                options.LogoutPath = "/account/logout";
                options.AccessDeniedPath = "/account/login";
                options.Cookie.Name = "newscluster.editor";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                // API callers get a status code, not a redirect to the login page.
                options.Events.OnRedirectToLogin = context => Deny(context, StatusCodes.Status401Unauthorized);
                options.Events.OnRedirectToAccessDenied = context => Deny(context, StatusCodes.Status403Forbidden);
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(EditorPolicy, policy => policy
            .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme, BasicAuthenticationHandler.SchemeName)
            .RequireRole(EditorPrincipal.Role));
        return services;
    }

    private static Task Deny(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Applies NewsCluster:AdminPassword, or logs a generated one on a first start without it.</summary>
    public static async Task EnsureAdminAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var generated = await scope.ServiceProvider.GetRequiredService<EditorAccounts>()
            .EnsureAdminAsync(app.Configuration["NewsCluster:AdminPassword"], CancellationToken.None);
        if (generated is not null)
            app.Logger.LogWarning("Created editor 'admin' with the generated password {Password} (shown once; set NewsCluster:AdminPassword to choose one)", generated);
    }
}
