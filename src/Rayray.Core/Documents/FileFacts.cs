namespace Rayray.Core.Documents;

/// <summary>What identifies the content: its hash, size and type, plus the name of the location it was first read from.</summary>
public sealed record FileFacts
{
    /// <summary><c>sha256:</c> followed by 64 lowercase hex digits.</summary>
    public required string Hash { get; init; }
    public required long Size { get; init; }
    public required string MimeType { get; init; }
    public required string Name { get; init; }
    public required string Ext { get; init; }
    public required string Path { get; init; }
}
