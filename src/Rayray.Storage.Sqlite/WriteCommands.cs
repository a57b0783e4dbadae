using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Storage;

namespace Rayray.Storage.Sqlite;

/// <summary>The prepared statements of the write path, reused for every document of every batch.</summary>
internal sealed class WriteCommands : IDisposable
{
    private readonly List<SqliteCommand> _all = [];
    private readonly SqliteCommand _findByHash;
    private readonly SqliteCommand _findPath;
    private readonly SqliteCommand _pathExists;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _deleteText;
    private readonly SqliteCommand _insertText;
    private readonly SqliteCommand _deleteGeo;
    private readonly SqliteCommand _insertGeo;
    private readonly SqliteCommand _upsertLocation;
    private readonly SqliteCommand _countLocations;
    private readonly SqliteCommand _deleteFile;
    private readonly SqliteCommand _markMissing;
    private readonly SqliteCommand _findPartners;
    private readonly SqliteCommand _setPairs;
    private readonly SqliteCommand _addPair;
    private readonly SqliteCommand _upsertBody;
    private readonly SqliteCommand _deleteTags;
    private readonly SqliteCommand _insertTag;

    public WriteCommands(SqliteConnection connection)
    {
        SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
                command.Parameters.Add(new SqliteParameter(name, null));
            _all.Add(command);
            return command;
        }

