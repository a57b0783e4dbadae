namespace Rayray.Core.Storage;

public enum ScanRunStatus
{
    Running,
    Completed,
    Interrupted,
    Failed,
}

/// <summary>One run of <c>rayray scan</c>, as the scan history keeps it.</summary>
public sealed record ScanRun
{
    public long Id { get; init; }
    public required IReadOnlyList<string> Roots { get; init; }
    public required DateTime StartedUtc { get; init; }
    public DateTime? EndedUtc { get; init; }
    public ScanRunStatus Status { get; init; } = ScanRunStatus.Running;
    public string? Host { get; init; }
    public int? ProcessId { get; init; }

    /// <summary>Media files found under the roots (read or unchanged).</summary>
    public long Seen { get; init; }
    public long New { get; init; }

    /// <summary>Paths whose bytes changed.</summary>
    public long Changed { get; init; }
    public long Moved { get; init; }
    public long Copied { get; init; }

    /// <summary>Locations whose file is gone.</summary>
    public long Missing { get; init; }
    public long Invalid { get; init; }
    public long BytesRead { get; init; }

    /// <summary>Why the run failed or was interrupted.</summary>
    public string? Error { get; init; }

    public static string StatusName(ScanRunStatus status) => status switch
    {
        ScanRunStatus.Running => "running",
        ScanRunStatus.Completed => "completed",
        ScanRunStatus.Interrupted => "interrupted",
        _ => "failed",
    };

    public static ScanRunStatus StatusFrom(string text) => text switch
    {
        "completed" => ScanRunStatus.Completed,
        "interrupted" => ScanRunStatus.Interrupted,
        "running" => ScanRunStatus.Running,
        _ => ScanRunStatus.Failed,
    };
}
