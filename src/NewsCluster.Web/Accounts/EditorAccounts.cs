using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Accounts;

public enum LoginOutcome { Success, WrongCredentials, LockedOut }

/// <summary>Editor accounts: PasswordHasher hashes, lockout after repeated failures, the admin bootstrap.</summary>
public sealed class EditorAccounts(NewsDbContext db, IPasswordHasher<Editor> hasher, TimeProvider clock)
{
    public const string AdminUserName = "admin";
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public async Task<(LoginOutcome Result, Editor? Editor)> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var editor = await db.Editors.SingleOrDefaultAsync(e => e.UserName == userName.Trim(), cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (editor is null)
        {
            // Hash anyway so an unknown name takes as long as a wrong password.
            hasher.HashPassword(new Editor { UserName = userName, PasswordHash = "" }, password);
            return (LoginOutcome.WrongCredentials, null);
        }
        if (editor.LockedOutUntilUtc > now) return (LoginOutcome.LockedOut, null);

        var verdict = hasher.VerifyHashedPassword(editor, editor.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            editor.FailedLogins++;
            if (editor.FailedLogins >= MaxFailedLogins)
            {
                editor.LockedOutUntilUtc = now + LockoutDuration;
                editor.FailedLogins = 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            return (editor.LockedOutUntilUtc > now ? LoginOutcome.LockedOut : LoginOutcome.WrongCredentials, null);
        }
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) editor.PasswordHash = hasher.HashPassword(editor, password);
        editor.FailedLogins = 0;
        editor.LockedOutUntilUtc = null;
        await db.SaveChangesAsync(cancellationToken);
        return (LoginOutcome.Success, editor);
    }

    public async Task<Editor> AddAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var editor = new Editor { UserName = userName.Trim(), PasswordHash = "", CreatedUtc = clock.GetUtcNow().UtcDateTime };
        editor.PasswordHash = hasher.HashPassword(editor, password);
        db.Editors.Add(editor);
        await db.SaveChangesAsync(cancellationToken);
        return editor;
    }

    public Task<bool> ExistsAsync(string userName, CancellationToken cancellationToken) =>
        db.Editors.AnyAsync(e => e.UserName == userName.Trim(), cancellationToken);

    /// <summary>
    /// Sets the admin password from configuration; on a first start without one, creates the admin with a random
    /// password and returns it so it can be logged once.
    /// </summary>
    public async Task<string?> EnsureAdminAsync(string? configuredPassword, CancellationToken cancellationToken)
    {
        var admin = await db.Editors.SingleOrDefaultAsync(e => e.UserName == AdminUserName, cancellationToken);
        if (!string.IsNullOrEmpty(configuredPassword))
        {
            if (admin is null) await AddAsync(AdminUserName, configuredPassword, cancellationToken);
            else if (hasher.VerifyHashedPassword(admin, admin.PasswordHash, configuredPassword) == PasswordVerificationResult.Failed)
            {
                admin.PasswordHash = hasher.HashPassword(admin, configuredPassword);
                await db.SaveChangesAsync(cancellationToken);
            }
            return null;
        }
        if (admin is not null) return null;
        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
        await AddAsync(AdminUserName, generated, cancellationToken);
        return generated;
    }
}
