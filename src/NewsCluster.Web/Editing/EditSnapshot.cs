using System.Text.Json;

namespace NewsCluster.Web.Editing;

/// <summary>The state an editor action touched, stored as JSON in the audit log so the action can be undone.</summary>
public sealed record EditSnapshot
{
    public List<Membership> Memberships { get; init; } = [];
    public List<ClusterState> Clusters { get; init; } = [];
    /// <summary>Links this action deleted (restored by undo); links it added carry its audit id instead.</summary>
    public List<LinkState> RemovedLinks { get; init; } = [];
    public RemovedArticle? Article { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EditSnapshot FromJson(string json) => JsonSerializer.Deserialize<EditSnapshot>(json, Json) ?? new EditSnapshot();

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Membership(long ArticleId, long ClusterId);

    public sealed record ClusterState(long Id, string Headline, bool HeadlineByEditor, bool IsLocked);

    public sealed record LinkState(long ArticleA, long ArticleB, Data.LinkKind Kind, long AuditEntryId);

    /// <summary>A removed article in full, so undo can put it back with the same id.</summary>
    public sealed record RemovedArticle(
        long Id, string Title, DateTime? PublishedUtc, DateTime ImportedUtc, string? Byline, string? Source, string? Url,
        string? Language, string OriginPath, string Text, string RawText, string ContentHash, long ClusterId, long? CopyOfId, byte[]? Fingerprint);
}
