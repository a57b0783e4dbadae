namespace Rayray.Core.Documents;

public sealed record Timestamps
{
    /// <summary>When the picture or recording was made, exactly as the file says: with the camera's UTC offset only when the file records one.</summary>
    public CaptureTime? Taken { get; init; }

    /// <summary>The capture instant in UTC, when its offset is recorded or could be inferred (<see cref="OffsetSource"/> says how).</summary>
    public DateTime? TakenUtc { get; init; }

    /// <summary>The local UTC offset at capture ("+09:00"), recorded or inferred.</summary>
    public string? Offset { get; init; }

    public OffsetSource? OffsetSource { get; init; }

    /// <summary>The GPS receiver's date and time stamp (UTC), as the file records it.</summary>
    public DateTime? Gps { get; init; }

    /// <summary>The file's modification time (UTC) at the location it was read from.</summary>
    public required DateTime Modified { get; init; }

    /// <summary>When rayray read this content (UTC).</summary>
    public required DateTime Ingested { get; init; }
}
