using Rayray.Core.Query;

namespace Rayray.Storage.Sqlite;

/// <summary>Where each query field is kept in the SQLite schema: its column of <c>media_files m</c>, or else the JSON body.</summary>
internal static class SqliteFieldColumns
{
    /// <summary>The document's JSON, for fields without a column of their own.</summary>
    public const string Body = "(SELECT b.body FROM media_bodies b WHERE b.rowid = m.rowid)";

    /// <summary>The SQL expression a field sorts by (its column where there is one).</summary>
    public static string SortExpression(QueryField field) =>
        field == QueryFields.Path ? "m.primary_path" : Column(field) ?? Json(field);

    public static string? Column(QueryField field) =>
        field == QueryFields.Kind ? "m.kind"
        : field == QueryFields.Status ? "m.status"
        : field == QueryFields.Mime ? "m.mime"
        : field == QueryFields.Ext ? "m.ext"
        : field == QueryFields.Size ? "m.size"
        : field == QueryFields.Make ? "m.make"
        : field == QueryFields.Model ? "m.model"
        : field == QueryFields.Taken ? "m.taken"
        : field == QueryFields.Hash ? "m.hash"
        : field == QueryFields.Id ? "m.id"
        : field == QueryFields.ContentIdentifier ? "m.content_identifier"
        : field == QueryFields.Width ? "m.width"
        : field == QueryFields.Height ? "m.height"
        : field == QueryFields.Duration ? "m.duration"
        : field == QueryFields.Iso ? "m.iso"
        : field == QueryFields.Aperture ? "m.aperture"
        : field == QueryFields.Exposure ? "m.exposure"
        : field == QueryFields.FocalLength ? "m.focal_length"
        : field == QueryFields.Lens ? "m.lens"
        : field == QueryFields.Author ? "m.author"
        : field == QueryFields.Rating ? "m.rating"
        : field == QueryFields.Label ? "m.label"
        : field == QueryFields.Copies ? "m.copies"
        : field == QueryFields.TakenUtc ? "m.taken_utc"
        : field == QueryFields.CountryCode ? "m.country_code"
        : field == QueryFields.Country ? "m.country"
        : field == QueryFields.Region ? "m.region"
        : field == QueryFields.City ? "m.city"
        : field == QueryFields.StackId ? "m.stack_id"
        : null;

    private static string Json(QueryField field) => $"json_extract({Body}, '{field.JsonPath}')";
}
