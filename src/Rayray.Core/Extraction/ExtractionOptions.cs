namespace Rayray.Core.Extraction;

public sealed record ExtractionOptions
{
    /// <summary>Index files whose content is not media too (kind "other").</summary>
    public bool AllFiles { get; init; }

    /// <summary>Compute each image's perceptual hash (for <c>similar:</c> and near-duplicate statistics).</summary>
    public bool PerceptualHash { get; init; } = true;

    /// <summary>How long a metadata parser may spend on one file before the file is given up as invalid.</summary>
    public TimeSpan PerFileTimeBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The ffprobe binary for the video and audio rayray's movie reader does not describe; null when there is none (their headers are then read alone).</summary>
    public string? FfprobePath { get; init; }

    /// <summary>How long ffprobe may take on one file.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How files on the web are fetched: timeouts, requests per server, redirects.</summary>
    public Web.WebOptions Web { get; init; } = new();
}
