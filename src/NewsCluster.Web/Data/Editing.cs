namespace NewsCluster.Web.Data;

/// <summary>Someone who may change clusters. Reading needs no account.</summary>
public sealed class Editor
{
    public long Id { get; set; }
    public required string UserName { get; set; }
    public required string PasswordHash { get; set; }
    public DateTime CreatedUtc { get; set; }
    public int FailedLogins { get; set; }
    public DateTime? LockedOutUntilUtc { get; set; }
}

public enum LinkKind { MustLink, CannotLink }

/// <summary>An editor decision the engine keeps: two articles that must (or must not) share a story.</summary>
public sealed class ArticleLink
{
    public long Id { get; set; }
    public long ArticleA { get; set; }
    public long ArticleB { get; set; }
    public LinkKind Kind { get; set; }
    /// <summary>The audit entry that made it, so undo can take it back.</summary>
    public long AuditEntryId { get; set; }
}

/// <summary>One editor action: who, when, what, with the state before and after (JSON) so it can be undone.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime AtUtc { get; set; }
    public required string Editor { get; set; }
    public required string Action { get; set; }
    public required string Summary { get; set; }
    public required string BeforeJson { get; set; }
    public required string AfterJson { get; set; }
    public DateTime? UndoneUtc { get; set; }
    public string? UndoneBy { get; set; }
}
