namespace Rayray.Core.Documents;

public sealed record Timestamps
{
    /// <summary>When the picture or recording was made, with the camera's UTC offset only when the file records one.</summary>
    public CaptureTime? Taken { get; init; }

    /// <summary>The file's modification time (UTC) at the location it was read from.</summary>
    public required DateTime Modified { get; init; }

    /// <summary>When rayray read this content (UTC).</summary>
    public required DateTime Ingested { get; init; }
}
