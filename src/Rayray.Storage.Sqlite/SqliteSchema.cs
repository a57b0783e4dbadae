namespace Rayray.Storage.Sqlite;

/// <summary>
/// The SQLite schema, as an ordered list of migrations; <c>PRAGMA user_version</c> records how many
/// have run. Each one runs in its own transaction, so an upgrade either completes or leaves the
/// database as it was. Never edit a migration that has shipped: add a new one.
/// </summary>
internal static class SqliteSchema
{
    public static int CurrentVersion => Migrations.Count;

    /// <summary>The indexes and virtual tables the current schema must have, for <c>rayray doctor</c>.</summary>
    public static IReadOnlyList<string> ExpectedIndexes { get; } =
    [
        "sqlite_autoindex_media_files_1", "sqlite_autoindex_media_files_2", "media_files_kind", "media_files_status",
        "media_files_taken", "media_files_content_identifier", "locations_folder", "locations_file",
        "media_text", "media_geo", "scans_roots", "sqlite_autoindex_scan_locks_1", "tags_tag", "tags_file",
        "media_files_camera_taken", "media_files_mime", "media_files_width", "media_files_rating", "media_files_copies",
        "media_files_primary_path", "media_files_country", "media_files_city", "people_name", "people_file",
        "media_files_stack_key", "media_files_stack_id", "media_files_perceptual_hash",
    ];

    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: documents, locations, text, geo.
        """
        CREATE TABLE media_files (
            rowid          INTEGER PRIMARY KEY,
            id             TEXT    NOT NULL UNIQUE,
            hash           TEXT    NOT NULL UNIQUE,
            kind           TEXT    NOT NULL,
            status         TEXT    NOT NULL,
            mime           TEXT    NOT NULL,
            ext            TEXT    NOT NULL,
            size           INTEGER NOT NULL,
            taken          TEXT,
            taken_utc      TEXT,
            make           TEXT,
            model          TEXT,
            primary_path   TEXT    NOT NULL,
            ingested_ticks INTEGER NOT NULL,
            body           TEXT    NOT NULL
        );
        CREATE INDEX media_files_kind ON media_files(kind);
        CREATE INDEX media_files_status ON media_files(status);
        CREATE INDEX media_files_taken ON media_files(taken);
        CREATE INDEX media_files_camera ON media_files(make, model);

        CREATE TABLE locations (
            path           TEXT    NOT NULL PRIMARY KEY,
            folder         TEXT    NOT NULL,
            file_rowid     INTEGER NOT NULL REFERENCES media_files(rowid) ON DELETE CASCADE,
            size           INTEGER NOT NULL,
            modified_ticks INTEGER NOT NULL,
            changed_ticks  INTEGER,
            inode          INTEGER,
            device         INTEGER,
            seen_ticks     INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX locations_folder ON locations(folder);
        CREATE INDEX locations_file ON locations(file_rowid);

        CREATE VIRTUAL TABLE media_text USING fts5(
            name, description, tags, make, model, author,
            tokenize = 'unicode61 remove_diacritics 2'
        );

        CREATE VIRTUAL TABLE media_geo USING rtree(id, min_lon, max_lon, min_lat, max_lat);

        CREATE TRIGGER media_files_deleted AFTER DELETE ON media_files BEGIN
            DELETE FROM media_text WHERE rowid = old.rowid;
            DELETE FROM media_geo WHERE id = old.rowid;
        END;
        """,

        // 2: XMP sidecars take part in change detection; Live Photo halves are linked.
        """
        ALTER TABLE locations ADD COLUMN sidecar_path TEXT;
        ALTER TABLE locations ADD COLUMN sidecar_size INTEGER;
        ALTER TABLE locations ADD COLUMN sidecar_modified_ticks INTEGER;
        ALTER TABLE media_files ADD COLUMN content_identifier TEXT;
        CREATE INDEX media_files_content_identifier ON media_files(content_identifier) WHERE content_identifier IS NOT NULL;
        """,

