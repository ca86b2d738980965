using System.Net;
using System.Text;
using System.Text.Json;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests;

public sealed class EditorPagesTests : IDisposable
{
    private readonly NewsAppFactory _app = new();
    private readonly FormClient _browser;

    public EditorPagesTests() => _browser = new FormClient(_app);

    public void Dispose()
    {
        _browser.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task Readers_see_no_editor_controls_and_an_anonymous_edit_is_sent_to_the_login_page()
    {
        var story = await BiggestStoryAsync();
        var html = await _browser.Http.GetStringAsync($"/stories/{story}");

        html.Should().NotContain("Split selected out").And.Contain("Editor login");
        // A reader's story page has no forms; any page's token will do for the attempt.
        var response = await _browser.PostFormAsync("/account/login", $"/stories/{story}?handler=Lock", ("locked", "true"), ("version", "1"));
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/login");
        (await _app.WithDbAsync(db => db.Clusters.CountAsync(c => c.IsLocked))).Should().Be(0);
    }

    [Fact]
    public async Task A_form_post_without_the_anti_forgery_token_is_refused()
    {
        (await _browser.LogInAsync()).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var story = await BiggestStoryAsync();

        var response = await _browser.Http.PostAsync($"/stories/{story}?handler=Lock",
            new FormUrlEncodedContent([new("locked", "true"), new("version", "1")]));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _app.WithDbAsync(db => db.Clusters.CountAsync(c => c.IsLocked))).Should().Be(0);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_five_in_a_row_lock_the_account_even_for_the_right_one()
    {
        var first = await _browser.LogInAsync("not-the-password");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync()).Should().Contain("Wrong user name or password.");

        for (var i = 1; i < 5; i++) await _browser.LogInAsync("not-the-password");
        var locked = await _browser.LogInAsync();

        locked.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account does not log in");
        (await locked.Content.ReadAsStringAsync()).Should().Contain("locked");
    }

    [Fact]
    public async Task An_editor_splits_an_article_out_on_the_story_page_and_undoes_it_from_the_audit_log()
    {
        (await _browser.LogInAsync()).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var story = await BiggestStoryAsync();
        var article = await _app.WithDbAsync(db => db.Articles.Where(a => a.ClusterId == story).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var version = await _app.WithDbAsync(db => db.Clusters.Where(c => c.Id == story).Select(c => c.Version).SingleAsync());

        var split = await _browser.PostFormAsync($"/stories/{story}", $"/stories/{story}?handler=Split",
            ("articleIds", article.ToString()), ("version", version.ToString()));

        split.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var newStory = await _app.WithDbAsync(db => db.Articles.Where(a => a.Id == article).Select(a => a.ClusterId).SingleAsync());
        newStory.Should().NotBe(story);
        var page = await _browser.Http.GetStringAsync(split.Headers.Location!.ToString());
        page.Should().Contain("Split 1 of 4 articles").And.Contain("Undo");

        var entry = await _app.WithDbAsync(db => db.Audit.Select(e => e.Id).SingleAsync());
        var audit = await _browser.Http.GetStringAsync("/audit");
        audit.Should().Contain("split").And.Contain("admin");
        var undo = await _browser.PostFormAsync("/audit", "/audit?handler=Undo", ("entryId", entry.ToString()));
        undo.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await _app.WithDbAsync(db => db.Articles.Where(a => a.Id == article).Select(a => a.ClusterId).SingleAsync())).Should().Be(story);
    }

    [Fact]
    public async Task A_stale_story_form_tells_the_editor_it_changed_and_shows_the_fresh_state()
    {
        (await _browser.LogInAsync()).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var story = await BiggestStoryAsync();
        var version = await _app.WithDbAsync(db => db.Clusters.Where(c => c.Id == story).Select(c => c.Version).SingleAsync());
        await _browser.PostFormAsync($"/stories/{story}", $"/stories/{story}?handler=Rename", ("headline", "First editor's headline"), ("version", version.ToString()));

        var stale = await _browser.PostFormAsync($"/stories/{story}", $"/stories/{story}?handler=Rename", ("headline", "Second editor's headline"), ("version", version.ToString()));

        var page = await _browser.Http.GetStringAsync(stale.Headers.Location!.ToString());
        page.Should().Contain("changed by someone else").And.Contain("First editor&#x27;s headline");
        (await _app.WithDbAsync(db => db.Clusters.Where(c => c.Id == story).Select(c => c.Headline).SingleAsync())).Should().Be("First editor's headline");
    }

    [Fact]
    public async Task An_editor_adds_another_editor_who_can_then_log_in()
    {
        (await _browser.LogInAsync()).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var added = await _browser.PostFormAsync("/account/editors", "/account/editors", ("UserName", "desk-two"), ("Password", "a long enough secret"));
        added.StatusCode.Should().Be(HttpStatusCode.Redirect);

        using var second = new FormClient(_app);
        var login = await second.PostFormAsync("/account/login", "/account/login", ("UserName", "desk-two"), ("Password", "a long enough secret"));
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await second.Http.GetStringAsync("/")).Should().Contain("Log out desk-two");
    }

    private Task<long> BiggestStoryAsync() =>
        _app.WithDbAsync(db => db.Clusters.OrderByDescending(c => c.ArticleCount).Select(c => c.Id).FirstAsync());
}
