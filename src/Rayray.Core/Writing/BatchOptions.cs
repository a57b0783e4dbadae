namespace Rayray.Core.Writing;

public sealed record BatchOptions
{
    /// <summary>Flush when this many documents are waiting.</summary>
    public int Size { get; init; } = 100;

    /// <summary>Flush this long after the first waiting document arrived, however few are waiting.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times a batch that failed transiently (busy, locked, connection dropped) is retried.</summary>
    public int MaxRetries { get; init; } = 6;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long a batch in flight may still take once a stop is asked for.</summary>
    public TimeSpan StopGrace { get; init; } = Common.StopGrace.Default;

    /// <summary>Delete content whose last location a write takes away, instead of keeping it as "missing".</summary>
    public bool Prune { get; init; }
}
