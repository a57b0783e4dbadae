namespace Rayray.Cli.Configuration;

/// <summary>
/// Which config file rayray reads: the one --config names, else RAYRAY_CONFIG's, else the default
/// (<c>$XDG_CONFIG_HOME/rayray/config.toml</c> or <c>~/.config/rayray/config.toml</c>;
/// <c>%APPDATA%\rayray\config.toml</c> on Windows). Only the default may be missing.
/// </summary>
/// <param name="NamedBy">"--config" or "RAYRAY_CONFIG"; null for the default.</param>
internal sealed record ConfigFileLocation(string Path, string? NamedBy)
{
    public const string EnvironmentVariable = "RAYRAY_CONFIG";

    public bool IsExplicit => NamedBy is not null;

    public static ConfigFileLocation Find(string? option, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return new(System.IO.Path.GetFullPath(option), "--config");
        if (environment(EnvironmentVariable) is { } named && !string.IsNullOrWhiteSpace(named))
            return new(System.IO.Path.GetFullPath(named), EnvironmentVariable);
        return new(DefaultPath(environment), null);
    }

    public static string DefaultPath(Func<string, string?> environment)
    {
        string folder;
        if (OperatingSystem.IsWindows())
        {
            folder = environment("APPDATA") is { Length: > 0 } appData ? appData
                : Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        }
        else
        {
            // The XDG spec says a relative XDG_CONFIG_HOME is to be ignored.
            folder = environment("XDG_CONFIG_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg) ? xdg
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }
        return System.IO.Path.Combine(folder, "rayray", "config.toml");
    }
}
