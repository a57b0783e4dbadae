using System.Security.Cryptography;
using System.Text;

namespace Rayray.Core.Extraction;

/// <summary>
/// The placeholder hash of a file whose bytes could not be read: derived from its path, with a
/// prefix that cannot be mistaken for a content hash. When the file becomes readable its location
/// moves to the document of its real content.
/// </summary>
public static class UnreadableHash
{
    public const string Prefix = "unread:";

    public static string ForPath(string path) =>
        Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)));

    public static bool IsPlaceholder(string hash) => hash.StartsWith(Prefix, StringComparison.Ordinal);
}
