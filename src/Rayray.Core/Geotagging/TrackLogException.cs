namespace Rayray.Core.Geotagging;

/// <summary>A track log that cannot be used: missing, unreadable, malformed or without timed points.</summary>
public sealed class TrackLogException : Exception
{
    public TrackLogException(string path, string reason, int? line = null, Exception? innerException = null)
        : base(line is { } l ? $"{path}: line {l}: {reason}" : $"{path}: {reason}", innerException)
    {
        Path = path;
        Line = line;
        Reason = reason;
    }

    public TrackLogException() : this("unusable track log") { }

    public TrackLogException(string message) : base(message) => Reason = message;

    public TrackLogException(string message, Exception innerException) : base(message, innerException) => Reason = message;

    /// <summary>The file (or folder) at fault; empty when the message is about no single file.</summary>
    public string Path { get; } = "";

    /// <summary>The 1-based line in the file, where there is one.</summary>
    public int? Line { get; }

    /// <summary>The message without the path and line.</summary>
    public string Reason { get; }
}
