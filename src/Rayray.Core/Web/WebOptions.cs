namespace Rayray.Core.Web;

/// <summary>How files on the web are fetched.</summary>
public sealed record WebOptions
{
    /// <summary>How long connecting, waiting for the answer, and each read of the body may take (<c>--http-timeout</c>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Requests in flight at once to one server: scheme, host and port (<c>--http-per-host</c>).</summary>
    public int PerHost { get; init; } = 4;

    /// <summary>Redirects followed for one file; one more makes it a problem.</summary>
    public int MaxRedirects { get; init; } = 5;
}
