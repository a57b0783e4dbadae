using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;

namespace Rayray.Storage.Sqlite;

/// <summary>How a <see cref="FileLocation"/> is kept in the <c>locations</c> table.</summary>
internal static class SqliteLocations
{
    /// <summary>The columns <see cref="Read"/> expects, in its order.</summary>
    public const string Columns =
        "path, size, modified_ticks, changed_ticks, inode, device, seen_ticks, sidecar_path, sidecar_size, sidecar_modified_ticks, etag, last_modified_ticks";

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
        Sidecar = reader.IsDBNull(first + 7) ? null : new SidecarFile(reader.GetString(first + 7), reader.GetInt64(first + 8), new DateTime(reader.GetInt64(first + 9), DateTimeKind.Utc)),
        ETag = reader.IsDBNull(first + 10) ? null : reader.GetString(first + 10),
        LastModified = reader.IsDBNull(first + 11) ? null : new DateTime(reader.GetInt64(first + 11), DateTimeKind.Utc),
    };
}
