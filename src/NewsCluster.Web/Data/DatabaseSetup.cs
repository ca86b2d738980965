using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Imports;

namespace NewsCluster.Web.Data;

public static class DatabaseSetup
{
    private const string DefaultConnectionString = "Data Source=App_Data/newscluster.db";

    public static IServiceCollection AddNewsDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        var connectionString = ResolveConnectionString(
            configuration.GetConnectionString("NewsCluster") ?? DefaultConnectionString, environment.ContentRootPath);
        services.AddDbContext<NewsDbContext>(options => options.UseSqlite(connectionString).AddInterceptors(new SqlitePragmas()));
        return services;
    }

    /// <summary>
    /// A relative SQLite path is taken relative to the web project's content root (not the shell's folder),
    /// so the database is found wherever the app is started from; its folder is created when missing.
    /// </summary>
    internal static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } dataSource && dataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(Path.Combine(contentRoot, dataSource));
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }

    /// <summary>On a clean stop (the import worker has drained by then), fold the WAL back into the database file.</summary>
    private static void Checkpoint(IServiceProvider services)
    {
        try
        {
            using var scope = services.CreateScope();
            scope.ServiceProvider.GetRequiredService<NewsDbContext>().Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (Exception ex) when (ex is SqliteException or InvalidOperationException or ObjectDisposedException)
        {
            // Nothing is lost: SQLite replays the WAL at the next start.
        }
    }

    /// <summary>
    /// Applies pending migrations; on a database created just now, ingests the seed articles so a new user sees stories at once.
    /// </summary>
    public static async Task InitialiseDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILogger<NewsDbContext>>();
        var isNew = !(await db.Database.GetAppliedMigrationsAsync()).Any();
        await db.Database.MigrateAsync();
        // WAL lets pages read while an import writes; the setting is stored in the database file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        app.Lifetime.ApplicationStopped.Register(() => Checkpoint(app.Services));
        await scope.ServiceProvider.GetRequiredService<UploadService>().RemoveOrphanFoldersAsync(logger, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<StoryIndexHolder>().LoadAsync(db, CancellationToken.None);
        if (!isNew) return;

        var seeds = app.Configuration["NewsCluster:SeedsPath"] ?? Path.Combine(AppContext.BaseDirectory, "seeds");
        if (!Directory.Exists(seeds))
        {
            logger.LogWarning("New database, but no seed folder at {SeedsPath}; starting empty", seeds);
            return;
        }
        var importer = scope.ServiceProvider.GetRequiredService<ArticleImporter>();
        var result = await importer.ImportPathAsync(seeds, CancellationToken.None);
        logger.LogInformation("New database: ingested {Ingested} seed articles from {SeedsPath} ({Rejected} rejected)",
            result.Ingested, seeds, result.Rejected);
    }
}
