using System.Formats.Tar;
using System.IO.Compression;
using NewsCluster.Ingestion.Tests.Support;

namespace NewsCluster.Ingestion.Tests.Archives;

public sealed class ArchiveTests
{
    [Fact]
    public void Zip_entries_become_items_named_archive_slash_inner_path()
    {
        var zip = ArchiveBuilder.Zip(("news/a.txt", Samples.TextBytes), ("news/b.html", Samples.HtmlBytes), ("news/", []));
        var items = Reading.Items("dump.zip", zip);
        items.Select(i => i.Path).Should().Equal("dump.zip/news/a.txt", "dump.zip/news/b.html");
        items.Should().OnlyContain(i => i.Article!.Title == Samples.Title);
    }

    [Fact]
    public void A_zip_read_from_a_non_seekable_stream_is_spooled_and_read()
    {
        var zip = ArchiveBuilder.Zip(("a.txt", Samples.TextBytes));
        using var stream = new ForwardOnlyStream(zip);
        new ArticleReader().Read("upload.zip", stream).Should().ContainSingle().Which.Article!.Title.Should().Be(Samples.Title);
    }

    [Theory]
    [InlineData("../x.txt", "climbs out")]
    [InlineData("news/../../etc/passwd", "climbs out")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("C:/Windows/win.ini", "absolute")]
    [InlineData("..\\evil.txt", "climbs out")]
    public void Zip_entries_with_unsafe_paths_are_refused_and_the_rest_read(string name, string why)
    {
        var zip = ArchiveBuilder.Zip((name, Samples.TextBytes), ("good.txt", Samples.TextBytes));
        var items = Reading.Items("hostile.zip", zip);
        items.Should().HaveCount(2);
        items[0].RejectionReason.Should().StartWith("unsafe path:").And.Contain(why);
        items[1].Article!.Title.Should().Be(Samples.Title);
    }

    [Fact]
    public void A_zip_symlink_entry_is_refused_as_unsafe()
    {
        const int symbolicLink = 0xA1FF;
        var zip = ArchiveBuilder.Zip([("link.txt", ArchiveBuilder.Utf8("/etc/passwd"), symbolicLink)]);
        Reading.Single("links.zip", zip).RejectionReason.Should().StartWith("unsafe path:").And.Contain("link");
    }

    [Fact]
    public void A_zip_bomb_is_refused_by_its_expansion_ratio()
    {
        var zip = ArchiveBuilder.Zip(("bomb.txt", new byte[50 * 1024 * 1024]), ("fine.txt", Samples.TextBytes));
        zip.Length.Should().BeLessThan(200 * 1024);
        var items = Reading.Items("bomb.zip", zip);
        items[0].RejectionReason.Should().StartWith("too large:").And.Contain("bomb");
        items[1].IsRejected.Should().BeFalse();
    }

    [Fact]
    public void A_zip_whose_expansion_passes_the_total_budget_is_stopped()
    {
        var limits = new IngestionLimits { MaxTotalExpandedBytes = 1000 };
        var zip = ArchiveBuilder.Zip(("a.txt", new byte[600]), ("b.txt", new byte[600]));
        Reading.Items("budget.zip", zip, limits).Should().Contain(i => i.RejectionReason != null && i.RejectionReason.StartsWith("too large:"));
    }

    [Fact]
    public void An_archive_with_more_entries_than_allowed_is_cut_off_with_a_reason()
    {
        var limits = new IngestionLimits { MaxEntries = 3 };
        var zip = ArchiveBuilder.Zip(Enumerable.Range(0, 6).Select(i => ($"{i}.txt", Samples.TextBytes)).ToArray());
        var items = Reading.Items("many.zip", zip, limits);
        items.Should().HaveCount(4);
        items.Last().RejectionReason.Should().StartWith("too large:").And.Contain("entries");
    }

    [Fact]
    public void A_truncated_zip_is_refused_as_a_corrupt_archive()
    {
        var zip = ArchiveBuilder.Zip(("a.txt", Samples.TextBytes), ("b.txt", Samples.TextBytes));
        Reading.Single("cut.zip", zip[..(zip.Length / 2)]).RejectionReason.Should().StartWith("corrupt archive:");
    }

    [Fact]
    public void Tar_entries_stream_through_with_links_refused()
    {
        var tar = ArchiveBuilder.Tar(
            ArchiveBuilder.TarFile("a.txt", Samples.TextBytes),
            new PaxTarEntry(TarEntryType.SymbolicLink, "evil.txt") { LinkName = "/etc/passwd" },
            new PaxTarEntry(TarEntryType.HardLink, "hard.txt") { LinkName = "a.txt" },
            new PaxTarEntry(TarEntryType.Directory, "dir/"),
            ArchiveBuilder.TarFile("../up.txt", Samples.TextBytes),
            ArchiveBuilder.TarFile("dir/b.html", Samples.HtmlBytes));
        var items = Reading.Items("site.tar", tar);
        items.Select(i => i.Path).Should().Equal("site.tar/a.txt", "site.tar/evil.txt", "site.tar/hard.txt", "site.tar/../up.txt", "site.tar/dir/b.html");
        items[0].IsRejected.Should().BeFalse();
        items[1].RejectionReason.Should().StartWith("unsafe path:").And.Contain("link");
        items[2].RejectionReason.Should().StartWith("unsafe path:");
        items[3].RejectionReason.Should().StartWith("unsafe path:");
        items[4].Article!.Title.Should().Be(Samples.Title);
    }

