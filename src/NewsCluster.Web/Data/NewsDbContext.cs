using Microsoft.EntityFrameworkCore;

namespace NewsCluster.Web.Data;

public sealed class NewsDbContext(DbContextOptions<NewsDbContext> options) : DbContext(options)
{
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<StoryCluster> Clusters => Set<StoryCluster>();
    public DbSet<ImportJob> Imports => Set<ImportJob>();
    public DbSet<ImportItem> ImportItems => Set<ImportItem>();
    public DbSet<Tombstone> Tombstones => Set<Tombstone>();
    public DbSet<Editor> Editors => Set<Editor>();
    public DbSet<ArticleLink> Links => Set<ArticleLink>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(NewsDbContext).Assembly);
}
