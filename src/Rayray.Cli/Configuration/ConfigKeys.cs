using Rayray.Core.Extraction.Probing;

namespace Rayray.Cli.Configuration;

/// <summary>Every setting the config file knows, and the nearest one to a name it does not know.</summary>
internal static class ConfigKeys
{
    public static readonly ConfigKey Db = new("db", ConfigValueType.Database) { EnvironmentVariable = StoreFactory.EnvironmentVariable };
    public static readonly ConfigKey Roots = new("roots", ConfigValueType.PathList);
    public static readonly ConfigKey Exclude = new("exclude", ConfigValueType.GlobList);
    public static readonly ConfigKey Workers = new("workers", ConfigValueType.Integer) { Min = 1, Max = 256 };
    public static readonly ConfigKey Ffprobe = new("ffprobe", ConfigValueType.Path) { EnvironmentVariable = FfprobeLocator.EnvironmentVariable };
    public static readonly ConfigKey ProbeTimeout = new("probe_timeout", ConfigValueType.Integer) { Min = 1, Max = 3600 };
    public static readonly ConfigKey IncludeHidden = new("include_hidden", ConfigValueType.Boolean);
    public static readonly ConfigKey FollowSymlinks = new("follow_symlinks", ConfigValueType.Boolean);
    public static readonly ConfigKey AllFiles = new("all_files", ConfigValueType.Boolean);
    public static readonly ConfigKey PerceptualHash = new("perceptual_hash", ConfigValueType.Boolean);
    public static readonly ConfigKey LogLevel = new("log.level", ConfigValueType.Choice) { Choices = ["trace", "debug", "info", "warning", "error"] };
    public static readonly ConfigKey LogFile = new("log.file", ConfigValueType.Path);
    public static readonly ConfigKey LogFormat = new("log.format", ConfigValueType.Choice) { Choices = ["text", "json"] };

    /// <summary>In the order <c>rayray config</c> lists them.</summary>
    public static readonly IReadOnlyList<ConfigKey> All =
        [Db, Roots, Exclude, Workers, Ffprobe, ProbeTimeout, IncludeHidden, FollowSymlinks, AllFiles, PerceptualHash, LogLevel, LogFile, LogFormat];

    /// <summary>The tables (<c>[log]</c>) the settings with a dot in their name live in.</summary>
    public static readonly IReadOnlyList<string> Tables = ["log"];

    public static ConfigKey? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    public static bool IsTable(string name) => Tables.Contains(name);

    /// <summary>The known name a mistyped one most likely meant (<c>worker</c>: <c>workers</c>; <c>level</c>: <c>log.level</c>), or null.</summary>
    public static string? Suggest(string name, IEnumerable<string> candidates)
    {
        var typed = name.ToLowerInvariant().Replace('-', '_');
        var lastPart = typed[(typed.LastIndexOf('.') + 1)..];
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Math.Min(Distance(typed, candidate), Distance(lastPart, candidate[(candidate.LastIndexOf('.') + 1)..]) + 1);
            if (distance < bestDistance)
                (best, bestDistance) = (candidate, distance);
        }
        return bestDistance <= Math.Max(1, Math.Min(3, typed.Length / 3)) ? best : null;
    }

    public static string? SuggestKey(string name) => Suggest(name, All.Select(k => k.Name));

    public static string? SuggestTable(string name) => Suggest(name, Tables);

    /// <summary>The Levenshtein distance: the fewest one-character insertions, deletions and substitutions that turn one into the other.</summary>
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
