using System.Globalization;
using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Core.Storage;
using Rayray.Core.Writing;
using Rayray.Core.Writing.Stacking;
using static Rayray.Storage.Sqlite.SqliteStatements;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// Applies the operations of a <see cref="WritePlan"/> or <see cref="RemovalPlan"/> to the tables,
/// with statements prepared once: a document is a row of <c>media_files</c> (the columns queries
/// filter on), its JSON in <c>media_bodies</c>, its words in <c>media_text</c>, what <c>tag:</c> matches
/// (<see cref="TagPath.Keys"/>) in <c>tags</c>, its people, its point in <c>media_geo</c>, and one
/// <c>locations</c> row per path. What to write is the planner's
/// decision; this class only translates.
/// </summary>
internal sealed class SqliteWriteCommands : IDisposable
{
    /// <summary>The columns of <c>media_files</c> a document fills; each is bound as a parameter of the same name (<c>$hash</c>).</summary>
    private static readonly string[] FileColumns =
    [
        "id", "hash", "kind", "status", "mime", "ext", "size", "taken", "taken_utc", "make", "model", "primary_path",
        "ingested_ticks", "content_identifier", "width", "height", "duration", "iso", "aperture", "exposure", "focal_length",
        "lens", "author", "rating", "label", "latitude", "longitude", "country_code", "country", "region", "city",
        "stack_key", "stack_id", "perceptual_hash",
    ];

    private static readonly string[] FileParameters = [.. FileColumns.Select(c => "$" + c)];

    private readonly SqliteStatements _statements;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _upsertBody;
    private readonly SqliteCommand _deleteText;
    private readonly SqliteCommand _insertText;
    private readonly SqliteCommand _deleteTags;
    private readonly SqliteCommand _insertTag;
    private readonly SqliteCommand _deletePeople;
    private readonly SqliteCommand _insertPerson;
    private readonly SqliteCommand _deleteGeo;
    private readonly SqliteCommand _insertGeo;
    private readonly SqliteCommand _upsertLocation;
    private readonly SqliteCommand _releasePath;
    private readonly SqliteCommand _addPair;
    private readonly SqliteCommand _setStack;
    private readonly SqliteCommand _rename;
    private readonly SqliteCommand _markMissing;
    private readonly SqliteCommand _delete;

