namespace Rayray.Core.Documents;

/// <summary>
/// The folder a location belongs to, which the stores index and the scan looks known files up by:
/// a path's parent folder, or a URL up to the last <c>/</c> of its path (<c>https://host/a</c> for
/// <c>https://host/a/b.jpg?size=2</c>).
/// </summary>
public static class LocationFolder
{
    public static string Of(string path)
    {
        if (!Web.WebAddress.IsWebLocation(path))
            return System.IO.Path.GetDirectoryName(path) ?? "";
        var query = path.IndexOfAny(['?', '#']);
        var withoutQuery = query < 0 ? path : path[..query];
        var pathStart = withoutQuery.IndexOf('/', withoutQuery.IndexOf("://", StringComparison.Ordinal) + 3);
        if (pathStart < 0)
            return withoutQuery;
        return withoutQuery[..Math.Max(pathStart, withoutQuery.LastIndexOf('/'))];
    }
}
