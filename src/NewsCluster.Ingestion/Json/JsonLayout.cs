using System.Text.Json;

namespace NewsCluster.Ingestion.Json;

internal enum JsonLayoutKind { SingleObject, Array, SeveralValues, Invalid }

/// <summary>
/// The shape of a .json file found in one forward pass: where each array element lies, so each can be parsed (and
/// fail) on its own, and where the syntax broke if it did. Elements before a break are still read.
/// </summary>
internal sealed record JsonLayout(JsonLayoutKind Kind, IReadOnlyList<Range> Elements, string? Error)
{
    public static JsonLayout Scan(byte[] utf8, int maxDepth)
    {
        var options = new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = maxDepth, AllowMultipleValues = true };
        var reader = new Utf8JsonReader(utf8, options);
        try
        {
            if (!reader.Read()) return new JsonLayout(JsonLayoutKind.Invalid, [], "the file holds no JSON value");
            return reader.TokenType switch
            {
                JsonTokenType.StartObject => ScanObject(ref reader),
                JsonTokenType.StartArray => ScanArray(ref reader),
                _ => new JsonLayout(JsonLayoutKind.Invalid, [], $"the file holds a single {reader.TokenType.ToString().ToLowerInvariant()}, not an object or an array of objects"),
            };
        }
        catch (JsonException failure)
        {
            return new JsonLayout(JsonLayoutKind.Invalid, [], Describe(failure));
        }
    }

    private static JsonLayout ScanObject(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return new JsonLayout(reader.Read() ? JsonLayoutKind.SeveralValues : JsonLayoutKind.SingleObject, [], null);
    }

    private static JsonLayout ScanArray(ref Utf8JsonReader reader)
    {
        var elements = new List<Range>();
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                elements.Add(start..(int)reader.BytesConsumed);
            }
            return new JsonLayout(JsonLayoutKind.Array, elements, reader.TokenType == JsonTokenType.EndArray ? null : "the array is not closed; the file looks truncated");
        }
        catch (JsonException failure)
        {
            return new JsonLayout(JsonLayoutKind.Array, elements, Describe(failure));
        }
    }

    private static string Describe(JsonException failure) =>
        $"the JSON syntax breaks at line {failure.LineNumber + 1}, byte {failure.BytePositionInLine + 1}";
}
