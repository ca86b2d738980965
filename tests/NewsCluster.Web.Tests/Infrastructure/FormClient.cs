using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace NewsCluster.Web.Tests.Infrastructure;

/// <summary>A browser-like client for form posts: keeps cookies, does not follow redirects, reads anti-forgery tokens from pages.</summary>
public sealed partial class FormClient(NewsAppFactory app) : IDisposable
{
    public HttpClient Http { get; } = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<string> TokenFromAsync(string pageUrl)
    {
        var html = await Http.GetStringAsync(pageUrl);
        return Token().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups["token"].Value)
            : throw new InvalidOperationException($"No anti-forgery token on {pageUrl}.");
    }

    /// <summary>Posts a form taken from <paramref name="pageUrl"/> (with its token) to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string action, params (string Name, string Value)[] fields)
    {
        var token = await TokenFromAsync(pageUrl);
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token));
        return await Http.PostAsync(action, new FormUrlEncodedContent(form));
    }

    public async Task<HttpResponseMessage> LogInAsync(string password = NewsAppFactory.AdminPassword) =>
        await PostFormAsync("/account/login", "/account/login", ("UserName", "admin"), ("Password", password));

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)" """)]
    private static partial Regex Token();
}
