using Microsoft.Data.Sqlite;
using Rayray.Core.Storage;
using Rayray.Storage.Sqlite;

namespace Rayray.Tests.Storage;

/// <summary>The contract suite over the embedded SQLite store, plus what only SQLite has.</summary>
public sealed class SqliteMediaStoreTests : MediaStoreContract
{
    private string DatabasePath => Folder["data/rayray.db"];

    protected override async Task<IMediaStore> OpenAsync() => await TestScan.OpenSqliteAsync(DatabasePath);

    [Fact]
    public async Task The_database_is_in_wal_mode_with_every_index()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
        var objects = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('index', 'table')";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                objects.Add(reader.GetString(0));
        }
        foreach (var expected in new[] { "media_files_kind", "media_files_status", "media_files_taken", "media_files_camera_taken", "media_files_primary_path", "locations_folder", "locations_file", "media_text", "media_geo" })
            Assert.Contains(expected, objects);
        Assert.Equal((long)SqliteSchema.CurrentVersion, Convert.ToInt64(Scalar(connection, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_version_1_database_is_upgraded_in_place_and_keeps_its_documents()
    {
        await Store.DisposeAsync();
        var old = Folder["v1.db"];
        var document = TestDocuments.Create("from version 1", Folder["photos/old.jpg"]);
        await using (var connection = new SqliteConnection($"Data Source={old}"))
        {
            await connection.OpenAsync();
            Scalar(connection, SqliteSchema.Migrations[0] + "; PRAGMA user_version = 1;");
            Scalar(connection, $"""
                INSERT INTO media_files (id, hash, kind, status, mime, ext, size, primary_path, ingested_ticks, body)
                VALUES ('{document.Id}', '{document.File.Hash}', 'image', 'indexed', 'image/jpeg', 'jpg', 12, '{document.File.Path}', 1,
                        '{Rayray.Core.Documents.DocumentJson.Serialize(document with { Locations = [] }).Replace("'", "''", StringComparison.Ordinal)}');
                INSERT INTO locations (path, folder, file_rowid, size, modified_ticks, seen_ticks)
                VALUES ('{document.File.Path}', '{Path.GetDirectoryName(document.File.Path)}', 1, 12, 1, 1);
                """);
        }

        Store = await TestScan.OpenSqliteAsync(old);

        var upgraded = await Store.FindAsync(document.Id, default);
        Assert.NotNull(upgraded);
        Assert.Null(upgraded.Locations.Single().Sidecar);
        await using var check = new SqliteConnection($"Data Source={old};Mode=ReadOnly");
        await check.OpenAsync();
        Assert.Equal((long)SqliteSchema.CurrentVersion, Convert.ToInt64(Scalar(check, "PRAGMA user_version"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_version_5_database_gets_its_copies_and_positions_from_what_it_holds()
    {
        await Store.DisposeAsync();
        var old = Folder["v5.db"];
        var twice = TestDocuments.Create("at two paths", Folder["photos/a.jpg"]);
        var nowhere = TestDocuments.Create("no position", Folder["photos/c.jpg"], d => d with { Location = null });
        await using (var connection = new SqliteConnection($"Data Source={old}"))
        {
            await connection.OpenAsync();
            SchemaAt(connection, 5);
            InsertDocument(connection, 1, twice);
            InsertDocument(connection, 2, nowhere);
            Scalar(connection, $"""
                INSERT INTO locations (path, folder, file_rowid, size, modified_ticks, seen_ticks) VALUES
                    ('{Folder["photos/a.jpg"]}', '{Folder["photos"]}', 1, 12, 1, 1),
                    ('{Folder["photos/b.jpg"]}', '{Folder["photos"]}', 1, 12, 1, 1),
                    ('{Folder["photos/c.jpg"]}', '{Folder["photos"]}', 2, 12, 1, 1);
                INSERT INTO media_geo (id, min_lon, max_lon, min_lat, max_lat) VALUES (1, -122.4194, -122.4194, 37.7749, 37.7749);
                """);
        }

        Store = await TestScan.OpenSqliteAsync(old);

        async Task<long> Count(string query) => await Store.CountAsync(Rayray.Core.Query.QueryParser.Parse(query), default);
        Assert.Equal(1, await Count("copies>1"));
        Assert.Equal(1, await Count("copies:1"));
        Assert.Equal(1, await Count("has:gps"));
        Assert.Equal(1, await Count("near:37.7749,-122.4194,1km"));
        Assert.Equal(2, await Count("has:copies"));
    }

    [Fact]
    public async Task A_version_6_database_keeps_its_text_index_and_gains_the_place_columns()
    {
        await Store.DisposeAsync();
        var old = Folder["v6.db"];
        var lisbon = TestDocuments.Create("harbour at dusk", Folder["photos/lisbon.jpg"], d => d with
        {
            Place = new Rayray.Core.Documents.PlaceInfo { City = "Lisbon", Region = "Lisbon", Country = "Portugal", CountryCode = "PT" },
        });
        await using (var connection = new SqliteConnection($"Data Source={old}"))
        {
            await connection.OpenAsync();
            SchemaAt(connection, 6);
            InsertDocument(connection, 1, lisbon);
            Scalar(connection, $"""
                INSERT INTO media_text (rowid, name, description) VALUES (1, 'lisbon.jpg', 'harbour at dusk');
                INSERT INTO locations (path, folder, file_rowid, size, modified_ticks, seen_ticks) VALUES ('{lisbon.File.Path}', '{Folder["photos"]}', 1, 12, 1, 1);
                """);
        }

        Store = await TestScan.OpenSqliteAsync(old);

        async Task<long> Count(string query) => await Store.CountAsync(Rayray.Core.Query.QueryParser.Parse(query), default);
        Assert.Equal(1, await Count("harbour"));
        Assert.Equal(1, await Count("country:PT"));
        Assert.Equal(1, await Count("city:lisbon"));
        Assert.Equal("Portugal", Assert.Single((await Store.GetStatsAsync(Rayray.Core.Storage.StatsGrouping.Country, default)).Groups).Key);
    }

    [Fact]
    public async Task A_version_7_database_keeps_its_words_and_tags_and_gains_people_and_takeout_sidecars()
    {
        await Store.DisposeAsync();
        var old = Folder["v7.db"];
        var beach = TestDocuments.Create("beach at noon", Folder["photos/beach.jpg"], d => d with { Tags = ["beach"], People = [] });
        await using (var connection = new SqliteConnection($"Data Source={old}"))
        {
            await connection.OpenAsync();
            SchemaAt(connection, 7);
            InsertDocument(connection, 1, beach);
            Scalar(connection, $"""
                INSERT INTO media_text (rowid, name, description, tags, place) VALUES (1, 'beach.jpg', 'at noon', 'beach', 'Lisbon');
                INSERT INTO tags (file_rowid, tag) VALUES (1, 'beach');
                INSERT INTO locations (path, folder, file_rowid, size, modified_ticks, seen_ticks) VALUES ('{beach.File.Path}', '{Folder["photos"]}', 1, 12, 1, 1);
                """);
        }

        Store = await TestScan.OpenSqliteAsync(old);
        var withPeople = TestDocuments.Create("people now", Folder["photos/people.jpg"]);
        await Store.WriteBatchAsync([withPeople], false, default);

        async Task<long> Count(string query) => await Store.CountAsync(Rayray.Core.Query.QueryParser.Parse(query), default);
        Assert.Equal(1, await Count("noon lisbon"));
        Assert.Equal(1, await Count("tag:beach"));
        Assert.Equal(1, await Count("person:\"Ana Lima\""));
        Assert.Equal(1, await Count("\"ana lima\""));
        Assert.Equal(1, await Count("tag:\"Places|USA\""));
        Assert.Null((await Store.FindAsync(beach.Id, default))!.Locations.Single().TakeoutSidecar);
        Assert.Equal(withPeople.Locations[0].TakeoutSidecar, (await Store.FindAsync(withPeople.Id, default))!.Locations.Single().TakeoutSidecar);
    }

    [Fact]
    public async Task A_database_from_a_newer_rayray_is_refused_with_a_clear_message()
    {
        await Store.DisposeAsync();
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            Scalar(connection, "PRAGMA user_version = 99");
        }

        var error = await Assert.ThrowsAsync<StoreException>(OpenAsync);

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, error.Message, StringComparison.Ordinal);
        Store = new SqliteMediaStore(Folder["other.db"]);
    }

    [Fact]
    public async Task A_sqlite_file_of_another_program_is_not_touched()
    {
        var foreign = Folder["foreign.db"];
        await using (var connection = new SqliteConnection($"Data Source={foreign}"))
        {
            await connection.OpenAsync();
            Scalar(connection, "CREATE TABLE contacts (name TEXT)");
        }

        await using var store = new SqliteMediaStore(foreign);
        var error = await Assert.ThrowsAsync<StoreException>(() => store.InitializeAsync(default));

        Assert.Contains("not a rayray one", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_named_in_the_error()
    {
        var garbage = Folder.Write("garbage.db", new string('x', 4096));

        await using var store = new SqliteMediaStore(garbage);
        var error = await Assert.ThrowsAsync<StoreException>(() => store.InitializeAsync(default));

        Assert.Contains(garbage, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a rayray database or is damaged", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Known_folders_are_the_root_and_every_folder_under_it_once_and_no_sibling_that_shares_its_name()
    {
        var root = Folder["lib"];
        string[] paths =
        [
            "lib/a.jpg", "lib/b.jpg", "lib/2024/c.jpg", "lib/2024/d.jpg", "lib/2024/trip/e.jpg", "lib/2025/f.jpg",
            "lib 2/g.jpg", "library/h.jpg", "lib0/i.jpg", "li/j.jpg",
        ];
        await Store.WriteBatchAsync([.. paths.Select(p => TestDocuments.Create(p, Folder[p]))], false, default);

        var folders = await Store.GetKnownFoldersAsync(root, default);

        Assert.Equal([root, Folder["lib/2024"], Folder["lib/2024/trip"], Folder["lib/2025"]], folders.Order(StringComparer.Ordinal));
        Assert.Equal([Folder["lib/2024/trip"]], await Store.GetKnownFoldersAsync(Folder["lib/2024/trip"] + "/", default));
        Assert.Empty(await Store.GetKnownFoldersAsync(Folder["nowhere"], default));
    }

    /// <summary>An empty database as rayray's schema version <paramref name="version"/> made it.</summary>
    private static void SchemaAt(SqliteConnection connection, int version) =>
        Scalar(connection, string.Join(";\n", SqliteSchema.Migrations.Take(version)) + $"; PRAGMA user_version = {version};");

    /// <summary>A document's row and body as schema versions 5 and later store them; its locations, words and tags are the test's.</summary>
    private static void InsertDocument(SqliteConnection connection, int rowid, Rayray.Core.Documents.MediaDocument document)
    {
        var body = Rayray.Core.Documents.DocumentJson.Serialize(document with { Locations = [], MetadataRaw = Rayray.Core.Documents.RawJson.Empty });
        Scalar(connection, $"""
            INSERT INTO media_files (rowid, id, hash, kind, status, mime, ext, size, primary_path, ingested_ticks)
            VALUES ({rowid}, '{document.Id}', '{document.File.Hash}', 'image', 'indexed', 'image/jpeg', 'jpg', 12, '{document.File.Path}', 1);
            INSERT INTO media_bodies (rowid, body, raw) VALUES ({rowid}, '{body.Replace("'", "''", StringComparison.Ordinal)}', json_object());
            """);
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