        // 3: scan history and the scan lock.
        """
        CREATE TABLE scans (
            id            INTEGER PRIMARY KEY,
            roots         TEXT    NOT NULL,
            started_ticks INTEGER NOT NULL,
            ended_ticks   INTEGER,
            status        TEXT    NOT NULL,
            host          TEXT,
            pid           INTEGER,
            seen          INTEGER NOT NULL DEFAULT 0,
            new           INTEGER NOT NULL DEFAULT 0,
            changed       INTEGER NOT NULL DEFAULT 0,
            moved         INTEGER NOT NULL DEFAULT 0,
            copied        INTEGER NOT NULL DEFAULT 0,
            missing       INTEGER NOT NULL DEFAULT 0,
            invalid       INTEGER NOT NULL DEFAULT 0,
            bytes_read    INTEGER NOT NULL DEFAULT 0,
            error         TEXT
        );
        CREATE INDEX scans_roots ON scans(roots, status, ended_ticks);

        CREATE TABLE scan_locks (
            root          TEXT    NOT NULL PRIMARY KEY,
            run_id        INTEGER NOT NULL,
            host          TEXT    NOT NULL,
            pid           INTEGER NOT NULL,
            started_ticks INTEGER NOT NULL,
            renewed_ticks INTEGER NOT NULL
        );
        """,

        // 4: the fields queries filter on become columns; tags get their own index; metadataRaw,
        // the bulk of a document, moves out of the body so reading the rest stays cheap.
        """
        ALTER TABLE media_files ADD COLUMN width INTEGER;
        ALTER TABLE media_files ADD COLUMN height INTEGER;
        ALTER TABLE media_files ADD COLUMN duration REAL;
        ALTER TABLE media_files ADD COLUMN iso INTEGER;
        ALTER TABLE media_files ADD COLUMN aperture REAL;
        ALTER TABLE media_files ADD COLUMN exposure REAL;
        ALTER TABLE media_files ADD COLUMN focal_length REAL;
        ALTER TABLE media_files ADD COLUMN lens TEXT;
        ALTER TABLE media_files ADD COLUMN author TEXT;
        ALTER TABLE media_files ADD COLUMN rating INTEGER;
        ALTER TABLE media_files ADD COLUMN label TEXT;
        ALTER TABLE media_files ADD COLUMN raw TEXT NOT NULL DEFAULT '{}';
        UPDATE media_files SET
            width = json_extract(body, '$.dimensions.width'),
            height = json_extract(body, '$.dimensions.height'),
            duration = json_extract(body, '$.dimensions.duration'),
            iso = json_extract(body, '$.camera.iso'),
            aperture = json_extract(body, '$.camera.aperture'),
            exposure = json_extract(body, '$.camera.exposure'),
            focal_length = json_extract(body, '$.camera.focalLength'),
            lens = json_extract(body, '$.camera.lens'),
            author = json_extract(body, '$.author.name'),
            rating = json_extract(body, '$.rating'),
            label = json_extract(body, '$.label'),
            raw = coalesce(json_extract(body, '$.metadataRaw'), '{}'),
            body = json_set(body, '$.metadataRaw', json('{}'));

        CREATE TABLE tags (
            file_rowid INTEGER NOT NULL REFERENCES media_files(rowid) ON DELETE CASCADE,
            tag        TEXT    NOT NULL COLLATE NOCASE
        );
        INSERT INTO tags (file_rowid, tag) SELECT m.rowid, j.value FROM media_files m, json_each(m.body, '$.tags') j;
        CREATE INDEX tags_tag ON tags(tag);
        CREATE INDEX tags_file ON tags(file_rowid);
        """,

        // 5: the JSON moves to a table of its own, so a scan of media_files reads small rows and
        // never walks a large body's overflow pages to reach a column.
        """
        CREATE TABLE media_bodies (
            rowid INTEGER PRIMARY KEY REFERENCES media_files(rowid) ON DELETE CASCADE,
            body  TEXT NOT NULL,
            raw   TEXT NOT NULL
        );
        INSERT INTO media_bodies (rowid, body, raw) SELECT rowid, body, raw FROM media_files;
        ALTER TABLE media_files DROP COLUMN body;
        ALTER TABLE media_files DROP COLUMN raw;
        """,

