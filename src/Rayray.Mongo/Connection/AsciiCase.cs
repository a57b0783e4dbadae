namespace Rayray.Mongo.Connection;

/// <summary>
/// Lowercasing of option keys as the connection string specification defines it: only the ASCII
/// letters A to Z change, so a key means the same thing whatever the culture.
/// </summary>
internal static class AsciiCase
{
    public static string ToLower(string text) =>
        string.Create(text.Length, text, static (destination, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                destination[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] | 0x20) : source[i];
        });
}
