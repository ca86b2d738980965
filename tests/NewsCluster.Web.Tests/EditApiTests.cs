using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Data;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests;

public sealed class EditApiTests : IDisposable
{
    private readonly NewsAppFactory _app = new();
    private readonly HttpClient _editor;

    public EditApiTests() => _editor = _app.CreateEditorClient();

    public void Dispose()
    {
        _editor.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task Writes_without_an_editor_are_refused_and_change_nothing()
    {
        var (story, other) = await SeedStoriesAsync();
        using var anonymous = _app.CreateClient();
        using var wrongPassword = _app.CreateClient();
        wrongPassword.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:wrong")));

        (await anonymous.PostAsJsonAsync("/api/clusters/merge", new { clusterIds = new[] { story, other } })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await wrongPassword.PostAsJsonAsync("/api/clusters/merge", new { clusterIds = new[] { story, other } })).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await anonymous.DeleteAsync("/api/articles/1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        (await _app.WithDbAsync(db => db.Clusters.CountAsync())).Should().Be(2);
        (await _app.WithDbAsync(db => db.Articles.CountAsync())).Should().Be(5);
    }

    [Fact]
    public async Task Splitting_an_article_out_then_merging_back_and_undoing_the_merge_keeps_every_article_in_one_cluster()
    {
        var (story, _) = await SeedStoriesAsync();
        var members = await MembersAsync(story);

        var split = await PostAsync($"/api/clusters/{story}/split", new { articleIds = new[] { members[^1] } });
        var splitOff = split.GetProperty("clusterId").GetInt64();
        (await MembersAsync(splitOff)).Should().Equal(members[^1]);
        (await MembersAsync(story)).Should().Equal(members[..^1]);

        var merge = await PostAsync("/api/clusters/merge", new { clusterIds = new[] { story, splitOff } });
        (await MembersAsync(merge.GetProperty("clusterId").GetInt64())).Should().BeEquivalentTo(members);

        await PostAsync($"/api/audit/{merge.GetProperty("auditEntryId").GetInt64()}/undo", new { });
        (await MembersAsync(splitOff)).Should().Equal(members[^1]);
        await AssertEveryArticleInExactlyOneExistingClusterAsync();
        var audit = await _editor.GetFromJsonAsync<JsonElement>("/api/audit");
        audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).Should().Equal("undo", "merge", "split");
        audit.EnumerateArray().All(e => e.GetProperty("editor").GetString() == "admin").Should().BeTrue();
    }

    [Fact]
    public async Task A_moved_article_stays_moved_and_a_split_stays_split_when_everything_is_reclustered()
    {
        var (story, other) = await SeedStoriesAsync();
        var lone = (await MembersAsync(other)).Single();
        var members = await MembersAsync(story);

        await PostAsync($"/api/articles/{lone}/move", new { clusterId = story });
        var split = await PostAsync($"/api/clusters/{story}/split", new { articleIds = new[] { members[0] } });
        var splitOff = split.GetProperty("clusterId").GetInt64();

        await PostAsync("/api/admin/recluster", new { });

        var clusterOf = await _app.WithDbAsync(db => db.Articles.ToDictionaryAsync(a => a.Id, a => a.ClusterId));
        clusterOf[lone].Should().Be(clusterOf[members[1]], "the editor moved it into the story");
        clusterOf[members[0]].Should().NotBe(clusterOf[members[1]], "the editor split it out");
        clusterOf[members[0]].Should().Be(splitOff);
        await AssertEveryArticleInExactlyOneExistingClusterAsync();
    }

    [Fact]
    public async Task A_stale_version_answers_409_and_an_unknown_id_404_both_with_problem_details()
    {
        var (story, other) = await SeedStoriesAsync();
        var version = await _app.WithDbAsync(db => db.Clusters.Where(c => c.Id == story).Select(c => c.Version).SingleAsync());

        var stale = await _editor.PostAsJsonAsync($"/api/clusters/{story}/rename", new { headline = "New", version = version - 1 });
        var unknown = await _editor.PostAsJsonAsync("/api/clusters/merge", new { clusterIds = new[] { story, 999_999L } });
        var unknownArticle = await _editor.PostAsJsonAsync("/api/articles/999999/move", new { clusterId = other });

        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        stale.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        unknownArticle.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Two_editors_merging_the_same_story_at_once_one_wins_and_the_other_is_told_it_changed()
    {
        var (story, other) = await SeedStoriesAsync();
        var versions = await _app.WithDbAsync(db => db.Clusters.OrderBy(c => c.Id).Select(c => new { c.Id, c.Version }).ToListAsync());
        var body = new { clusterIds = versions.Select(v => v.Id).ToArray(), versions = versions.Select(v => v.Version).ToArray() };
        using var second = _app.CreateEditorClient();

        var results = await Task.WhenAll(_editor.PostAsJsonAsync("/api/clusters/merge", body), second.PostAsJsonAsync("/api/clusters/merge", body));

        results.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        (await _app.WithDbAsync(db => db.Clusters.CountAsync())).Should().Be(1);
        await AssertEveryArticleInExactlyOneExistingClusterAsync();
    }

    [Fact]
    public async Task A_removed_article_is_refused_as_a_duplicate_when_uploaded_again_until_the_removal_is_undone()
    {
        var (_, other) = await SeedStoriesAsync();
        var lone = (await MembersAsync(other)).Single();
        var seedFile = Directory.GetFiles(SeedCorpus.Folder, "004_*").Single();

        var removal = await _editor.DeleteAsync($"/api/articles/{lone}");
        removal.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.WithDbAsync(db => db.Clusters.AnyAsync(c => c.Id == other))).Should().BeFalse("its only article was removed");
        var reupload = await _editor.WaitForImportAsync(await UploadIdAsync(seedFile));
        reupload.GetProperty("duplicates").GetInt32().Should().Be(1);

        var auditId = (await removal.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("auditEntryId").GetInt64();
        await PostAsync($"/api/audit/{auditId}/undo", new { });
        (await MembersAsync(other)).Should().Equal(lone);
        (await _app.WithDbAsync(db => db.Tombstones.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task A_locked_story_refuses_merges_until_it_is_unlocked()
    {
        var (story, other) = await SeedStoriesAsync();
        await PostAsync($"/api/clusters/{story}/lock", new { locked = true });

        var refused = await _editor.PostAsJsonAsync("/api/clusters/merge", new { clusterIds = new[] { story, other } });
        refused.StatusCode.Should().Be(HttpStatusCode.Conflict);

        await PostAsync($"/api/clusters/{story}/lock", new { locked = false });
        await PostAsync("/api/clusters/merge", new { clusterIds = new[] { story, other } });
        (await _app.WithDbAsync(db => db.Clusters.CountAsync())).Should().Be(1);
    }

    private async Task<long> UploadIdAsync(string path)
    {
        var response = await _editor.UploadAsync((Path.GetFileName(path), await File.ReadAllBytesAsync(path)));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>The seeds' four-rewrite story and the separate story.</summary>
    private async Task<(long Story, long Other)> SeedStoriesAsync()
    {
        var clusters = await _app.WithDbAsync(db => db.Clusters.OrderByDescending(c => c.ArticleCount).Select(c => c.Id).ToListAsync());
        clusters.Should().HaveCount(2);
        return (clusters[0], clusters[1]);
    }

    private Task<List<long>> MembersAsync(long clusterId) =>
        _app.WithDbAsync(db => db.Articles.Where(a => a.ClusterId == clusterId).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());

    private async Task<JsonElement> PostAsync(string url, object body)
    {
        var response = await _editor.PostAsJsonAsync(url, body);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task AssertEveryArticleInExactlyOneExistingClusterAsync()
    {
        var orphans = await _app.WithDbAsync(db => db.Articles.CountAsync(a => !db.Clusters.Any(c => c.Id == a.ClusterId)));
        var empty = await _app.WithDbAsync(db => db.Clusters.CountAsync(c => !db.Articles.Any(a => a.ClusterId == c.Id)));
        var counts = await _app.WithDbAsync(db => db.Clusters.CountAsync(c => c.ArticleCount != db.Articles.Count(a => a.ClusterId == c.Id)));
        orphans.Should().Be(0);
        empty.Should().Be(0);
        counts.Should().Be(0, "each cluster's article count matches its members");
    }
}
