using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NewsCluster.Web.Data.Configurations;

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> job)
    {
        job.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        job.Property(j => j.Description).HasMaxLength(500);
        job.HasIndex(j => j.Status);
        job.HasMany(j => j.Items).WithOne().HasForeignKey(i => i.ImportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportItemConfiguration : IEntityTypeConfiguration<ImportItem>
{
    public void Configure(EntityTypeBuilder<ImportItem> item)
    {
        item.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        item.Property(i => i.Name).HasMaxLength(1000);
        item.HasIndex(i => new { i.ImportId, i.Id });
    }
}

internal sealed class TombstoneConfiguration : IEntityTypeConfiguration<Tombstone>
{
    public void Configure(EntityTypeBuilder<Tombstone> tombstone)
    {
        tombstone.HasKey(t => t.ContentHash);
        tombstone.Property(t => t.ContentHash).HasMaxLength(64);
    }
}
