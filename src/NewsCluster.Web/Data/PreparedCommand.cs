using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace NewsCluster.Web.Data;

/// <summary>
/// One SQL statement prepared once and run for many rows inside the context's current transaction: the bulk path
/// for imports, where EF's per-entity change tracking costs more than the writes themselves.
/// </summary>
public sealed class PreparedCommand : IAsyncDisposable
{
    private readonly DbCommand _command;
    private readonly DbParameter[] _parameters;

    private PreparedCommand(DbCommand command, DbParameter[] parameters)
    {
        _command = command;
        _parameters = parameters;
    }

    /// <summary>Prepares <paramref name="sql"/>, whose parameters are named <c>$p0</c>, <c>$p1</c>, … in order.</summary>
    public static async Task<PreparedCommand> CreateAsync(NewsDbContext db, string sql, int parameterCount, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var parameters = new DbParameter[parameterCount];
        for (var i = 0; i < parameterCount; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "$p" + i;
            command.Parameters.Add(parameters[i]);
        }
        await command.PrepareAsync(cancellationToken);
        return new PreparedCommand(command, parameters);
    }

    public Task<int> RunAsync(CancellationToken cancellationToken, params object?[] values)
    {
        for (var i = 0; i < _parameters.Length; i++) _parameters[i].Value = values[i] ?? DBNull.Value;
        return _command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _command.DisposeAsync();
}