        // 6: queries at a million documents. How many paths a content has and its position become
        // columns — the count kept by triggers whatever writes the locations, the position written
        // with the row — so duplicates, has:gps and the exact distance of near: need neither a pass
        // over every location nor the JSON. Indexes
        // for the filters libraries are searched by, NOCASE where queries compare text without
        // case (the BINARY camera index served no query); the primary path is the default order,
        // so the first page of a broad query reads its first rows in order instead of sorting all;
        // the tag index carries the row, so a tag's documents are listed without reading tags' rows.
        """
        ALTER TABLE media_files ADD COLUMN copies INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE media_files ADD COLUMN latitude REAL;
        ALTER TABLE media_files ADD COLUMN longitude REAL;
        UPDATE media_files SET copies = c.n
        FROM (SELECT file_rowid, count(*) AS n FROM locations GROUP BY file_rowid) AS c
        WHERE c.file_rowid = media_files.rowid;
        UPDATE media_files SET
            latitude = json_extract(b.body, '$.location.coordinates[1]'),
            longitude = json_extract(b.body, '$.location.coordinates[0]')
        FROM media_bodies AS b
        WHERE b.rowid = media_files.rowid AND instr(b.body, '"location":') > 0;

        CREATE TRIGGER locations_added AFTER INSERT ON locations BEGIN
            UPDATE media_files SET copies = copies + 1 WHERE rowid = new.file_rowid;
        END;
        CREATE TRIGGER locations_removed AFTER DELETE ON locations BEGIN
            UPDATE media_files SET copies = copies - 1 WHERE rowid = old.file_rowid;
        END;
        CREATE TRIGGER locations_moved AFTER UPDATE OF file_rowid ON locations WHEN old.file_rowid <> new.file_rowid BEGIN
            UPDATE media_files SET copies = copies - 1 WHERE rowid = old.file_rowid;
            UPDATE media_files SET copies = copies + 1 WHERE rowid = new.file_rowid;
        END;
        DROP INDEX media_files_camera;
        CREATE INDEX media_files_camera_taken ON media_files(make COLLATE NOCASE, taken);
        CREATE INDEX media_files_mime ON media_files(mime COLLATE NOCASE);
        CREATE INDEX media_files_width ON media_files(width);
        CREATE INDEX media_files_rating ON media_files(rating, latitude) WHERE rating IS NOT NULL;
        CREATE INDEX media_files_copies ON media_files(copies) WHERE copies > 1;
        CREATE INDEX media_files_primary_path ON media_files(primary_path);
        DROP INDEX tags_tag;
        CREATE INDEX tags_tag ON tags(tag, file_rowid);
        """,

        // 7: place names and the capture instant in UTC. Where a picture was taken becomes columns
        // (country and city are what libraries are filtered and counted by) and words of the text
        // index; FTS5 tables take no new column, so the text index is built again with one.
        // taken_utc now holds timestamps.takenUtc, which an inferred offset also fills.
        """
        ALTER TABLE media_files ADD COLUMN country_code TEXT;
        ALTER TABLE media_files ADD COLUMN country TEXT;
        ALTER TABLE media_files ADD COLUMN region TEXT;
        ALTER TABLE media_files ADD COLUMN city TEXT;
        UPDATE media_files SET
            country_code = json_extract(b.body, '$.place.countryCode'),
            country = json_extract(b.body, '$.place.country'),
            region = json_extract(b.body, '$.place.region'),
            city = json_extract(b.body, '$.place.city')
        FROM media_bodies AS b
        WHERE b.rowid = media_files.rowid AND instr(b.body, '"place":') > 0;
        CREATE INDEX media_files_country ON media_files(country_code COLLATE NOCASE) WHERE country_code IS NOT NULL;
        CREATE INDEX media_files_city ON media_files(city COLLATE NOCASE) WHERE city IS NOT NULL;

        DROP TRIGGER media_files_deleted;
        CREATE VIRTUAL TABLE media_text_7 USING fts5(
            name, description, tags, make, model, author, place,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO media_text_7 (rowid, name, description, tags, make, model, author, place)
            SELECT rowid, name, description, tags, make, model, author, NULL FROM media_text;
        DROP TABLE media_text;
        ALTER TABLE media_text_7 RENAME TO media_text;
        CREATE TRIGGER media_files_deleted AFTER DELETE ON media_files BEGIN
            DELETE FROM media_text WHERE rowid = old.rowid;
            DELETE FROM media_geo WHERE id = old.rowid;
        END;
        """,

