using Microsoft.Playwright;
using NewsCluster.Web.Tests.Infrastructure;

namespace NewsCluster.Web.Tests.Browser;

/// <summary>The app on Kestrel plus a headless Chromium page, with failed page resources collected.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private BrowserSession(NewsAppFactory app, IPlaywright playwright, IBrowser browser, IPage page)
    {
        App = app;
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Response += (_, response) => { if (response.Status >= 500) Failures.Add($"{response.Status} {response.Url}"); };
        page.Console += (_, message) => { if (message.Type == "error") Failures.Add($"console on {page.Url}: {message.Text}"); };
    }

    public NewsAppFactory App { get; }
    public IPage Page { get; }
    public List<string> Failures { get; } = [];
    public string BaseUrl => App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public static async Task<BrowserSession> StartAsync()
    {
        var app = NewsAppFactory.WithKestrel();
        app.StartServer();
        var (playwright, browser) = await Chromium.LaunchAsync();
        var page = await browser.NewPageAsync();
        return new BrowserSession(app, playwright, browser, page);
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
        App.Dispose();
    }
}
