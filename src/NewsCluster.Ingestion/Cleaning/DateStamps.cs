using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace NewsCluster.Ingestion.Cleaning;

/// <summary>
/// Recognises lines that are nothing but a date stamp (scraped bylines, "MORE ON THEME" timestamps) and reads dates
/// from metadata values. Only whole-line patterns count, so a sentence that merely mentions a date stays.
/// </summary>
internal static partial class DateStamps
{
    private const string Months = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
    private const string Weekdays = "mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?";
    private const string Label = @"^(?:(?:published|updated|posted|last updated|date|first published)(?: on)?:?\s*)?";
    private const string Clock = @"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[a-z]{2,4}t|[+-]\d{2}:?\d{2}))?)?";

    // JavaScript Date.prototype.toString(): "Tue Jul 15 2025 00:00:47 GMT+0300 (Eastern European Summer Time)".
    [GeneratedRegex(@"^(?:" + Weekdays + @")\s+(" + Months + @")\s+(\d{1,2})\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+GMT([+-])(\d{2})(\d{2})(?:\s+\([^)]*\))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex JavaScriptDate();

    // RFC 1123 / 822: "Mon, 14 Jul 2025 20:39:39 GMT".
    [GeneratedRegex(Label + @"(?:(?:" + Weekdays + @"),?\s+)?\d{1,2}\s+(?:" + Months + @")\.?,?\s+\d{4}" + Clock + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthYear();

    // "July 15, 2025", "Tuesday, Jul. 15, 2025 at 10:30 a.m. EDT".
    [GeneratedRegex(Label + @"(?:(?:" + Weekdays + @"),?\s+)?(?:" + Months + @")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}" + Clock + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayYear();

    // ISO 8601: "2025-07-15", "2025-07-15T00:00:47+03:00".
    [GeneratedRegex(Label + @"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?:(?:published|updated|posted|last updated|date|first published)(?: on)?:?\s*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LabelPrefix();

    [GeneratedRegex(@"\b(?:" + Weekdays + @"),?\s+|(?<=\d)(?:st|nd|rd|th)\b|\bat\s+|\s+(?:gmt|utc|[a-z]{2,4}t)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DecorativeParts();

    // Every pattern needs a four-digit year, so a line without four digits in a row is decided without running them.
    public static bool IsDateStampLine(ReadOnlySpan<char> line) =>
        line.Length <= 100 && HasFourDigitRun(line) && (JavaScriptDate().IsMatch(line) || DayMonthYear().IsMatch(line) || MonthDayYear().IsMatch(line) || IsoDate().IsMatch(line));

    /// <summary>Whether the line holds four characters in a row that <c>\d</c> matches (any Unicode decimal digit, as char.IsDigit).</summary>
    private static bool HasFourDigitRun(ReadOnlySpan<char> line)
    {
        // Most lines are ASCII without a digit: two vectorised searches decide those.
        if (!line.ContainsAnyInRange('0', '9') && Ascii.IsValid(line)) return false;
        var run = 0;
        foreach (var c in line)
        {
            run = char.IsDigit(c) ? run + 1 : 0;
            if (run == 4) return true;
        }
        return false;
    }

    /// <summary>Reads a date from a stamp line or a metadata value; a value without an offset is taken as UTC.</summary>
    public static DateTimeOffset? TryParse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 100) return null;
        var text = value.Trim();
        var javaScript = JavaScriptDate().Match(text);
        if (javaScript.Success) return FromJavaScript(javaScript);
        text = LabelPrefix().Replace(text, "");
        if (TryParseLoose(text, out var parsed)) return parsed;
        return TryParseLoose(DecorativeParts().Replace(text, " ").Trim(), out parsed) ? parsed : null;
    }

    private static bool TryParseLoose(string text, out DateTimeOffset parsed)
    {
        var ok = DateTimeOffset.TryParse(text.Replace(".m.", "m", StringComparison.OrdinalIgnoreCase), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out parsed);
        if (ok) parsed = parsed.ToUniversalTime();
        return ok && parsed.Year is >= 1900 and <= 2200;
    }

    private static DateTimeOffset? FromJavaScript(Match match)
    {
        var month = DateTime.ParseExact(match.Groups[1].Value[..3], "MMM", CultureInfo.InvariantCulture).Month;
        var day = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
        int hour = Number(match, 4), minute = Number(match, 5), second = Number(match, 6);
        var offset = new TimeSpan(Number(match, 8), Number(match, 9), 0) * (match.Groups[7].Value == "-" ? -1 : 1);
        if (year is < 1900 or > 2200 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59 || offset.Duration() > TimeSpan.FromHours(14))
            return null;
        return new DateTimeOffset(year, month, day, hour, minute, second, offset).ToUniversalTime();
    }

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
}
