using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsCluster.Web.Data.Configurations;

internal sealed class EditorConfiguration : IEntityTypeConfiguration<Editor>
{
    public void Configure(EntityTypeBuilder<Editor> editor)
    {
        editor.Property(e => e.UserName).HasMaxLength(64);
        editor.HasIndex(e => e.UserName).IsUnique();
    }
}

internal sealed class ArticleLinkConfiguration : IEntityTypeConfiguration<ArticleLink>
{
    public void Configure(EntityTypeBuilder<ArticleLink> link)
    {
        link.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
        link.HasIndex(l => l.ArticleA);
        link.HasIndex(l => l.ArticleB);
        link.HasIndex(l => l.AuditEntryId);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.Action).HasMaxLength(32);
        entry.Property(e => e.Editor).HasMaxLength(64);
        entry.HasIndex(e => e.AtUtc);
    }
}
