using System.Security.Cryptography;
using System.Text;
using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Golden;

/// <summary>
/// Pins what ingestion produces (title, text, ContentHash, date, byline, or the rejection) for the seeds, the fixtures,
/// hand-made inputs that reach every normalisation rule, and a few thousand deterministic mutations of them. The web
/// store finds duplicates by ContentHash, so a faster reader must give byte-identical results for every input.
/// </summary>
/// <remarks>
/// The expected values were recorded from the reader before its performance work (set NEWSCLUSTER_WRITE_GOLDEN=1 to
/// rewrite <c>Fixtures/ingestion-golden.tsv</c>; do that only for an intended change of output).
/// </remarks>
public sealed class IngestionGoldenTests
{
    private const int Mutations = 3000;
    private static string GoldenFile => Path.Combine(Fixtures.Folder, "ingestion-golden.tsv");

    [Fact]
    public void Every_recorded_input_still_gives_exactly_the_recorded_result()
    {
        var actual = Cases().Select(c => (c.Name, Describe(c.Name, c.Content))).ToList();
        if (Environment.GetEnvironmentVariable("NEWSCLUSTER_WRITE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(Fixtures.Folder, "..", "..", "..", "..", "Fixtures", "ingestion-golden.tsv"));
            File.WriteAllLines(source, actual.Select(a => a.Name + "\t" + a.Item2), new UTF8Encoding(false));
        }
        var golden = Golden();
        golden.Should().HaveCount(actual.Count);
        var mismatches = actual.Where(a => golden.GetValueOrDefault(a.Name) != a.Item2).Select(a => a.Name).ToList();
        mismatches.Should().BeEmpty("ingestion output (title, text, ContentHash, date, byline, rejection) must not change");
    }

    [Fact]
    public void The_seeds_keep_their_recorded_titles_and_hashes()
    {
        var golden = Golden();
        foreach (var file in Seeds.Files)
        {
            var name = Path.GetFileName(file);
            golden["seed:" + name].Should().Be(Describe("seed:" + name, File.ReadAllBytes(file)));
            var article = Reading.Article(name, File.ReadAllBytes(file));
            article.Title.Should().NotBeNullOrWhiteSpace();
            article.ContentHash.Should().Be(DraftHash(article.Text));
        }
    }

    private static string DraftHash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static Dictionary<string, string> Golden() =>
        File.ReadAllLines(GoldenFile).Select(l => l.Split('\t', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    /// <summary>One line per item: the rejection, or the fields with the text summarised by its own SHA-256.</summary>
    private static string Describe(string name, byte[] content)
    {
        var items = Reading.Items(FileNameOf(name), content);
        return string.Join(" || ", items.Select(item => item.Article is { } a
            ? string.Join(" | ", Escape(a.Title), a.ContentHash, DraftHash(a.Text), a.Published?.ToString("O") ?? "-", Escape(a.Byline ?? "-"),
                Escape(a.Source ?? "-"), Escape(a.Url ?? "-"), Escape(a.Language ?? "-"), DraftHash(a.RawText))
            : "rejected: " + Escape(item.RejectionReason ?? "")));
    }

    private static string FileNameOf(string name) => name[(name.IndexOf(':') + 1)..].Split('#')[0];

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

    private static List<(string Name, byte[] Content)> Cases()
    {
        var cases = new List<(string, byte[])>();
        foreach (var file in Seeds.Files) cases.Add(("seed:" + Path.GetFileName(file), File.ReadAllBytes(file)));
        foreach (var file in Directory.GetFiles(Path.Combine(Fixtures.Folder, "golden")).Order(StringComparer.Ordinal))
            cases.Add(("gen:" + Path.GetFileName(file), File.ReadAllBytes(file)));
        cases.Add(("fixture:news-page.html", Fixtures.Bytes("news-page.html")));
        cases.Add(("sample:sample.txt", Samples.TextBytes));
        cases.Add(("sample:sample.html", Samples.HtmlBytes));
        var handmade = Handmade();
        for (var i = 0; i < handmade.Count; i++) cases.Add(($"hand:{i:D3}.txt", handmade[i]));

        var random = new Random(4242);
        var pool = cases.Where(c => c.Item1.EndsWith(".txt", StringComparison.Ordinal)).ToList();
        for (var i = 0; i < Mutations; i++)
        {
            var (name, original) = pool[random.Next(pool.Count)];
            cases.Add(($"mut:{FileNameOf(name)}#{i:D4}", Mutate(original, random)));
        }
        return cases;
    }

    private static readonly string[] Palette =
    [
        "\t", "  ", " ", "\r\n", "\r", "\n", "\n\n", "\u00A0", "\u2003", "\u3000", "\u200B", "\u200C", "\u200D", "\u00AD", "\uFEFF", "\u2060",
        "\u200E", "`", "\u2018", "\u2019", "\u201C", "\u201D", "\u00AB", "\u00BB", "\u2010", "\u2013", "\u2014", "\u2212", "\uFB01", "\uFF21",
        "e\u0301", "\u00E9", "\u00C9", "\u0130", "\u00DF", "\u03A3", "\u03C2", "\u0414", "\u0627\u0644", "\u0661\u0662", "\u4E2D\u6587", "\u3042",
        "\U0001F600", "\U00010400", "\U0001D400", "\u0001", "\u007F", "\u0085", "\u2028", "\u000C", "\u000B", "\u2126", "\u2160", "\u00BD", "\u2075",
        "*", "_", "#", "|", ">", "\u2022", "-", ".", "!", "?", ":", ",", "\"", "'", "(c) 2024", "Share", "Read more: x", "By Jane Doe",
        "July 15, 2025", "2025-07-15T10:00:00Z", "Advertisement", "Related", "Comments (3)",
    ];

    private static byte[] Mutate(byte[] original, Random random)
    {
        var text = Encoding.UTF8.GetString(original);
        var mutations = random.Next(1, 8);
        for (var m = 0; m < mutations && text.Length > 0; m++)
        {
            var at = random.Next(text.Length + 1);
            if (at > 0 && at < text.Length && char.IsLowSurrogate(text[at])) at--;
            switch (random.Next(6))
            {
                case 0:
                    var end = Math.Min(text.Length, at + random.Next(1, 40));
                    if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
                    text = text.Remove(at, end - at);
                    break;
                case 1:
                    // A line copied elsewhere: duplicate paragraphs and repeated titles.
                    var lines = text.Split('\n');
                    var line = lines[random.Next(lines.Length)];
                    text = text.Insert(at, "\n" + (random.Next(2) == 0 ? line.ToUpperInvariant() : line + " ") + "\n");
                    break;
                default:
                    text = text.Insert(at, Palette[random.Next(Palette.Length)]);
                    break;
            }
        }
        var bytes = Encoding.UTF8.GetBytes(text);
        if (random.Next(20) == 0 && bytes.Length > 0) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes;
    }

    private static List<byte[]> Handmade()
    {
        const string body = "The central library will stay open until midnight from Monday, the council said, after students asked for more quiet space.";
        string[] texts =
        [
            $"Library Hours Extended\r\n\r\n{body}\r\nSecond paragraph with  two   spaces\tand a tab.\r\n",
            $"Library Hours Extended\r{body}\rThird line\r",
            $"   Library Hours Extended   \n\n  {body}  \n\n{body}\n\n{body.ToUpperInvariant()}\n",
            $"\u201CQuoted\u201D Title \u2014 With \u2018Dashes\u2019\n\n{body} It\u2019s \u2013 fine \u2212 1 `tick` \u00AB\u00BB.\n",
            $"Caf\u00E9 Cafe\u0301 \uFB01nal \uFF21\uFF22 \u2126 \u2160 \u00BD x\u2075\n\n{body} \u00A0\u2003\u3000 spaced \u200B\u2060\u00AD\uFEFF gone \u200C\u200D kept.\n",
            $"Summary line first.\nThe Real Title Here\nJuly 15, 2025\nBy Jane Doe and John Roe\nThe Real Title Here\n{body}\nShare\nRead more: another story\nRelated\nOther Headline One\nOther Headline Two\n{body} Again different.\n",
            $"Title\n\nPublished: Tue, 15 Jul 2025 10:30:00 GMT\n\n{body}\n\n\u00A9 2025 Example News. All rights reserved.\n",
            "Hard Wrapped Title\n\nThis paragraph is wrapped at a short width so that each line\nis under the limit and the lines need to be joined back\ninto one paragraph by the reader.\n\nA second wrapped paragraph follows here with more words\nthat continue on a second line of the block.\n\nA third block is here too\nwith two lines.\n",
            $"\u041C\u043E\u0441\u043A\u0432\u0430 \u0421\u0435\u0433\u043E\u0434\u043D\u044F\n\n\u0412 \u041C\u043E\u0441\u043A\u0432\u0435 \u043F\u0440\u043E\u0448\u043B\u0430 \u0432\u0441\u0442\u0440\u0435\u0447\u0430 \u043C\u0438\u043D\u0438\u0441\u0442\u0440\u043E\u0432 \u0438 \u0433\u043E\u0441\u0442\u0435\u0439 \u0438\u0437 \u0434\u0440\u0443\u0433\u0438\u0445 \u0441\u0442\u0440\u0430\u043D.\n",
            "\u0627\u0644\u0639\u0646\u0648\u0627\u0646 \u0647\u0646\u0627\n\n\u0642\u0627\u0644 \u0627\u0644\u0648\u0632\u064A\u0631 \u0625\u0646 \u0627\u0644\u0645\u062D\u0627\u062F\u062B\u0627\u062A \u0633\u062A\u0633\u062A\u0645\u0631 \u0641\u064A \u0627\u0644\u0623\u0633\u0628\u0648\u0639 \u0627\u0644\u0645\u0642\u0628\u0644 \u0661\u0662\u0663.\n",
            "\u4E2D\u56FD\u65B0\u95FB\u6807\u9898\n\n\u4ECA\u5929\u5728\u5317\u4EAC\u4E3E\u884C\u4E86\u4E00\u6B21\u91CD\u8981\u7684\u4F1A\u8BAE\uFF0C\u8BA8\u8BBA\u4E86\u7ECF\u6D4E\u53D1\u5C55\u548C\u73AF\u5883\u4FDD\u62A4\u7684\u95EE\u9898\u3002\u4F1A\u8BAE\u6301\u7EED\u4E86\u4E09\u4E2A\u5C0F\u65F6\u3002\n",
            $"\U0001F600 Emoji Title \U00010400\U0001D400\n\n{body} \U0001F600\U00010428 end.\n\n\u0130STANBUL \u0130stanbul STRASSE Stra\u00DFe \u03A3\u039F\u03A3 \u03C3\u03BF\u03C2.\n\n\u0130stanbul istanbul strasse stra\u00DFe \u03C3\u03BF\u03C3 \u03C3\u03BF\u03C2.\n",
            $"Control\u0001 Title\u007F\n\n{body}\u0085next\u2028line\u000Cfeed\u000Bvt\n",
            $"Title\n\n{body}\n\n{body.Replace(",", ";").Replace(" ", "  ")}\n\n**{body}**\n",
            "Tiny\n\nToo short.\n",
            "",
            "\n\n\n   \n",
            $"Previous Post Next Post\n\nFollow us on Twitter\n\n{body}\n\nComments (12)\n\nSubscribe to our newsletter for free updates\n",
            $"# Markdown Title #\n\n*{body}*\n\n_Another_ paragraph here about the library and its readers, and what they said.\n",
            $"Mon Jul 14 2025 20:39:39 GMT+0300 (Eastern European Summer Time)\n\nJS Date Title\n\n{body}\n",
        ];
        var list = texts.Select(t => Encoding.UTF8.GetBytes(t)).ToList();
        list.Add([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($"BOM Title\n\n{body}\n")]);
        list.Add([.. Encoding.Latin1.GetBytes($"Caf\u00E9 Title\n\n{body} Na\u00EFve r\u00E9sum\u00E9 \u00A3 5.\n"), 0x93, 0x94, 0x96]);
        list.Add([0xFF, 0xFE, .. Encoding.Unicode.GetBytes($"UTF16 Title\n\n{body}\n")]);
        list.Add(Encoding.Unicode.GetBytes($"UTF16 No Bom Title\n\n{body}\n"));
        list.Add(Encoding.BigEndianUnicode.GetBytes($"UTF16 BE Title\n\n{body}\n"));
        list.Add([.. Encoding.UTF8.GetBytes($"Binary Title\n\n{body}\n"), 0, 1, 2, 3]);
        list.Add([.. Encoding.UTF8.GetBytes("Controls\n"), .. Enumerable.Repeat((byte)0x01, 50), .. Encoding.UTF8.GetBytes(body)]);
        list.Add([0x82, 0xB1, 0x82, 0xF1, 0x82, 0xC9, 0x82, 0xBF, 0x82, 0xCD, 0x90, 0xA2, 0x8A, 0x45, 0x0A, 0x0A, 0x82, 0xB1, 0x82, 0xF1]);
        list.Add([0x25, 0x50, 0x44, 0x46, .. Encoding.UTF8.GetBytes(body)]);
        list.Add(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(body + "\n", 400))));
        list.Add(Encoding.UTF8.GetBytes("Long Line Title\n\n" + string.Concat(Enumerable.Repeat(body + " ", 200))));
        return list;
    }
}
