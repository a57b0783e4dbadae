namespace Rayray.Core.Documents;

public sealed record AuthorInfo
{
    public string? Name { get; init; }
    public string? Copyright { get; init; }
}
