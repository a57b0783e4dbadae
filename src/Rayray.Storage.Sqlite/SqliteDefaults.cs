namespace Rayray.Storage.Sqlite;

public static class SqliteDefaults
{
    /// <summary>
    /// The platform's per-user data folder: <c>~/.local/share/rayray/rayray.db</c> on Linux
    /// (or under <c>$XDG_DATA_HOME</c>), <c>%LOCALAPPDATA%\rayray\rayray.db</c> on Windows,
    /// <c>~/Library/Application Support/rayray/rayray.db</c> on macOS.
    /// </summary>
    public static string DatabasePath()
    {
        var data = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(data))
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "rayray", "rayray.db");
    }
}
