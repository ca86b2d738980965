namespace NewsCluster.Web.Tests.Browser;

/// <summary>
/// A browser test: skipped with a visible reason where no Chromium is installed, except under CI=true, where a
/// missing browser must fail the run instead of passing quietly.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.ExecutablePath is null && !Chromium.IsCi)
            Skip = $"Browser test skipped: no Chromium at {Chromium.DefaultPath} (install it with 'apt-get install -y chromium', or set CHROMIUM_PATH).";
    }
}
