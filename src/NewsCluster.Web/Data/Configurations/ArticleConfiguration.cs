using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsCluster.Web.Data.Configurations;

internal sealed class ArticleConfiguration : IEntityTypeConfiguration<Article>
{
    public void Configure(EntityTypeBuilder<Article> article)
    {
        article.Property(a => a.Title).HasMaxLength(1000);
        article.Property(a => a.ContentHash).HasMaxLength(64);
        article.HasIndex(a => a.ContentHash).IsUnique();
        article.HasIndex(a => a.ClusterId);
        article.HasOne(a => a.Cluster).WithMany(c => c.Articles).HasForeignKey(a => a.ClusterId).OnDelete(DeleteBehavior.Restrict);
    }
}
