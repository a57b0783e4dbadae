using Microsoft.Data.Sqlite;

namespace Rayray.Storage.Sqlite;

/// <summary>A translated query filter.</summary>
/// <param name="Where">The condition on <c>media_files m</c>.</param>
/// <param name="Rows">
/// When the whole filter is one set that the side tables answer (words, tags, paths, a circle,
/// has:gps): a SELECT of its row ids, each once. Counting it reads no row of media_files (but the
/// few points near the edge of a near: circle), which
/// every side table's row belongs to (foreign keys, and the delete trigger for text and geo).
/// </param>
/// <param name="SetFirst">
/// The filter is such a set, or one ANDed with other conditions: a row whose id is not in the
/// set is passed over without reading it.
/// </param>
internal sealed record SqliteFilter(string Where, IReadOnlyList<SqliteParameter> Parameters, string? Rows, bool SetFirst);
