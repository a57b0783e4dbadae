using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Core.Writing;
using Rayray.Core.Writing.Stacking;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// Reads what a batch touches (<see cref="WriteStateRequest"/>) inside the batch's transaction, with
/// statements prepared once. It also says which row holds each content, for the writes that follow.
/// </summary>
internal sealed class SqliteStateReader : IDisposable
{
    private readonly SqliteStatements _statements;
    private readonly SqliteCommand _rowByHash;
    private readonly SqliteCommand _rowByPath;
    private readonly SqliteCommand _rowsByIdentifier;
    private readonly SqliteCommand _rowsByStackKey;
    private readonly SqliteCommand _content;
    private readonly SqliteCommand _locations;

    public SqliteStateReader(SqliteConnection connection)
    {
        _statements = new SqliteStatements(connection);
        _rowByHash = _statements.Prepare("SELECT rowid FROM media_files WHERE hash = $hash", "$hash");
        _rowByPath = _statements.Prepare("SELECT file_rowid FROM locations WHERE path = $path", "$path");
        _rowsByIdentifier = _statements.Prepare("SELECT rowid FROM media_files WHERE content_identifier = $identifier", "$identifier");
        _rowsByStackKey = _statements.Prepare("SELECT rowid FROM media_files WHERE stack_key = $key", "$key");
        _content = _statements.Prepare("""
            SELECT m.hash, m.id, m.kind, m.content_identifier, m.primary_path, m.ingested_ticks, m.stack_key, m.taken,
                json_extract(b.body, '$.burstId'), json_extract(b.body, '$.stack.id'), json_extract(b.body, '$.stack.role')
            FROM media_files m JOIN media_bodies b ON b.rowid = m.rowid WHERE m.rowid = $rowid
            """, "$rowid");
        _locations = _statements.Prepare($"SELECT {SqliteLocations.Columns} FROM locations WHERE file_rowid = $rowid", "$rowid");
    }

    public void Use(SqliteTransaction transaction) => _statements.Use(transaction);

    /// <summary>The contents the request names, and the row of each (by hash).</summary>
    public (StoredState State, Dictionary<string, long> Rows) Read(WriteStateRequest request)
    {
        var rowids = new HashSet<long>();
        foreach (var hash in request.Hashes)
            AddRows(_rowByHash, "$hash", hash, rowids);
        foreach (var path in request.Paths)
            AddRows(_rowByPath, "$path", path, rowids);
        foreach (var identifier in request.ContentIdentifiers)
            AddRows(_rowsByIdentifier, "$identifier", identifier, rowids);
        foreach (var key in request.StackKeys)
            AddRows(_rowsByStackKey, "$key", key, rowids);

        var contents = new List<StoredContent>(rowids.Count);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        ReadContents(rowids, contents, rows);
        var more = new HashSet<long>();
        foreach (var key in request.FollowUpStackKeys(contents))
            AddRows(_rowsByStackKey, "$key", key, more);
        more.ExceptWith(rowids);
        ReadContents(more, contents, rows);
        return (new StoredState(contents), rows);
    }

    private void ReadContents(IEnumerable<long> rowids, List<StoredContent> contents, Dictionary<string, long> rows)
    {
        foreach (var rowid in rowids)
        {
            var content = ReadContent(rowid);
            contents.Add(content);
            rows[content.Hash] = rowid;
        }
    }

    private static void AddRows(SqliteCommand command, string parameter, string value, HashSet<long> rowids)
    {
        command.Parameters[parameter].Value = value;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rowids.Add(reader.GetInt64(0));
    }

    private StoredContent ReadContent(long rowid)
    {
        _content.Parameters["$rowid"].Value = rowid;
        string hash, id, kind, primaryPath;
        string? identifier;
        long ingested;
        StackFacts? stack = null;
        using (var reader = _content.ExecuteReader())
        {
            reader.Read();
            (hash, id, kind) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            identifier = Text(reader, 3);
            (primaryPath, ingested) = (reader.GetString(4), reader.GetInt64(5));
            if (!reader.IsDBNull(6))
            {
                var stored = Text(reader, 9) is { } stackId ? new StackMembership(stackId, SchemaNames.StackRoleFrom(Text(reader, 10) ?? "")) : null;
                stack = StackFacts.Of(hash, primaryPath, SchemaNames.KindFrom(kind), Text(reader, 7), Text(reader, 8), stored);
            }
        }
        _locations.Parameters["$rowid"].Value = rowid;
        var locations = new List<FileLocation>();
        using (var reader = _locations.ExecuteReader())
        {
            while (reader.Read())
                locations.Add(SqliteLocations.Read(reader, 0));
        }
        return new StoredContent(hash, id, SchemaNames.KindFrom(kind), identifier, primaryPath, new DateTime(ingested, DateTimeKind.Utc), locations, stack);
    }

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public void Dispose() => _statements.Dispose();
}