        _findByHash = Prepare("SELECT rowid, primary_path, ingested_ticks FROM media_files WHERE hash = $hash", "$hash");
        _findPath = Prepare("SELECT l.file_rowid, m.hash FROM locations l JOIN media_files m ON m.rowid = l.file_rowid WHERE l.path = $path", "$path");
        _pathExists = Prepare("SELECT 1 FROM locations WHERE path = $path", "$path");
        string[] columns =
        [
            "$id", "$hash", "$kind", "$status", "$mime", "$ext", "$size", "$taken", "$taken_utc", "$make", "$model", "$primary_path",
            "$ingested", "$content_identifier", "$width", "$height", "$duration", "$iso", "$aperture", "$exposure", "$focal_length",
            "$lens", "$author", "$rating", "$label",
        ];
        _insert = Prepare("""
            INSERT INTO media_files (id, hash, kind, status, mime, ext, size, taken, taken_utc, make, model, primary_path, ingested_ticks,
                content_identifier, width, height, duration, iso, aperture, exposure, focal_length, lens, author, rating, label)
            VALUES ($id, $hash, $kind, $status, $mime, $ext, $size, $taken, $taken_utc, $make, $model, $primary_path, $ingested,
                $content_identifier, $width, $height, $duration, $iso, $aperture, $exposure, $focal_length, $lens, $author, $rating, $label)
            RETURNING rowid
            """, columns);
        _update = Prepare("""
            UPDATE media_files SET kind = $kind, status = $status, mime = $mime, ext = $ext, size = $size, taken = $taken,
                taken_utc = $taken_utc, make = $make, model = $model, primary_path = $primary_path,
                content_identifier = $content_identifier, width = $width, height = $height, duration = $duration, iso = $iso,
                aperture = $aperture, exposure = $exposure, focal_length = $focal_length, lens = $lens, author = $author,
                rating = $rating, label = $label
            WHERE rowid = $rowid
            """, [.. columns, "$rowid"]);
        _upsertBody = Prepare("""
            INSERT INTO media_bodies (rowid, body, raw) VALUES ($rowid, $body, $raw)
            ON CONFLICT (rowid) DO UPDATE SET body = excluded.body, raw = excluded.raw
            """, "$rowid", "$body", "$raw");
        _deleteTags = Prepare("DELETE FROM tags WHERE file_rowid = $rowid", "$rowid");
        _insertTag = Prepare("INSERT INTO tags (file_rowid, tag) VALUES ($rowid, $tag)", "$rowid", "$tag");
        _deleteText = Prepare("DELETE FROM media_text WHERE rowid = $rowid", "$rowid");
        _insertText = Prepare(
            "INSERT INTO media_text (rowid, name, description, tags, make, model, author) VALUES ($rowid, $name, $description, $tags, $make, $model, $author)",
            "$rowid", "$name", "$description", "$tags", "$make", "$model", "$author");
        _deleteGeo = Prepare("DELETE FROM media_geo WHERE id = $rowid", "$rowid");
        _insertGeo = Prepare("INSERT INTO media_geo (id, min_lon, max_lon, min_lat, max_lat) VALUES ($rowid, $lon, $lon, $lat, $lat)", "$rowid", "$lon", "$lat");
        _upsertLocation = Prepare("""
            INSERT INTO locations (path, folder, file_rowid, size, modified_ticks, changed_ticks, inode, device, seen_ticks,
                                   sidecar_path, sidecar_size, sidecar_modified_ticks)
            VALUES ($path, $folder, $rowid, $size, $modified, $changed, $inode, $device, $seen, $sidecar_path, $sidecar_size, $sidecar_modified)
            ON CONFLICT (path) DO UPDATE SET file_rowid = excluded.file_rowid, size = excluded.size,
                modified_ticks = excluded.modified_ticks, changed_ticks = excluded.changed_ticks,
                inode = excluded.inode, device = excluded.device, seen_ticks = excluded.seen_ticks,
                sidecar_path = excluded.sidecar_path, sidecar_size = excluded.sidecar_size,
                sidecar_modified_ticks = excluded.sidecar_modified_ticks
            """, "$path", "$folder", "$rowid", "$size", "$modified", "$changed", "$inode", "$device", "$seen",
            "$sidecar_path", "$sidecar_size", "$sidecar_modified");
        _countLocations = Prepare("SELECT count(*) FROM locations WHERE file_rowid = $rowid", "$rowid");
        _deleteFile = Prepare("DELETE FROM media_files WHERE rowid = $rowid", "$rowid");
        _markMissing = Prepare("""
            UPDATE media_files SET status = 'missing' WHERE rowid = $rowid;
            UPDATE media_bodies SET body = json_set(body, '$.status', 'missing') WHERE rowid = $rowid;
            """, "$rowid");
        _findPartners = Prepare(
            "SELECT rowid, id FROM media_files WHERE content_identifier = $content_identifier AND rowid <> $rowid AND kind <> $kind ORDER BY id",
            "$content_identifier", "$rowid", "$kind");
        _setPairs = Prepare("UPDATE media_bodies SET body = json_set(body, '$.pairedWith', json($ids)) WHERE rowid = $rowid", "$ids", "$rowid");
        _addPair = Prepare("""
            UPDATE media_bodies SET body = json_set(body, '$.pairedWith', (
                SELECT json_group_array(value) FROM (
                    SELECT value FROM json_each(media_bodies.body, '$.pairedWith') UNION SELECT $id ORDER BY 1)))
            WHERE rowid = $rowid
            """, "$id", "$rowid");
    }

    public void Use(SqliteTransaction transaction)
    {
        foreach (var command in _all)
            command.Transaction = transaction;
    }

    public DocumentWriteOutcome Upsert(MediaDocument document, bool prune)
    {
        var location = document.Locations.Single();

        // What the path held before, so content that lost its last location can be marked missing.
        long? previousRowid = null;
        string? previousHash = null;
        Bind(_findPath, ("$path", location.Path));
        using (var reader = _findPath.ExecuteReader())
        {
            if (reader.Read())
            {
                previousRowid = reader.GetInt64(0);
                previousHash = reader.GetString(1);
            }
        }

        long rowid;
        Bind(_findByHash, ("$hash", document.File.Hash));
        long? existingRowid = null;
        string? existingPrimary = null;
        var ingested = document.Timestamps.Ingested;
        using (var reader = _findByHash.ExecuteReader())
        {
            if (reader.Read())
            {
                existingRowid = reader.GetInt64(0);
                existingPrimary = reader.GetString(1);
                ingested = new DateTime(reader.GetInt64(2), DateTimeKind.Utc);
            }
        }

        var stored = document with { Locations = [], Timestamps = document.Timestamps with { Ingested = ingested } };
        if (existingRowid is { } existing)
        {
            // Copies of the same content keep the name and path it was first found under, while that path still holds it.
            if (existingPrimary != location.Path && PathExists(existingPrimary!))
            {
                stored = stored with
                {
                    File = stored.File with
                    {
                        Path = existingPrimary!,
                        Name = Path.GetFileName(existingPrimary!),
                        Ext = Rayray.Core.Formats.MediaFormats.ExtensionOf(existingPrimary!).ToLowerInvariant(),
                    },
                };
            }
            BindFile(_update, stored);
            _update.Parameters["$rowid"].Value = existing;
            _update.ExecuteNonQuery();
            rowid = existing;
        }
        else
        {
            BindFile(_insert, stored);
            rowid = (long)_insert.ExecuteScalar()!;
        }

        Bind(_upsertBody, ("$rowid", rowid), ("$body", DocumentJson.Serialize(stored with { MetadataRaw = RawJson.Empty })), ("$raw", stored.MetadataRaw.ToString()));
        _upsertBody.ExecuteNonQuery();
        // A row just inserted has no text, tags or position to replace yet.
        var fresh = existingRowid is null;
        WriteText(rowid, stored, fresh);
        WriteTags(rowid, stored.Tags, fresh);
        WriteGeo(rowid, stored.Location, fresh);
        Bind(_upsertLocation,
            ("$path", location.Path),
            ("$folder", Path.GetDirectoryName(location.Path) ?? ""),
            ("$rowid", rowid),
            ("$size", location.Size),
            ("$modified", location.Modified.Ticks),
            ("$changed", location.Changed?.Ticks),
            ("$inode", location.Inode),
            ("$device", location.Device),
            ("$seen", location.Seen.Ticks),
            ("$sidecar_path", location.Sidecar?.Path),
            ("$sidecar_size", location.Sidecar?.Size),
            ("$sidecar_modified", location.Sidecar?.Modified.Ticks));
        _upsertLocation.ExecuteNonQuery();
        LinkPairs(rowid, stored);

        var orphan = previousRowid is { } previous && previous != rowid ? ReleaseOrphan(previous, previousHash!, prune) : OrphanFate.None;
        return new DocumentWriteOutcome(existingRowid is null, previousHash, PreviousContentLeft: orphan);
    }

    /// <summary>
    /// Links the halves of a Live Photo both ways: stills and movies with the same content identifier
    /// (never two stills: copies of one still are not pairs). They stay separate documents.
    /// </summary>
    private void LinkPairs(long rowid, MediaDocument document)
    {
        if (document.ContentIdentifier is null || document.Kind is not (MediaKind.Image or MediaKind.Video))
            return;
        Bind(_findPartners, ("$content_identifier", document.ContentIdentifier), ("$rowid", rowid), ("$kind", SchemaNames.Of(document.Kind)));
        var partners = new List<(long Rowid, string Id)>();
        using (var reader = _findPartners.ExecuteReader())
        {
            while (reader.Read())
                partners.Add((reader.GetInt64(0), reader.GetString(1)));
        }
        if (partners.Count == 0)
            return;
        Bind(_setPairs, ("$ids", System.Text.Json.JsonSerializer.Serialize(partners.Select(p => p.Id).ToArray(), SqliteJson.Default.StringArray)), ("$rowid", rowid));
        _setPairs.ExecuteNonQuery();
        foreach (var (partner, _) in partners)
        {
            Bind(_addPair, ("$id", document.Id), ("$rowid", partner));
            _addPair.ExecuteNonQuery();
        }
    }

    private OrphanFate ReleaseOrphan(long rowid, string hash, bool prune)
    {
        Bind(_countLocations, ("$rowid", rowid));
        if ((long)_countLocations.ExecuteScalar()! > 0)
            return OrphanFate.None;
        // A placeholder for an unreadable file means nothing once the file is read; real content is kept as missing.
        var delete = prune || UnreadableHash.IsPlaceholder(hash);
        var command = delete ? _deleteFile : _markMissing;
        Bind(command, ("$rowid", rowid));
        command.ExecuteNonQuery();
        return delete ? OrphanFate.Deleted : OrphanFate.Missing;
    }

    /// <summary>
    /// For documents that lost locations: those left with none become missing (or are deleted when
    /// pruning; placeholders always are). Returns how many became missing and how many were deleted.
    /// </summary>
    public static (int Missing, int Pruned) ReleaseOrphans(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyDictionary<long, string> documents, bool prune)
    {
        int missing = 0, pruned = 0;
        using var count = connection.CreateCommand();
        using var delete = connection.CreateCommand();
        using var mark = connection.CreateCommand();
        count.Transaction = delete.Transaction = mark.Transaction = transaction;
        count.CommandText = "SELECT count(*) FROM locations WHERE file_rowid = $rowid";
        delete.CommandText = "DELETE FROM media_files WHERE rowid = $rowid";
        mark.CommandText = """
            UPDATE media_files SET status = 'missing' WHERE rowid = $rowid;
            UPDATE media_bodies SET body = json_set(body, '$.status', 'missing') WHERE rowid = $rowid;
            """;
        foreach (var (rowid, hash) in documents)
        {
            count.Parameters.AddWithValue("$rowid", rowid);
            var left = (long)count.ExecuteScalar()!;
            count.Parameters.Clear();
            if (left > 0)
                continue;
            var drop = prune || UnreadableHash.IsPlaceholder(hash);
            var command = drop ? delete : mark;
            command.Parameters.AddWithValue("$rowid", rowid);
            command.ExecuteNonQuery();
            command.Parameters.Clear();
            if (drop)
                pruned++;
            else
                missing++;
        }
        return (missing, pruned);
    }

    private bool PathExists(string path)
    {
        Bind(_pathExists, ("$path", path));
        return _pathExists.ExecuteScalar() is not null;
    }

    private static void BindFile(SqliteCommand command, MediaDocument document)
    {
        Bind(command,
            ("$id", document.Id),
            ("$hash", document.File.Hash),
            ("$kind", SchemaNames.Of(document.Kind)),
            ("$status", SchemaNames.Of(document.Status)),
            ("$mime", document.File.MimeType),
            ("$ext", document.File.Ext),
            ("$size", document.File.Size),
            ("$taken", document.Timestamps.Taken?.SortKey),
            ("$taken_utc", document.Timestamps.Taken?.Utc?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ("$make", document.Camera?.Make),
            ("$model", document.Camera?.Model),
            ("$primary_path", document.File.Path),
            ("$ingested", document.Timestamps.Ingested.Ticks),
            ("$content_identifier", document.ContentIdentifier),
            ("$width", document.Dimensions?.Width),
            ("$height", document.Dimensions?.Height),
            ("$duration", document.Dimensions?.Duration),
            ("$iso", document.Camera?.Iso),
            ("$aperture", document.Camera?.Aperture),
            ("$exposure", document.Camera?.Exposure),
            ("$focal_length", document.Camera?.FocalLength),
            ("$lens", document.Camera?.Lens),
            ("$author", document.Author?.Name),
            ("$rating", document.Rating),
            ("$label", document.Label));
    }

    private void WriteText(long rowid, MediaDocument document, bool fresh)
    {
        if (!fresh)
        {
            Bind(_deleteText, ("$rowid", rowid));
            _deleteText.ExecuteNonQuery();
        }
        Bind(_insertText,
            ("$rowid", rowid),
            ("$name", document.File.Name),
            ("$description", document.Description),
            ("$tags", string.Join(' ', document.Tags)),
            ("$make", document.Camera?.Make),
            ("$model", document.Camera?.Model),
            ("$author", document.Author?.Name));
        _insertText.ExecuteNonQuery();
    }

    private void WriteTags(long rowid, List<string> tags, bool fresh)
    {
        if (!fresh)
        {
            Bind(_deleteTags, ("$rowid", rowid));
            _deleteTags.ExecuteNonQuery();
        }
        foreach (var tag in tags)
        {
            Bind(_insertTag, ("$rowid", rowid), ("$tag", tag));
            _insertTag.ExecuteNonQuery();
        }
    }

    private void WriteGeo(long rowid, GeoPoint? point, bool fresh)
    {
        if (!fresh)
        {
            Bind(_deleteGeo, ("$rowid", rowid));
            _deleteGeo.ExecuteNonQuery();
        }
        if (point is null)
            return;
        Bind(_insertGeo, ("$rowid", rowid), ("$lon", point.Longitude), ("$lat", point.Latitude));
        _insertGeo.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
            command.Parameters[name].Value = value ?? DBNull.Value;
    }

    public void Dispose()
    {
        foreach (var command in _all)
            command.Dispose();
    }
}
