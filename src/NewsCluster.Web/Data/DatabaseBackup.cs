using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace NewsCluster.Web.Data;

/// <summary>Consistent copies of the live database through SQLite's online backup API, while the app keeps serving.</summary>
public sealed class DatabaseBackup(NewsDbContext db, IConfiguration configuration, IWebHostEnvironment environment, TimeProvider clock)
{
    public string Folder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, configuration["NewsCluster:BackupFolder"] ?? "App_Data/backups"));

    /// <summary>Writes <c>newscluster-YYYYMMDD-HHMMSS.db</c> into the backup folder and returns its path.</summary>
    public async Task<string> WriteAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"newscluster-{clock.GetUtcNow():yyyyMMdd-HHmmss}.db");
        var source = (SqliteConnection)db.Database.GetDbConnection();
        if (source.State != System.Data.ConnectionState.Open) await source.OpenAsync(cancellationToken);
        await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await target.OpenAsync(cancellationToken);
        source.BackupDatabase(target);
        return path;
    }
}
