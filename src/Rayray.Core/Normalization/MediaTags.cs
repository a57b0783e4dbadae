namespace Rayray.Core.Normalization;

/// <summary>
/// Tags by ffmpeg's key names across the container's and the first streams' tags, in that order, ignoring key case
/// (Vorbis comments are upper case): the first clean value of a key wins.
/// </summary>
internal sealed class MediaTags
{
    private readonly Dictionary<string, string> _tags = new(StringComparer.OrdinalIgnoreCase);

    public MediaTags(IEnumerable<IEnumerable<KeyValuePair<string, string>>?> sources)
    {
        foreach (var source in sources)
        {
            foreach (var (key, value) in source ?? [])
            {
                if (TagValues.Clean(value) is { } clean)
                    _tags.TryAdd(key, clean);
            }
        }
    }

    public string? this[string key] => _tags.GetValueOrDefault(key);
}
