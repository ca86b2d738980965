using System.Net;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Security;

/// <summary>Writes without an editor, forms without a token, floods of logins and uploads, password guessing.</summary>
public sealed class AbuseTests : IDisposable
{
    private readonly NewsAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Every_editor_endpoint_refuses_anonymous_and_wrongly_authenticated_writes_with_401()
    {
        var writes = EditorWriteRoutes();
        writes.Select(w => w.Pattern).Should().Contain(["/api/clusters/merge", "/api/clusters/{id:long}/split", "/api/articles/{id:long}/move",
            "/api/articles/{id:long}", "/api/audit/{id:long}/undo", "/api/admin/backup"], "the enumeration must find the editor API");
        using var anonymous = _app.CreateClient();
        using var intruder = _app.CreateClient();
        intruder.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("intruder:guess")));
        var clustersBefore = await _app.WithDbAsync(db => db.Clusters.Select(c => c.Id + ":" + c.Version).ToListAsync());

        foreach (var (method, pattern) in writes)
        {
            var url = pattern.Replace("{id:long}", "1");
            foreach (var client in new[] { anonymous, intruder })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("""{"clusterIds":[1,2],"articleIds":[1],"clusterId":2}""", Encoding.UTF8, "application/json") };
                var response = await client.SendAsync(request);
                response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"{method} {url}");
            }
        }

        (await _app.WithDbAsync(db => db.Audit.CountAsync())).Should().Be(0);
        (await _app.WithDbAsync(db => db.Clusters.Select(c => c.Id + ":" + c.Version).ToListAsync())).Should().Equal(clustersBefore);
    }

    [Fact]
    public async Task Every_state_changing_form_refuses_a_post_without_the_anti_forgery_token()
    {
        using var browser = new FormClient(_app);
        (await browser.LogInAsync()).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var story = await _app.WithDbAsync(db => db.Clusters.OrderByDescending(c => c.ArticleCount).Select(c => c.Id).FirstAsync());
        var other = await _app.WithDbAsync(db => db.Clusters.Where(c => c.Id != story).Select(c => c.Id).FirstAsync());
        var article = await _app.WithDbAsync(db => db.Articles.Where(a => a.ClusterId == story).Select(a => a.Id).FirstAsync());
        var forms = new (Type Page, string Handler, string Url, (string, string)[] Fields)[]
        {
            (typeof(NewsCluster.Web.Pages.IndexModel), "Merge", "/?handler=Merge", [("clusterIds", story.ToString()), ("clusterIds", other.ToString())]),
            (typeof(NewsCluster.Web.Pages.Stories.StoryModel), "Split", $"/stories/{story}?handler=Split", [("articleIds", article.ToString()), ("version", "1")]),
            (typeof(NewsCluster.Web.Pages.Stories.StoryModel), "Merge", $"/stories/{story}?handler=Merge", [("otherId", other.ToString()), ("version", "1")]),
            (typeof(NewsCluster.Web.Pages.Stories.StoryModel), "Move", $"/stories/{story}?handler=Move", [("articleId", article.ToString()), ("targetId", other.ToString())]),
            (typeof(NewsCluster.Web.Pages.Stories.StoryModel), "Rename", $"/stories/{story}?handler=Rename", [("headline", "forged"), ("version", "1")]),
            (typeof(NewsCluster.Web.Pages.Stories.StoryModel), "Lock", $"/stories/{story}?handler=Lock", [("locked", "true"), ("version", "1")]),
            (typeof(NewsCluster.Web.Pages.Stories.StoryModel), "Remove", $"/stories/{story}?handler=Remove", [("articleId", article.ToString())]),
            (typeof(NewsCluster.Web.Pages.Articles.ArticleModel), "Move", $"/articles/{article}?handler=Move", [("targetId", other.ToString())]),
            (typeof(NewsCluster.Web.Pages.Audit.IndexModel), "Undo", "/audit?handler=Undo", [("entryId", "1")]),
            (typeof(NewsCluster.Web.Pages.Account.EditorsModel), "", "/account/editors", [("UserName", "forged-editor"), ("Password", "a long enough secret")]),
            (typeof(NewsCluster.Web.Pages.Account.LoginModel), "", "/account/login", [("UserName", "admin"), ("Password", NewsAppFactory.AdminPassword)]),
            (typeof(NewsCluster.Web.Pages.Account.LoginModel), "Logout", "/account/login?handler=Logout", []),
            (typeof(NewsCluster.Web.Pages.Upload.UploadModel), "", "/upload", [("files", "not really a file")]),
        };
        forms.Select(f => $"{f.Page.FullName}.{f.Handler}").Should().BeEquivalentTo(AllPostHandlers(), "every POST handler of every page is covered");

        foreach (var (_, _, url, fields) in forms)
        {
            var response = await browser.Http.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, url);
        }

        (await _app.WithDbAsync(db => db.Audit.CountAsync())).Should().Be(0, "no forged form changed a story");
        (await _app.WithDbAsync(db => db.Editors.CountAsync())).Should().Be(1, "no forged form added an editor");
        (await _app.WithDbAsync(db => db.Imports.CountAsync())).Should().Be(0, "no forged upload was accepted");
        (await _app.WithDbAsync(db => db.Articles.AnyAsync(a => a.Id == article && a.ClusterId == story))).Should().BeTrue();
        (await browser.Http.GetStringAsync("/")).Should().Contain("Log out admin", "the forged logout did not log the editor out");
    }

    [Fact]
    public async Task Repeated_wrong_basic_credentials_lock_the_account_for_the_api_too()
    {
        using var guesser = _app.CreateClient();
        guesser.DefaultRequestHeaders.Authorization = Basic("admin", "wrong");
        for (var i = 0; i < 5; i++) (await guesser.PostAsync("/api/admin/backup", null)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var rightful = _app.CreateEditorClient();
        var response = await rightful.PostAsync("/api/admin/backup", null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the account is locked even for the right password");
    }

    [Fact]
    public async Task Logins_and_uploads_over_their_rate_limits_are_refused_with_429()
    {
        using var app = new NewsAppFactory()
            .WithSetting("NewsCluster:RateLimits:LoginsPerMinute", "3")
            .WithSetting("NewsCluster:RateLimits:UploadsPerMinute", "2");
        using var browser = new FormClient(app);
        var logins = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) logins.Add((await browser.LogInAsync("wrong-" + i)).StatusCode);
        using var client = app.CreateClient();
        var uploads = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) uploads.Add((await client.UploadAsync(($"u{i}.txt", Encoding.UTF8.GetBytes($"Upload {i}\n\nText of upload number {i}.")))).StatusCode);

        logins.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests);
        uploads.Should().Equal(HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests);
        (await browser.Http.GetAsync("/account/login")).StatusCode.Should().Be(HttpStatusCode.OK, "looking at the login page is never limited");
    }

    private List<(string Method, string Pattern)> EditorWriteRoutes() =>
        _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.StartsWith("/api/", StringComparison.Ordinal) && !raw.StartsWith("/api/imports", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m is not ("GET" or "HEAD"))
                .Select(m => (m, e.RoutePattern.RawText!)))
            .ToList();

    private static IEnumerable<string> AllPostHandlers() =>
        typeof(NewsCluster.Web.Pages.ErrorModel).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(PageModel).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => $"{t.FullName}.{m.Name["OnPost".Length..].Replace("Async", "")}"));

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
}
