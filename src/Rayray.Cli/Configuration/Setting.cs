namespace Rayray.Cli.Configuration;

/// <summary>A setting's effective value and where it came from.</summary>
internal sealed record Setting<T>(T Value, SettingSource Source)
{
    public bool IsDefault => Source.Kind == SettingSourceKind.Default;
}
