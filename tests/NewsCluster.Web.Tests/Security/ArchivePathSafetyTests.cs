using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Security;

/// <summary>
/// Hostile archive paths through the whole app: nothing is written or read outside the import's private folder,
/// the hostile items are rejected as unsafe, and the folder is gone once the import ends.
/// </summary>
public sealed class ArchivePathSafetyTests : IClassFixture<NewsAppFactory>
{
    private const string Marker = "EVIL-PAYLOAD-7d1f";
    private const string Story = "Lighthouse Keeper Retires\n\nThe last lighthouse keeper on the coast retired on Sunday after forty years, the maritime office said.";

    private readonly NewsAppFactory _app;

    public ArchivePathSafetyTests(NewsAppFactory app) => _app = app;

    [Fact]
    public async Task Zip_slip_and_absolute_entry_paths_are_rejected_as_unsafe_and_write_nothing_outside()
    {
        var escapeName = "evil-" + Guid.NewGuid().ToString("n") + ".txt";
        var zip = Zip(("../../" + escapeName, Marker + " climbs out"), ("/tmp/" + escapeName, Marker + " absolute"),
            ("..\\..\\" + escapeName, Marker + " backslashes"), ("dump/lighthouse.txt", Story));

        var items = await ImportAsync(("dump.zip", zip));

        items.Where(i => i.Name.Contains(escapeName)).Should().HaveCount(3)
            .And.OnlyContain(i => i.Status == "rejected" && i.Reason!.StartsWith("unsafe path"));
        items.Single(i => i.Name.EndsWith("lighthouse.txt")).Status.Should().Be("ingested");
        await ShouldLeaveNoTraceAsync(escapeName);
    }

    [Fact]
    public async Task Symbolic_and_hard_link_entries_in_a_tar_are_rejected_and_nothing_is_read_through_them()
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "dump/passwd.txt") { LinkName = "/etc/passwd" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "dump/up.txt") { LinkName = "../../../../etc/hostname" });
            tar.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, "dump/hard.txt") { LinkName = "/etc/passwd" });
            var story = new PaxTarEntry(TarEntryType.RegularFile, "dump/keeper.txt") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(Story.Replace("Sunday", "Monday"))) };
            tar.WriteEntry(story);
        }

        var items = await ImportAsync(("links.tar", buffer.ToArray()));

        items.Where(i => !i.Name.EndsWith("keeper.txt")).Should().HaveCount(3)
            .And.OnlyContain(i => i.Status == "rejected" && i.Reason!.StartsWith("unsafe path"));
        items.Single(i => i.Name.EndsWith("keeper.txt")).Status.Should().Be("ingested");
        (await _app.WithDbAsync(db => db.Articles.CountAsync(a => a.Text.Contains("root:") || a.RawText.Contains("root:"))))
            .Should().Be(0, "no link target is ever read");
    }

    [Fact]
    public async Task A_hostile_upload_file_name_stays_inside_the_private_upload_folder()
    {
        var escapeName = "evil-" + Guid.NewGuid().ToString("n") + ".txt";

        var items = await ImportAsync(("../../" + escapeName, Encoding.UTF8.GetBytes(Story.Replace("forty", "thirty"))));

        items.Should().ContainSingle().Which.Name.Should().Be(escapeName, "only the last segment of the name is kept");
        await ShouldLeaveNoTraceAsync(escapeName);
    }

    private async Task ShouldLeaveNoTraceAsync(string escapeName)
    {
        foreach (var folder in new[] { _app.DataFolder, Path.GetDirectoryName(_app.DataFolder)!, Path.GetTempPath(), "/tmp", AppContext.BaseDirectory })
            Directory.EnumerateFiles(folder, escapeName, new EnumerationOptions { RecurseSubdirectories = folder == _app.DataFolder, IgnoreInaccessible = true })
                .Should().BeEmpty($"nothing may be written under {folder}");
        Directory.Exists(_app.UploadFolder).Should().BeTrue();
        Directory.EnumerateFileSystemEntries(_app.UploadFolder).Should().BeEmpty("the import's private folder is removed when it ends");
    }

    private async Task<List<Item>> ImportAsync(params (string Name, byte[] Content)[] files)
    {
        using var client = _app.CreateClient();
        var response = await client.UploadAsync(files);
        response.StatusCode.Should().Be(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var import = await client.WaitForImportAsync((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        import.GetProperty("status").GetString().Should().Be("done");
        return import.GetProperty("items").EnumerateArray()
            .Select(i => new Item(i.GetProperty("name").GetString()!, i.GetProperty("status").GetString()!, i.GetProperty("reason").GetString()))
            .ToList();
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(archive.CreateEntry(name).Open());
                writer.Write(text);
            }
        return buffer.ToArray();
    }

    private sealed record Item(string Name, string Status, string? Reason);
}
