using System.Text.Encodings.Web;
using System.Text.Json;

namespace NewsCluster.Cli.Commands;

internal static class CliJson
{
    /// <summary>Readable non-ASCII text on one line; the output is data for tools, not for a browser.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
