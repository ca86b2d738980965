using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsCluster.Web.Data;

/// <summary>
/// Per-connection SQLite settings: a busy timeout so a reader or editor waits for the import's write instead of
/// failing, and synchronous=NORMAL, which in WAL mode keeps every committed transaction through a process crash
/// (only an OS crash or power cut can lose the last ones) at a fraction of the fsync cost, and a larger WAL before
/// checkpoints (64 MB instead of 4 MB) so an import's hot pages (indexes, search segments) are copied back less often.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 16384; PRAGMA cache_size = -32768;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
