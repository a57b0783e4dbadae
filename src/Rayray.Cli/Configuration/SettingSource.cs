namespace Rayray.Cli.Configuration;

internal enum SettingSourceKind
{
    Default,
    File,
    Environment,
    CommandLine,
}

/// <summary>Where a setting's value came from, as <c>rayray config</c> prints it: <c>default</c>, <c>file /path:LINE</c>, <c>environment RAYRAY_DB</c>, <c>command line</c>.</summary>
internal sealed record SettingSource(SettingSourceKind Kind, string? Detail = null)
{
    public static readonly SettingSource Default = new(SettingSourceKind.Default);
    public static readonly SettingSource CommandLine = new(SettingSourceKind.CommandLine);

    public static SettingSource FromFile(string path, int line) => new(SettingSourceKind.File, $"{path}:{line}");

    public static SettingSource FromEnvironment(string variable) => new(SettingSourceKind.Environment, variable);

    public override string ToString() => Kind switch
    {
        SettingSourceKind.File => $"file {Detail}",
        SettingSourceKind.Environment => $"environment {Detail}",
        SettingSourceKind.CommandLine => "command line",
        _ => "default",
    };
}