        // 8: people, tag paths and Google Takeout sidecars. The people shown get a table like tags (person:,
        // stats --by person) and a column of the text index, which is built again with it. The tags table now
        // holds what tag: matches: each tag, and for a path (Places|France|Marseille) each of its starts and its
        // last level (TagPath.Keys); rows written before keep matching their whole tag. A location records the
        // Takeout JSON beside its file, like the XMP sidecar, for change detection.
        """
        ALTER TABLE locations ADD COLUMN takeout_path TEXT;
        ALTER TABLE locations ADD COLUMN takeout_size INTEGER;
        ALTER TABLE locations ADD COLUMN takeout_modified_ticks INTEGER;

        CREATE TABLE people (
            file_rowid INTEGER NOT NULL REFERENCES media_files(rowid) ON DELETE CASCADE,
            name       TEXT    NOT NULL COLLATE NOCASE
        );
        CREATE INDEX people_name ON people(name, file_rowid);
        CREATE INDEX people_file ON people(file_rowid);

        DROP TRIGGER media_files_deleted;
        CREATE VIRTUAL TABLE media_text_8 USING fts5(
            name, description, tags, make, model, author, place, people,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO media_text_8 (rowid, name, description, tags, make, model, author, place)
            SELECT rowid, name, description, tags, make, model, author, place FROM media_text;
        DROP TABLE media_text;
        ALTER TABLE media_text_8 RENAME TO media_text;
        CREATE TRIGGER media_files_deleted AFTER DELETE ON media_files BEGIN
            DELETE FROM media_text WHERE rowid = old.rowid;
            DELETE FROM media_geo WHERE id = old.rowid;
        END;
        """,

        // 9: files on the web. A URL location keeps its server's ETag and Last-Modified, sent back
        // on a rescan (If-None-Match, If-Modified-Since) so an unchanged file is not downloaded.
        """
        ALTER TABLE locations ADD COLUMN etag TEXT;
        ALTER TABLE locations ADD COLUMN last_modified_ticks INTEGER;
        """,

        // 10: stacks. A picture's stack key (StackFacts.Key: its folder and base name, or its burst id) finds the
        // files it may be stacked with; stack_id is what stack: and has:stack look up. Rows written before have
        // neither until their files are read again (scan --force).
        """
        ALTER TABLE media_files ADD COLUMN stack_key TEXT;
        ALTER TABLE media_files ADD COLUMN stack_id TEXT;
        CREATE INDEX media_files_stack_key ON media_files(stack_key) WHERE stack_key IS NOT NULL;
        CREATE INDEX media_files_stack_id ON media_files(stack_id) WHERE stack_id IS NOT NULL;
        """,

        // 11: near-duplicates. An image's 64-bit perceptual hash as an integer (its bits as they are, so many are
        // negative), for similar: and the near-duplicate groups of stats: rayray_hamming() over the covering partial
        // index. Documents written before have none; a file read again (scan --force) gets one.
        """
        ALTER TABLE media_files ADD COLUMN perceptual_hash INTEGER;
        CREATE INDEX media_files_perceptual_hash ON media_files(perceptual_hash) WHERE perceptual_hash IS NOT NULL;
        """,

        // 12: Picasa. A location records the folder's .picasa.ini when it names faces in the file, like the XMP and
        // Takeout sidecars, for change detection.
        """
        ALTER TABLE locations ADD COLUMN picasa_path TEXT;
        ALTER TABLE locations ADD COLUMN picasa_size INTEGER;
        ALTER TABLE locations ADD COLUMN picasa_modified_ticks INTEGER;
        """,
    ];
}