    public SqliteWriteCommands(SqliteConnection connection)
    {
        _statements = new SqliteStatements(connection);
        _insert = _statements.Prepare(
            $"INSERT INTO media_files ({string.Join(", ", FileColumns)}) VALUES ({string.Join(", ", FileParameters)}) RETURNING rowid",
            FileParameters);
        _update = _statements.Prepare(
            $"UPDATE media_files SET {string.Join(", ", FileColumns.Select(c => $"{c} = ${c}"))} WHERE rowid = $rowid",
            [.. FileParameters, "$rowid"]);
        // The JSON is bound as its UTF-8 bytes and cast to text: no UTF-16 string is made of it and
        // SQLite stores the bytes as they are (the database's encoding is UTF-8).
        _upsertBody = _statements.Prepare("""
            INSERT INTO media_bodies (rowid, body, raw) VALUES ($rowid, CAST($body AS TEXT), CAST($raw AS TEXT))
            ON CONFLICT (rowid) DO UPDATE SET body = excluded.body, raw = excluded.raw
            """, "$rowid", "$body", "$raw");
        _deleteText = _statements.Prepare("DELETE FROM media_text WHERE rowid = $rowid", "$rowid");
        _insertText = _statements.Prepare(
            "INSERT INTO media_text (rowid, name, description, tags, make, model, author, place, people) VALUES ($rowid, $name, $description, $tags, $make, $model, $author, $place, $people)",
            "$rowid", "$name", "$description", "$tags", "$make", "$model", "$author", "$place", "$people");
        _deleteTags = _statements.Prepare("DELETE FROM tags WHERE file_rowid = $rowid", "$rowid");
        _insertTag = _statements.Prepare("INSERT INTO tags (file_rowid, tag) VALUES ($rowid, $tag)", "$rowid", "$tag");
        _deletePeople = _statements.Prepare("DELETE FROM people WHERE file_rowid = $rowid", "$rowid");
        _insertPerson = _statements.Prepare("INSERT INTO people (file_rowid, name) VALUES ($rowid, $name)", "$rowid", "$name");
        _deleteGeo = _statements.Prepare("DELETE FROM media_geo WHERE id = $rowid", "$rowid");
        _insertGeo = _statements.Prepare("INSERT INTO media_geo (id, min_lon, max_lon, min_lat, max_lat) VALUES ($rowid, $lon, $lon, $lat, $lat)", "$rowid", "$lon", "$lat");
        _upsertLocation = _statements.Prepare($"""
            INSERT INTO locations (folder, file_rowid, {SqliteLocations.Columns})
            VALUES ($folder, $rowid, $path, $size, $modified, $changed, $inode, $device, $seen, $sidecar_path, $sidecar_size, $sidecar_modified,
                $takeout_path, $takeout_size, $takeout_modified, $etag, $last_modified, $picasa_path, $picasa_size, $picasa_modified)
            ON CONFLICT (path) DO UPDATE SET file_rowid = excluded.file_rowid, size = excluded.size,
                modified_ticks = excluded.modified_ticks, changed_ticks = excluded.changed_ticks,
                inode = excluded.inode, device = excluded.device, seen_ticks = excluded.seen_ticks,
                sidecar_path = excluded.sidecar_path, sidecar_size = excluded.sidecar_size,
                sidecar_modified_ticks = excluded.sidecar_modified_ticks, takeout_path = excluded.takeout_path,
                takeout_size = excluded.takeout_size, takeout_modified_ticks = excluded.takeout_modified_ticks,
                etag = excluded.etag, last_modified_ticks = excluded.last_modified_ticks, picasa_path = excluded.picasa_path,
                picasa_size = excluded.picasa_size, picasa_modified_ticks = excluded.picasa_modified_ticks
            """, "$path", "$folder", "$rowid", "$size", "$modified", "$changed", "$inode", "$device", "$seen",
            "$sidecar_path", "$sidecar_size", "$sidecar_modified", "$takeout_path", "$takeout_size", "$takeout_modified", "$etag", "$last_modified",
            "$picasa_path", "$picasa_size", "$picasa_modified");
        // Guarded by the row, so a path another content already took stays with it.
        _releasePath = _statements.Prepare("DELETE FROM locations WHERE path = $path AND file_rowid = $rowid", "$path", "$rowid");
        _addPair = _statements.Prepare("""
            UPDATE media_bodies SET body = json_set(body, '$.pairedWith', (
                SELECT json_group_array(value) FROM (
                    SELECT value FROM json_each(media_bodies.body, '$.pairedWith') UNION SELECT $id ORDER BY 1)))
            WHERE rowid = $rowid
            """, "$id", "$rowid");
        _setStack = _statements.Prepare("""
            UPDATE media_bodies SET body = CASE WHEN $id IS NULL THEN json_remove(body, '$.stack')
                ELSE json_set(body, '$.stack', json_object('id', $id, 'role', $role)) END
            WHERE rowid = $rowid;
            UPDATE media_files SET stack_id = $id WHERE rowid = $rowid;
            """, "$id", "$role", "$rowid");
        _rename = _statements.Prepare("""
            UPDATE media_files SET primary_path = $path, ext = $ext, stack_key = $stack_key WHERE rowid = $rowid;
            UPDATE media_bodies SET body = json_set(body, '$.file.path', $path, '$.file.name', $name, '$.file.ext', $ext) WHERE rowid = $rowid;
            UPDATE media_text SET name = $name WHERE rowid = $rowid;
            """, "$path", "$name", "$ext", "$stack_key", "$rowid");
        // An orphan is released only while it still has no location.
        const string stillOrphan = "NOT EXISTS (SELECT 1 FROM locations WHERE file_rowid = $rowid)";
        _markMissing = _statements.Prepare($"""
            UPDATE media_bodies SET body = json_set(body, '$.status', 'missing') WHERE rowid = $rowid AND {stillOrphan};
            UPDATE media_files SET status = 'missing' WHERE rowid = $rowid AND {stillOrphan};
            """, "$rowid");
        _delete = _statements.Prepare($"DELETE FROM media_files WHERE rowid = $rowid AND {stillOrphan}", "$rowid");
    }