    [Fact]
    public void A_tar_gz_is_decompressed_and_read_as_a_stream()
    {
        var tgz = ArchiveBuilder.Gzip(ArchiveBuilder.Tar(ArchiveBuilder.TarFile("./x/a.txt", Samples.TextBytes), ArchiveBuilder.TarFile("x/b.txt", Samples.TextBytes)));
        using var stream = new ForwardOnlyStream(tgz);
        new ArticleReader().Read("dump.tgz", stream).Select(i => i.Path).Should().Equal("dump.tgz/x/a.txt", "dump.tgz/x/b.txt");
    }

    [Fact]
    public void A_gzipped_json_lines_file_keeps_its_outer_name_and_line_numbers()
    {
        var gz = ArchiveBuilder.Gzip(ArchiveBuilder.Utf8($$"""{"title":"Gz Story Title","text":"{{Samples.Body}}"}""" + "\n"));
        Reading.Single("dump.jsonl.gz", gz).Path.Should().Be("dump.jsonl.gz#1");
    }

    [Fact]
    public void A_gzip_bomb_is_refused_by_its_expansion_ratio()
    {
        var gz = ArchiveBuilder.Gzip(new byte[64 * 1024 * 1024]);
        Reading.Single("bomb.txt.gz", gz).RejectionReason.Should().StartWith("too large:");
    }

    [Fact]
    public void A_truncated_gzip_is_refused_as_a_corrupt_archive()
    {
        var gz = ArchiveBuilder.Gzip(ArchiveBuilder.Utf8(string.Concat(Enumerable.Repeat(Samples.Text, 200))));
        Reading.Single("cut.txt.gz", gz[..(gz.Length / 2)]).RejectionReason.Should().StartWith("corrupt archive:");
    }

    [Fact]
    public void A_zip_inside_a_tar_gz_is_read_with_nested_paths()
    {
        var inner = ArchiveBuilder.Zip(("story.txt", Samples.TextBytes));
        var tgz = ArchiveBuilder.Gzip(ArchiveBuilder.Tar(ArchiveBuilder.TarFile("in/inner.zip", inner)));
        Reading.Single("outer.tar.gz", tgz).Path.Should().Be("outer.tar.gz/in/inner.zip/story.txt");
    }

    [Fact]
    public void Archives_nested_past_the_limit_are_refused()
    {
        var zip = ArchiveBuilder.Zip(("story.txt", Samples.TextBytes));
        for (var i = 0; i < 4; i++) zip = ArchiveBuilder.Zip(($"level{i}.zip", zip));
        Reading.Single("russian-doll.zip", zip).RejectionReason.Should().StartWith("too large:").And.Contain("nested");
    }

    [Fact]
    public void Warc_response_records_with_html_become_items_and_other_records_are_passed_over()
    {
        var warc = ArchiveBuilder.Warc(
            ("https://news.example/a", "HTTP/1.1 200 OK\nContent-Type: text/html; charset=utf-8", Samples.HtmlBytes),
            ("https://news.example/logo.png", "HTTP/1.1 200 OK\nContent-Type: image/png", [0x89, 0x50, 0x4E, 0x47]),
            ("https://news.example/old", "HTTP/1.1 301 Moved Permanently\nContent-Type: text/html", ArchiveBuilder.Utf8("<a href=/new>moved</a>")));
        var items = Reading.Items("crawl.warc", warc);
        items.Select(i => i.Path).Should().Equal("crawl.warc#3", "crawl.warc#5", "crawl.warc#7");
        items[0].Article!.Title.Should().Be(Samples.Title);
        items[0].Article!.Url.Should().Be("https://news.example/a");
        items[1].RejectionReason.Should().StartWith("unsupported format:").And.Contain("image/png");
        items[2].RejectionReason.Should().StartWith("no article text:").And.Contain("301");
    }

    [Fact]
    public void A_warc_gz_is_read_and_its_http_header_charset_honoured()
    {
        var latin = System.Text.Encoding.Latin1.GetBytes(Samples.Html.Replace("central library", "bibliothèque centrale"));
        var warc = ArchiveBuilder.Gzip(ArchiveBuilder.Warc(("https://news.example/fr", "HTTP/1.1 200 OK\nContent-Type: text/html; charset=ISO-8859-1", latin)));
        Reading.Single("crawl.warc.gz", warc).Article!.Text.Should().Contain("bibliothèque centrale");
    }

    [Fact]
    public void A_truncated_warc_keeps_the_records_before_the_cut()
    {
        var warc = ArchiveBuilder.Warc(
            ("https://news.example/a", "HTTP/1.1 200 OK\nContent-Type: text/html", Samples.HtmlBytes),
            ("https://news.example/b", "HTTP/1.1 200 OK\nContent-Type: text/html", Samples.HtmlBytes));
        var items = Reading.Items("cut.warc", warc[..(warc.Length - 100)]);
        items[0].IsRejected.Should().BeFalse();
        items.Last().RejectionReason.Should().StartWith("corrupt archive:");
    }

    [Fact]
    public void A_zip_entry_in_an_unsupported_format_is_refused_and_named()
    {
        var zip = ArchiveBuilder.Zip(("photo.png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0]), ("a.txt", Samples.TextBytes));
        var items = Reading.Items("mixed.zip", zip);
        items[0].RejectionReason.Should().StartWith("unsupported format:");
        items[1].IsRejected.Should().BeFalse();
    }

    [Fact]
    public void Random_bytes_named_zip_are_a_corrupt_archive() =>
        Reading.Single("junk.zip", Enumerable.Range(0, 4000).Select(i => (byte)(i * 7919 % 251)).ToArray()).RejectionReason.Should().StartWith("corrupt archive:");

    /// <summary>An upload-like stream: no seeking, no length.</summary>
    private sealed class ForwardOnlyStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
