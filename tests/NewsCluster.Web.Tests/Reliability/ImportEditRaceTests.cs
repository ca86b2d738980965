using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCluster.Ingestion;
using NewsCluster.Web.Data;
using NewsCluster.Web.Editing;
using NewsCluster.Web.Imports;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Reliability;

/// <summary>An editor changing a story between two batches of a running import (found by the load test).</summary>
public sealed class ImportEditRaceTests : IDisposable
{
    private const string Story = "Harbour Bridge Reopens After Storm Repairs\n\nThe harbour bridge reopened to traffic on Friday after three weeks of repairs to storm damage, the city transport office said.\n\nEngineers replaced two expansion joints and a section of the railing that the storm surge had torn away.";

    private readonly NewsAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_batch_that_joins_a_story_an_editor_just_changed_still_commits()
    {
        _app.CreateClient().Dispose();
        using var importScope = _app.Services.CreateScope();
        var db = importScope.ServiceProvider.GetRequiredService<NewsDbContext>();
        var importer = importScope.ServiceProvider.GetRequiredService<ArticleImporter>();
        var job = new ImportJob { Status = ImportStatus.Running, Description = "race", Folder = Path.Combine(_app.DataFolder, "none") };
        db.Imports.Add(job);
        await db.SaveChangesAsync();

        await importer.CommitBatchAsync(job, Parse("first.txt", Story), CancellationToken.None);
        var story = await db.Articles.Where(a => a.OriginPath == "first.txt").Select(a => a.ClusterId).SingleAsync();
        using (var editorScope = _app.Services.CreateScope())
            await editorScope.ServiceProvider.GetRequiredService<ClusterEditor>().RenameAsync("admin", story, "Renamed by an editor", null, CancellationToken.None);
        // A syndicated copy of the first article: it joins the story the editor just changed.
        var tally = await importer.CommitBatchAsync(job, Parse("copy.txt", Story.Replace("on Friday", "on Friday morning")), CancellationToken.None);

        tally.Ingested.Should().Be(1);
        (await _app.WithDbAsync(d => d.Articles.Where(a => a.OriginPath == "copy.txt").Select(a => a.ClusterId).SingleAsync())).Should().Be(story);
        (await _app.WithDbAsync(d => d.Clusters.Where(c => c.Id == story).Select(c => c.Headline).SingleAsync())).Should().Be("Renamed by an editor");
        (await _app.WithDbAsync(d => d.Imports.Where(j => j.Id == job.Id).Select(j => j.ItemsDone).SingleAsync())).Should().Be(2);
    }

    private static List<ParsedItem> Parse(string name, string text) =>
        new ArticleReader().Read(name, new MemoryStream(Encoding.UTF8.GetBytes(text))).ToList();
}