    public void Use(SqliteTransaction transaction) => _statements.Use(transaction);

    /// <summary>Applies a batch's plan; <paramref name="rows"/> (content hash to row) gains the rows it inserts.</summary>
    public void Apply(WritePlan plan, Dictionary<string, long> rows)
    {
        foreach (var write in plan.Writes)
            Write(write, rows);
        foreach (var release in plan.Releases)
            Release(release, rows);
        foreach (var link in plan.PairLinks)
        {
            foreach (var id in link.PartnerIds)
            {
                Bind(_addPair, ("$id", id), ("$rowid", rows[link.Hash]));
                _addPair.ExecuteNonQuery();
            }
        }
        SetStacks(plan.StackChanges, rows);
        foreach (var orphan in plan.Orphans)
            Release(orphan, rows);
    }

    public void Apply(RemovalPlan plan, Dictionary<string, long> rows)
    {
        foreach (var release in plan.Releases)
            Release(release, rows);
        foreach (var orphan in plan.Orphans)
            Release(orphan, rows);
        SetStacks(plan.StackChanges, rows);
    }

    private void SetStacks(IReadOnlyList<StackChange> changes, Dictionary<string, long> rows)
    {
        foreach (var change in changes)
        {
            Bind(_setStack,
                ("$id", change.Stack?.Id),
                ("$role", change.Stack is { } stack ? SchemaNames.Of(stack.Role) : null),
                ("$rowid", rows[change.Hash]));
            _setStack.ExecuteNonQuery();
        }
    }

    private void Write(ContentWrite write, Dictionary<string, long> rows)
    {
        var document = write.Document;
        var fresh = write.Before is null;
        long rowid;
        if (fresh)
        {
            BindFile(_insert, document);
            rowid = (long)_insert.ExecuteScalar()!;
            rows[write.Hash] = rowid;
        }
        else
        {
            rowid = rows[write.Hash];
            BindFile(_update, document);
            _update.Parameters["$rowid"].Value = rowid;
            _update.ExecuteNonQuery();
        }

        // The body is stored without its locations (rows of their own) and metadataRaw (a column of its own).
        Bind(_upsertBody,
            ("$rowid", rowid),
            ("$body", DocumentJson.SerializeToUtf8(document with { Locations = [], MetadataRaw = RawJson.Empty })),
            ("$raw", document.MetadataRaw.Utf8.ToArray()));
        _upsertBody.ExecuteNonQuery();
        // A row just inserted has no text, tags or position to replace yet.
        WriteText(rowid, document, fresh);
        WriteRows(_deleteTags, _insertTag, "$tag", rowid, TagPath.Keys(document.Tags), fresh);
        WriteRows(_deletePeople, _insertPerson, "$name", rowid, document.People, fresh);
        WriteGeo(rowid, document.Location, fresh);
        foreach (var location in write.Written)
        {
            Bind(_upsertLocation,
                ("$path", location.Path),
                ("$folder", LocationFolder.Of(location.Path)),
                ("$rowid", rowid),
                ("$size", location.Size),
                ("$modified", location.Modified.Ticks),
                ("$changed", location.Changed?.Ticks),
                ("$inode", location.Inode),
                ("$device", location.Device),
                ("$seen", location.Seen.Ticks),
                ("$sidecar_path", location.Sidecar?.Path),
                ("$sidecar_size", location.Sidecar?.Size),
                ("$sidecar_modified", location.Sidecar?.Modified.Ticks),
                ("$takeout_path", location.TakeoutSidecar?.Path),
                ("$takeout_size", location.TakeoutSidecar?.Size),
                ("$takeout_modified", location.TakeoutSidecar?.Modified.Ticks),
                ("$etag", location.ETag),
                ("$last_modified", location.LastModified?.Ticks),
                ("$picasa_path", location.PicasaIni?.Path),
                ("$picasa_size", location.PicasaIni?.Size),
                ("$picasa_modified", location.PicasaIni?.Modified.Ticks));
            _upsertLocation.ExecuteNonQuery();
        }
    }

