using Microsoft.Playwright;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Browser;

/// <summary>A headless Chromium page on the app that records script errors, failed requests and error responses.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly NewsAppFactory? _ownedApp;

    private BrowserSession(NewsAppFactory app, bool ownsApp, IPlaywright playwright, IBrowser browser, IPage page)
    {
        App = app;
        _ownedApp = ownsApp ? app : null;
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.PageError += (_, error) => Problems.Add("script error: " + error);
        page.Console += (_, message) => { if (message.Type == "error") Problems.Add($"console on {page.Url}: {message.Text}"); };
        page.RequestFailed += (_, request) => Problems.Add($"failed {request.Url}: {request.Failure}");
        page.Response += (_, response) => { if (response.Status >= 400) Problems.Add($"{response.Status} {response.Url}"); };
    }

    public NewsAppFactory App { get; }
    public IPage Page { get; }
    public List<string> Problems { get; } = [];
    public string BaseUrl => App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    /// <summary>Starts a fresh app on Kestrel (disposed with the session) and opens a page on it.</summary>
    public static async Task<BrowserSession> StartAsync()
    {
        var app = NewsAppFactory.WithKestrel();
        app.StartServer();
        return await OpenAsync(app, ownsApp: true);
    }

    /// <summary>Opens a page on an app the caller started (and disposes).</summary>
    public static Task<BrowserSession> OpenAsync(NewsAppFactory app) => OpenAsync(app, ownsApp: false);

    private static async Task<BrowserSession> OpenAsync(NewsAppFactory app, bool ownsApp)
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        return new BrowserSession(app, ownsApp, playwright, browser, page);
    }

    public Task GotoAsync(string path) => Page.GotoAsync(BaseUrl + path);

    public async Task LogInAsync()
    {
        await GotoAsync("/account/login");
        await Page.FillAsync("#UserName", "admin");
        await Page.FillAsync("#Password", NewsAppFactory.AdminPassword);
        await Page.ClickAsync("form.login-form button[type=submit]");
        await Page.WaitForSelectorAsync("text=Log out admin");
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        _ownedApp?.Dispose();
    }
}
