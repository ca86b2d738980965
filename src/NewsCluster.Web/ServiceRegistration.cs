using NewsCluster.Web.Clustering;
using NewsCluster.Web.Imports;

namespace NewsCluster.Web;

public static class ServiceRegistration
{
    public static IServiceCollection AddNewsServices(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<StoryClusteringService>();
        services.AddScoped<ArticleImporter>();
        return services;
    }
}
