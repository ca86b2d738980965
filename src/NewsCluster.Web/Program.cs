using NewsCluster.Web;
using NewsCluster.Web.Accounts;
using NewsCluster.Web.Data;
using NewsCluster.Web.Health;
using NewsCluster.Web.Logging;

var builder = WebApplication.CreateBuilder(args);
builder.AddNewsLogging();
builder.Services.AddNewsDatabase(builder.Configuration, builder.Environment);
builder.Services.AddNewsServices(builder.Configuration);
builder.Services.AddNewsHealthChecks();
builder.Services.AddEditorAccounts(builder.Configuration, builder.Environment);
builder.Services.AddNewsSecurity(builder.Configuration);
builder.Services.AddRazorPages();

var app = builder.Build();
if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/Error");
app.UseRequestLogging();
app.UseSecurityHeaders();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapNewsHealth();
app.MapNewsApi();

await app.InitialiseDatabaseAsync();
await app.EnsureAdminAsync();
app.Run();

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
