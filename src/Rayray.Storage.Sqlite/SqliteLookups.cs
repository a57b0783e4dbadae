using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Core.Storage;

namespace Rayray.Storage.Sqlite;

/// <summary>The reads the scan and <c>rayray show</c> need: known files per folder, known folders, one document.</summary>
internal static class SqliteLookups
{
    public static IReadOnlyDictionary<string, KnownLocation> KnownLocations(SqliteConnection connection, string folder)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT m.hash, m.status, {SqliteLocations.ColumnsOfL}
            FROM locations l JOIN media_files m ON m.rowid = l.file_rowid
            WHERE l.folder = $folder
            """;
        command.Parameters.AddWithValue("$folder", folder);
        var known = new Dictionary<string, KnownLocation>(StringComparer.Ordinal);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var location = SqliteLocations.Read(reader, 2);
            known[location.Path] = KnownLocation.Of(location, reader.GetString(0), SchemaNames.StatusFrom(reader.GetString(1)));
        }
        return known;
    }

    /// <summary>
    /// The folders that hold known files, the root and every folder under it. Each is found with
    /// one seek on the folder index to the next folder after the last one, rather than by reading
    /// the index entry of every file (a million on a large NAS).
    /// </summary>
    public static IReadOnlyList<string> KnownFolders(SqliteConnection connection, string root)
    {
        // A range on the folder index: everything from "root/" up to (not including) "root0", "/" + 1 being "0".
        var separator = Path.DirectorySeparatorChar;
        var prefix = root.EndsWith(separator) ? root : root + separator;
        var prefixEnd = SqliteSqlPatterns.PrefixEnd(prefix);
        var folders = new List<string>();
        using (var exact = connection.CreateCommand())
        {
            exact.CommandText = "SELECT 1 FROM locations WHERE folder = $root LIMIT 1";
            exact.Parameters.AddWithValue("$root", Path.TrimEndingDirectorySeparator(root));
            if (exact.ExecuteScalar() is not null)
                folders.Add(Path.TrimEndingDirectorySeparator(root));
        }
        using var first = connection.CreateCommand();
        first.CommandText = "SELECT folder FROM locations WHERE folder >= $low AND folder < $high ORDER BY folder LIMIT 1";
        first.Parameters.AddWithValue("$low", prefix);
        first.Parameters.AddWithValue("$high", prefixEnd);
        using var next = connection.CreateCommand();
        next.CommandText = "SELECT folder FROM locations WHERE folder > $after AND folder < $high ORDER BY folder LIMIT 1";
        var after = next.Parameters.Add("$after", SqliteType.Text);
        next.Parameters.AddWithValue("$high", prefixEnd);
        for (var folder = first.ExecuteScalar() as string; folder is not null; folder = next.ExecuteScalar() as string)
        {
            if (folders.Count == 0 || folders[^1] != folder)
                folders.Add(folder);
            after.Value = folder;
        }
        return folders;
    }

    /// <summary>The document with this id, content hash (with or without <c>sha256:</c>) or location path.</summary>
    public static MediaDocument? Find(SqliteConnection connection, string idHashOrPath)
    {
        var key = DocumentKey.Parse(idHashOrPath);
        long rowid;
        string body, raw;
        using (var command = connection.CreateCommand())
        {
            var where = key.Kind switch
            {
                DocumentKeyKind.Id => "m.id = $key",
                DocumentKeyKind.Hash => "m.hash = $key",
                _ => "m.rowid = (SELECT file_rowid FROM locations WHERE path = $key)",
            };
            command.CommandText = $"SELECT m.rowid, b.body, b.raw FROM media_files m JOIN media_bodies b ON b.rowid = m.rowid WHERE {where}";
            command.Parameters.AddWithValue("$key", key.Value);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            (rowid, body, raw) = (reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
        }
        var locations = new List<FileLocation>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT {SqliteLocations.Columns} FROM locations WHERE file_rowid = $rowid ORDER BY path";
            command.Parameters.AddWithValue("$rowid", rowid);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                locations.Add(SqliteLocations.Read(reader, 0));
        }
        return DocumentJson.Deserialize(DocumentJson.Assemble(body, locations, raw));
    }
}
