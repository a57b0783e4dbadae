namespace Rayray.Core.Web;

internal enum WebFetchKind
{
    /// <summary>The body is there to read, through <see cref="WebFetch.Source"/>.</summary>
    Body,

    /// <summary>The server says, or its answer shows, that the file is the one recorded.</summary>
    Unchanged,

    /// <summary>The file could not be fetched; <see cref="WebFetch.Reason"/> says why.</summary>
    Failed,
}

/// <summary>What asking a server for one file gave.</summary>
internal sealed record WebFetch(WebFetchKind Kind, string? Reason = null, WebContentSource? Source = null)
{
    public static WebFetch Failed(string reason) => new(WebFetchKind.Failed, reason);

    public static WebFetch Unchanged(string why) => new(WebFetchKind.Unchanged, why);
}
