using NewsCluster.Ingestion.Pipeline;

namespace NewsCluster.Ingestion.Archives;

/// <summary>
/// Refuses archive entry names that would escape an extraction folder ("..", absolute or drive paths). Nothing is
/// extracted to disk here, but such names are a sign of a hostile archive and must not reach the store as paths.
/// </summary>
internal static class EntryPaths
{
    /// <summary>The name with '/' separators, or a rejection reason when it is unsafe.</summary>
    public static (string Name, string? Unsafe) Check(string rawName)
    {
        var name = rawName.Replace('\\', '/');
        if (name.Contains('\0')) return (name.Replace("\0", ""), Reason("the entry name contains a NUL character"));
        if (name.StartsWith('/') || (name.Length >= 2 && char.IsAsciiLetter(name[0]) && name[1] == ':'))
            return (name, Reason($"'{rawName}' is an absolute path"));
        var segments = name.Split('/');
        if (segments.Any(segment => segment == ".."))
            return (name, Reason($"'{rawName}' climbs out of the archive with '..'"));
        // "./a.txt" (as tar writes it) and "a//b" name the same files as "a.txt" and "a/b".
        return (string.Join('/', segments.Where(segment => segment is not ("" or "."))), null);
    }

    public static string LinkReason(string name, string? target) =>
        Reason($"'{name}' is a link{(target is null ? "" : $" to '{target}'")}, and links are not followed");

    private static string Reason(string explanation) => $"{RejectionKeywords.UnsafePath}: {explanation}";
}
