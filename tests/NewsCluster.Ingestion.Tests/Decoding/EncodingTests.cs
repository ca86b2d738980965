using System.Text;
using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Decoding;

public sealed class EncodingTests
{
    private const string Accented = "Café Owners in Zürich Protest Rent Rises";
    private const string Body = "Owners of cafés across the city said rents had risen by a third, and that some would close before the winter — déjà vu for many.";
    private static string Text => $"{Accented}\n\n{Body}";

    public static TheoryData<string, byte[]> EncodedTexts => new()
    {
        { "UTF-8 without BOM", Encoding.UTF8.GetBytes(Text) },
        { "UTF-8 with BOM", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Text)] },
        { "UTF-16 LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Text)] },
        { "UTF-16 BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Text)] },
        { "UTF-16 LE without BOM", Encoding.Unicode.GetBytes(Text) },
        { "Windows-1252", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(Text) },
        { "ISO-8859-1", Encoding.Latin1.GetBytes(Text.Replace("—", "-")) },
    };

    [Theory]
    [MemberData(nameof(EncodedTexts))]
    public void Text_in_each_supported_encoding_decodes_to_the_same_title(string encoding, byte[] bytes)
    {
        var article = Reading.Article("cafe.txt", bytes);
        article.Title.Should().Be(Accented, because: encoding);
        article.Text.Should().Contain("déjà vu");
    }

    [Fact]
    public void Html_meta_charset_is_honoured()
    {
        var html = $"<html><head><meta charset=\"koi8-r\"><title>Новости дня</title></head><body><p>Городской совет утвердил новый бюджет, который увеличивает расходы на школы и больницы.</p></body></html>";
        var article = Reading.Article("ru.html", CodePagesEncodingProvider.Instance.GetEncoding("koi8-r")!.GetBytes(html));
        article.Title.Should().Be("Новости дня");
        article.Text.Should().StartWith("Городской совет");
    }

    [Fact]
    public void Http_equiv_content_type_charset_is_honoured()
    {
        var html = $"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><title>{Accented}</title></head><body><p>{Body}</p></body></html>";
        Reading.Article("cafe.html", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(html)).Title.Should().Be(Accented);
    }

    [Fact]
    public void A_page_declaring_utf8_but_written_in_windows_1252_is_still_read_as_windows_1252()
    {
        var html = $"<html><head><meta charset=\"utf-8\"><title>{Accented}</title></head><body><p>{Body}</p></body></html>";
        Reading.Article("mislabelled.html", CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(html)).Title.Should().Be(Accented);
    }

    [Fact]
    public void A_utf16_byte_order_mark_over_an_odd_broken_body_is_undecodable()
    {
        byte[] bytes = [0xFF, 0xFE, (byte)'a', 0, 0x00, 0xD8, (byte)'b', 0];
        Reading.Single("broken.txt", bytes).RejectionReason.Should().StartWith("undecodable:");
    }

    [Fact]
    public void A_utf8_byte_order_mark_over_invalid_utf8_is_undecodable() =>
        Reading.Single("liar.txt", [0xEF, 0xBB, 0xBF, .. Encoding.ASCII.GetBytes("Title line\n\nSome text "), 0xC3, 0x28, 0xFF]).RejectionReason.Should().StartWith("undecodable:");

    [Fact]
    public void Undeclared_shift_jis_is_undecodable_rather_than_mojibake()
    {
        var sjis = CodePagesEncodingProvider.Instance.GetEncoding("shift_jis")!.GetBytes("東京で新しい図書館が開館しました。市民は長い列を作りました。");
        Reading.Single("tokyo.txt", sjis).RejectionReason.Should().StartWith("undecodable:");
    }

    [Fact]
    public void Binary_junk_named_txt_is_refused_as_binary() =>
        Reading.Single("junk.txt", Enumerable.Range(0, 1000).Select(i => (byte)(i * 31 % 256)).ToArray()).RejectionReason.Should().StartWith("binary:");

    [Fact]
    public void A_png_named_txt_is_refused_as_binary_and_named() =>
        Reading.Single("photo.txt", [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0]).RejectionReason.Should().StartWith("binary:").And.Contain("PNG");
}
