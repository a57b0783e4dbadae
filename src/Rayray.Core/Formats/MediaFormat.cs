using Rayray.Core.Documents;

namespace Rayray.Core.Formats;

/// <summary>A file format rayray indexes: its kind, MIME type, usual extensions and container family.</summary>
public sealed record MediaFormat(string Name, MediaKind Kind, string MimeType, ContainerFamily Family, params string[] Extensions)
{
    public override string ToString() => Name;
}
