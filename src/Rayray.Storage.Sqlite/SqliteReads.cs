using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Core.Query;
using Rayray.Core.Similarity;
using Rayray.Core.Storage;

namespace Rayray.Storage.Sqlite;

/// <summary>The read side of queries and statistics over one SQLite connection.</summary>
internal static class SqliteReads
{
    /// <summary>
    /// Queries read rows of media_files scattered over the file (the 50,000 documents of a word, at a
    /// million), where a scan's lookups read folder by folder: a query gets a larger cache than the
    /// connection's 32 MB. It fills only as pages are read, in a process that queries.
    /// </summary>
    public static void UseQueryCache(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA cache_size = -262144";
        command.ExecuteNonQuery();
    }

    public static long Count(SqliteConnection connection, QueryNode? filter)
    {
        UseQueryCache(connection);
        var translated = SqliteQueryTranslator.Translate(filter);
        using var command = connection.CreateCommand();
        // A set the side tables answer alone is counted there, without a probe into media_files per match.
        command.CommandText = translated.Rows is { } rows
            ? $"SELECT count(*) FROM ({rows})"
            : $"SELECT count(*) FROM media_files m WHERE {translated.Where}";
        command.Parameters.AddRange(translated.Parameters);
        return (long)command.ExecuteScalar()!;
    }

    public static MediaStats Stats(SqliteConnection connection, StatsGrouping? by)
    {
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteScalar() is long value ? value : 0;
        }

        var byStatus = Groups(connection, "SELECT status, count(*), coalesce(sum(size), 0) FROM media_files GROUP BY status");
        var byKind = Groups(connection, "SELECT kind, count(*), coalesce(sum(size), 0) FROM media_files WHERE status <> 'missing' GROUP BY kind ORDER BY 2 DESC");
        long Status(string name) => byStatus.FirstOrDefault(g => g.Key == name)?.Documents ?? 0;

        using var duplicates = connection.CreateCommand();
        // The copies column counts each content's locations (kept by triggers); its partial index lists the duplicates.
        duplicates.CommandText = "SELECT count(*), coalesce(sum(copies - 1), 0), coalesce(sum(size * (copies - 1)), 0) FROM media_files WHERE copies > 1";
        long groups, copies, wasted;
        using (var reader = duplicates.ExecuteReader())
        {
            reader.Read();
            (groups, copies, wasted) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        using var stacked = connection.CreateCommand();
        stacked.CommandText = "SELECT count(DISTINCT stack_id), count(*) FROM media_files WHERE stack_id IS NOT NULL";
        long stacks, stackedFiles;
        using (var reader = stacked.ExecuteReader())
        {
            reader.Read();
            (stacks, stackedFiles) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var nearDuplicates = NearDuplicates(connection);
        return new MediaStats
        {
            Documents = byStatus.Sum(g => g.Documents),
            Bytes = byStatus.Sum(g => g.Bytes),
            Locations = Scalar("SELECT count(*) FROM locations"),
            LocationBytes = Scalar("SELECT coalesce(sum(size), 0) FROM locations"),
            Indexed = Status("indexed"),
            Invalid = Status("invalid"),
            Missing = Status("missing"),
            WithGps = Scalar("SELECT count(*) FROM media_geo"),
            DuplicateGroups = groups,
            DuplicateCopies = copies,
            WastedBytes = wasted,
            Stacks = stacks,
            StackedFiles = stackedFiles,
            NearDuplicateGroups = nearDuplicates.Groups,
            NearDuplicateImages = nearDuplicates.Images,
            ByKind = byKind.ToDictionary(g => g.Key, g => g.Documents),
            Groups = by switch
            {
                // A document of two people counts in both groups; one of none in the "" group.
                StatsGrouping.Person => Groups(connection, """
                    SELECT coalesce(p.name, '') COLLATE BINARY, count(*), coalesce(sum(m.size), 0)
                    FROM media_files m LEFT JOIN people p ON p.file_rowid = m.rowid
                    WHERE m.status <> 'missing' GROUP BY 1 ORDER BY 2 DESC, 1
                    """),
                { } grouping => Groups(connection, $"""
                    SELECT coalesce({GroupKey(grouping)}, ''), count(*), coalesce(sum(size), 0) FROM media_files
                    WHERE status <> 'missing' GROUP BY 1 ORDER BY 2 DESC, 1
                    """),
                null => [],
            },
        };
    }

    /// <summary>The hashes are read here (from the covering index) and grouped by the one rule in Core.</summary>
    private static NearDuplicateCount NearDuplicates(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT perceptual_hash FROM media_files WHERE perceptual_hash IS NOT NULL AND status <> 'missing'";
        var hashes = new List<ulong>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                hashes.Add(unchecked((ulong)reader.GetInt64(0)));
        }
        return NearDuplicateGroups.Count(hashes, PerceptualHash.DefaultDistance);
    }

    private static string GroupKey(StatsGrouping by) => by switch
    {
        StatsGrouping.Kind => "kind",
        // Models often repeat the make ("Canon" + "Canon EOS R5"): say it once.
        StatsGrouping.Camera => "nullif(trim(CASE WHEN model LIKE make || '%' THEN model ELSE coalesce(make, '') || ' ' || coalesce(model, '') END), '')",
        StatsGrouping.Lens => "lens",
        StatsGrouping.Year => "substr(taken, 1, 4)",
        StatsGrouping.Month => "substr(taken, 1, 7)",
        StatsGrouping.Author => "author",
        StatsGrouping.Country => "country",
        StatsGrouping.City => "city || ', ' || country_code",
        _ => "nullif(ext, '')",
    };

    private static List<StatsGroup> Groups(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var groups = new List<StatsGroup>();
        while (reader.Read())
            groups.Add(new StatsGroup(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        return groups;
    }
}
