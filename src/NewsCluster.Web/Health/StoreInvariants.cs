using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;

namespace NewsCluster.Web.Health;

/// <summary>The result of checking the store: each broken rule with a count, empty when all hold.</summary>
public sealed record InvariantReport(IReadOnlyDictionary<string, long> Violations, string IntegrityCheck)
{
    public bool Holds => Violations.Count == 0 && IntegrityCheck == "ok";
}

/// <summary>
/// The rules the store must always satisfy, checked by one function that the tests and <c>GET /health?deep=1</c>
/// share: every article in exactly one existing cluster, no empty cluster, counts in step, links between existing
/// articles and never both must- and cannot-link, the search index in step with the articles, SQLite's own check.
/// </summary>
public static class StoreInvariants
{
    private static readonly (string Name, string Sql)[] Rules =
    [
        ("articles without an existing cluster", "SELECT COUNT(*) FROM Articles a WHERE NOT EXISTS (SELECT 1 FROM Clusters c WHERE c.Id = a.ClusterId)"),
        ("empty clusters", "SELECT COUNT(*) FROM Clusters c WHERE NOT EXISTS (SELECT 1 FROM Articles a WHERE a.ClusterId = c.Id)"),
        ("clusters whose article count is wrong", "SELECT COUNT(*) FROM Clusters c WHERE c.ArticleCount <> (SELECT COUNT(*) FROM Articles a WHERE a.ClusterId = c.Id)"),
        ("links to missing articles", "SELECT COUNT(*) FROM Links l WHERE NOT EXISTS (SELECT 1 FROM Articles a WHERE a.Id = l.ArticleA) OR NOT EXISTS (SELECT 1 FROM Articles a WHERE a.Id = l.ArticleB)"),
        ("pairs both must-linked and cannot-linked", "SELECT COUNT(*) FROM Links m JOIN Links c ON m.ArticleA = c.ArticleA AND m.ArticleB = c.ArticleB WHERE m.Kind = 'MustLink' AND c.Kind = 'CannotLink'"),
        ("articles missing from the search index", "SELECT (SELECT COUNT(*) FROM Articles) - (SELECT COUNT(*) FROM ArticleSearch_docsize)"),
    ];

    public static async Task<InvariantReport> CheckAsync(NewsDbContext db, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var violations = new Dictionary<string, long>();
            foreach (var (name, sql) in Rules)
            {
                var count = Convert.ToInt64(await ScalarAsync(connection, sql, cancellationToken));
                if (count != 0) violations[name] = count;
            }
            // FTS5's own consistency check raises an error when the index and the content table disagree.
            try
            {
                await ScalarAsync(connection, "INSERT INTO ArticleSearch(ArticleSearch, rank) VALUES ('integrity-check', 1)", cancellationToken);
            }
            catch (DbException)
            {
                violations["search index out of step with articles"] = 1;
            }
            var integrity = Convert.ToString(await ScalarAsync(connection, "PRAGMA integrity_check", cancellationToken)) ?? "";
            return new InvariantReport(violations, integrity);
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }
}
