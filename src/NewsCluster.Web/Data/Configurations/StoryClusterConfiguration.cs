using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsCluster.Web.Data.Configurations;

internal sealed class StoryClusterConfiguration : IEntityTypeConfiguration<StoryCluster>
{
    public void Configure(EntityTypeBuilder<StoryCluster> cluster)
    {
        cluster.Property(c => c.Headline).HasMaxLength(1000);
        cluster.Property(c => c.Version).IsConcurrencyToken();
        cluster.HasIndex(c => c.LastSeenUtc);
        cluster.HasIndex(c => c.ArticleCount);
    }
}
