namespace Rayray.Core.Writing;

/// <summary>The contents a store read for a <see cref="WriteStateRequest"/>, by hash and by path.</summary>
public sealed class StoredState
{
    private readonly Dictionary<string, StoredContent> _byHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _hashByPath = new(StringComparer.Ordinal);

    public StoredState(IEnumerable<StoredContent> contents)
    {
        foreach (var content in contents)
        {
            _byHash[content.Hash] = content;
            foreach (var location in content.Locations)
                _hashByPath[location.Path] = content.Hash;
        }
    }

    public static StoredState Empty { get; } = new([]);

    public IEnumerable<StoredContent> Contents => _byHash.Values;

    public StoredContent? ByHash(string hash) => _byHash.GetValueOrDefault(hash);

    public string? HashAt(string path) => _hashByPath.GetValueOrDefault(path);
}
