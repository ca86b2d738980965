using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace NewsCluster.Web.Data.Migrations
{
    /// <summary>
    /// Full-text search over titles and text: an external-content FTS5 table kept in step with Articles by triggers,
    /// so every insert, update and delete (including undo and re-cluster) updates the index in the same transaction.
    /// </summary>
    public partial class ArticleSearch : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ArticleSearch USING fts5(Title, Text, content='Articles', content_rowid='Id', tokenize='unicode61 remove_diacritics 2');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Articles_search_insert AFTER INSERT ON Articles BEGIN
                    INSERT INTO ArticleSearch(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Articles_search_delete AFTER DELETE ON Articles BEGIN
                    INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Articles_search_update AFTER UPDATE OF Title, Text ON Articles BEGIN
                    INSERT INTO ArticleSearch(ArticleSearch, rowid, Title, Text) VALUES ('delete', old.Id, old.Title, old.Text);
                    INSERT INTO ArticleSearch(rowid, Title, Text) VALUES (new.Id, new.Title, new.Text);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO ArticleSearch(ArticleSearch) VALUES ('rebuild');");
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_search_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_search_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Articles_search_insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ArticleSearch;");
        }
    }
}
