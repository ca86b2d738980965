using Microsoft.Extensions.Diagnostics.HealthChecks;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Health;

/// <summary>Reports whether the database answers; a plain check because the EF health-check package lifts EF Core past 6.</summary>
internal sealed class DatabaseHealthCheck(NewsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("database reachable")
            : HealthCheckResult.Unhealthy("database unreachable");
}

public static class HealthEndpoints
{
    public static IServiceCollection AddNewsHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>
    /// <c>GET /health</c>: 200 with whether the database answers (503 when it does not); <c>?deep=1</c> also checks
    /// the store's invariants and SQLite's integrity and answers 503 when one is broken.
    /// </summary>
    public static void MapNewsHealth(this WebApplication app) =>
        app.MapGet("/health", async (HealthCheckService checks, NewsDbContext db, string? deep, CancellationToken cancellationToken) =>
        {
            var report = await checks.CheckHealthAsync(cancellationToken);
            var databaseUp = report.Entries.TryGetValue("database", out var entry) && entry.Status == HealthStatus.Healthy;
            InvariantReport? invariants = null;
            if (databaseUp && deep is "1" or "true") invariants = await StoreInvariants.CheckAsync(db, cancellationToken);
            var healthy = report.Status == HealthStatus.Healthy && (invariants?.Holds ?? true);
            return Results.Json(new
            {
                status = healthy ? "Healthy" : "Unhealthy",
                database = databaseUp,
                durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
                invariants = invariants is null ? null : new { holds = invariants.Holds, violations = invariants.Violations, integrityCheck = invariants.IntegrityCheck },
            }, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }).WithTags("Health").WithSummary("Liveness with database reachability; deep=1 adds the store invariants.");
}
