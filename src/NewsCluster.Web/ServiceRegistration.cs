using NewsCluster.Ingestion;
using NewsCluster.Web.Clustering;
using NewsCluster.Web.Data;
using NewsCluster.Web.Editing;
using NewsCluster.Web.Imports;
using NewsCluster.Web.Stories;

namespace NewsCluster.Web;

public static class ServiceRegistration
{
    public static IServiceCollection AddNewsServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // Bounded: each entry is one story comparison (Size = 1).
        services.AddMemoryCache(options => options.SizeLimit = 2000);
        services.Configure<UploadOptions>(configuration.GetSection("NewsCluster:Upload"));
        services.AddSingleton(configuration.GetSection("NewsCluster:Ingestion").Get<IngestionLimits>() ?? new IngestionLimits());
        services.AddSingleton(provider => new ArticleReader(provider.GetRequiredService<IngestionLimits>()));
        services.AddSingleton<ImportQueue>();
        services.AddHostedService<ImportWorker>();
        services.AddSingleton<StoryIndexHolder>();
        services.AddScoped<StoryClusteringService>();
        services.AddScoped<ArticleImporter>();
        services.AddScoped<ClusterEditor>();
        services.AddScoped<StoryQueries>();
        services.AddScoped<DatabaseBackup>();
        services.AddScoped<ImportRunner>();
        services.AddScoped<UploadService>();
        services.AddProblemDetails();
        services.AddOpenApi();
        return services;
    }

    public static void MapNewsApi(this WebApplication app)
    {
        app.MapImportApi();
        app.MapStoryApi();
        app.MapEditApi();
        app.MapOpenApi();
    }
}