    private void Release(PathRelease release, Dictionary<string, long> rows)
    {
        foreach (var path in release.Paths)
        {
            Bind(_releasePath, ("$path", path), ("$rowid", rows[release.Hash]));
            _releasePath.ExecuteNonQuery();
        }
        if (release.Renamed is { } renamed)
        {
            Bind(_rename, ("$path", renamed.Path), ("$name", renamed.Name), ("$ext", renamed.Ext), ("$stack_key", renamed.StackKey), ("$rowid", rows[release.Hash]));
            _rename.ExecuteNonQuery();
        }
    }

    private void Release(OrphanRelease orphan, Dictionary<string, long> rows)
    {
        var command = orphan.Fate == OrphanFate.Deleted ? _delete : _markMissing;
        Bind(command, ("$rowid", rows[orphan.Hash]));
        command.ExecuteNonQuery();
    }

    private static void BindFile(SqliteCommand command, MediaDocument document) =>
        Bind(command,
            ("$id", document.Id),
            ("$hash", document.File.Hash),
            ("$kind", SchemaNames.Of(document.Kind)),
            ("$status", SchemaNames.Of(document.Status)),
            ("$mime", document.File.MimeType),
            ("$ext", document.File.Ext),
            ("$size", document.File.Size),
            ("$taken", document.Timestamps.Taken?.SortKey),
            ("$taken_utc", document.Timestamps.TakenUtc?.ToString("O", CultureInfo.InvariantCulture)),
            ("$make", document.Camera?.Make),
            ("$model", document.Camera?.Model),
            ("$primary_path", document.File.Path),
            ("$ingested_ticks", document.Timestamps.Ingested.Ticks),
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
            ("$label", document.Label),
            ("$latitude", document.Location?.Latitude),
            ("$longitude", document.Location?.Longitude),
            ("$country_code", document.Place?.CountryCode),
            ("$country", document.Place?.Country),
            ("$region", document.Place?.Region),
            ("$city", document.Place?.City),
            ("$stack_key", StackFacts.KeyOf(document)),
            ("$stack_id", document.Stack?.Id),
            ("$perceptual_hash", PerceptualHash.TryParse(document.PerceptualHash, out var perceptual) ? unchecked((long)perceptual) : null));

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
            ("$author", document.Author?.Name),
            ("$place", document.Place is { } place ? string.Join(' ', new[] { place.City, place.Region, place.Country }.OfType<string>()) : null),
            ("$people", document.People.Count > 0 ? string.Join(' ', document.People) : null));
        _insertText.ExecuteNonQuery();
    }

    /// <summary>A document's rows of a side table (tags, people), replacing those it had.</summary>
    private static void WriteRows(SqliteCommand delete, SqliteCommand insert, string parameter, long rowid, List<string> values, bool fresh)
    {
        if (!fresh)
        {
            Bind(delete, ("$rowid", rowid));
            delete.ExecuteNonQuery();
        }
        foreach (var value in values)
        {
            Bind(insert, ("$rowid", rowid), (parameter, value));
            insert.ExecuteNonQuery();
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

    public void Dispose() => _statements.Dispose();
}
