using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;

namespace Rayray.Storage.Sqlite;

/// <summary>How a <see cref="FileLocation"/> is kept in the <c>locations</c> table.</summary>
internal static class SqliteLocations
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns =
        "path, size, modified_ticks, changed_ticks, inode, device, seen_ticks, sidecar_path, sidecar_size, sidecar_modified_ticks, " +
        "takeout_path, takeout_size, takeout_modified_ticks, etag, last_modified_ticks, picasa_path, picasa_size, picasa_modified_ticks";

    /// <summary><see cref="Columns"/> of the table joined as <c>l</c>.</summary>
    public static readonly string ColumnsOfL = "l." + Columns.Replace(", ", ", l.", StringComparison.Ordinal);

    /// <summary>A location from <see cref="Columns"/>, starting at column <paramref name="first"/>.</summary>
    public static FileLocation Read(SqliteDataReader reader, int first) => new()
    {
        Path = reader.GetString(first),
        Size = reader.GetInt64(first + 1),
        Modified = new DateTime(reader.GetInt64(first + 2), DateTimeKind.Utc),
        Changed = reader.IsDBNull(first + 3) ? null : new DateTime(reader.GetInt64(first + 3), DateTimeKind.Utc),
        Inode = reader.IsDBNull(first + 4) ? null : reader.GetInt64(first + 4),
        Device = reader.IsDBNull(first + 5) ? null : reader.GetInt64(first + 5),
        Seen = new DateTime(reader.GetInt64(first + 6), DateTimeKind.Utc),
        Sidecar = Sidecar(reader, first + 7),
        TakeoutSidecar = Sidecar(reader, first + 10),
        ETag = reader.IsDBNull(first + 13) ? null : reader.GetString(first + 13),
        LastModified = reader.IsDBNull(first + 14) ? null : new DateTime(reader.GetInt64(first + 14), DateTimeKind.Utc),
        PicasaIni = Sidecar(reader, first + 15),
    };

    private static SidecarFile? Sidecar(SqliteDataReader reader, int first) =>
        reader.IsDBNull(first) ? null : new SidecarFile(reader.GetString(first), reader.GetInt64(first + 1), new DateTime(reader.GetInt64(first + 2), DateTimeKind.Utc));
}
