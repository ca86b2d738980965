using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NewsCluster.Web.Data;

/// <summary>
/// Per-connection SQLite settings: a busy timeout so a reader or editor waits for the import's write instead of
/// failing, and synchronous=NORMAL, which in WAL mode keeps every committed transaction through a process crash
/// (only an OS crash or power cut can lose the last ones) at a fraction of the fsync cost.
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

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
