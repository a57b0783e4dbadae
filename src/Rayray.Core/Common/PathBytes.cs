using System.Buffers;
using System.Globalization;
using System.Text;

namespace Rayray.Core.Common;

/// <summary>
/// File names on Unix are bytes, and old drives hold names that are not UTF-8 (Latin-1 from an old
/// Windows or Samba share). .NET decodes names as UTF-8 and turns such bytes into U+FFFD, after
/// which the file cannot be opened. rayray keeps every name losslessly instead: a byte that is not
/// part of valid UTF-8 becomes the character U+10FF00 + byte (Supplementary Private Use Area-B),
/// which stores as valid UTF-8 in any database and turns back into the same byte when the file is
/// opened or a path is printed with <c>--format paths</c>. A name that really holds one of those
/// 256 characters is escaped byte by byte too, so the mapping stays reversible.
/// </summary>
public static class PathBytes
{
    private const int EscapeBase = 0x10FF00;

    /// <summary>
    /// True when the text may hold escaped bytes, so only the byte-level file functions can reach it.
    /// It looks for the high surrogate every escape starts with (shared with U+10FC00..U+10FEFF,
    /// which then merely take the slower path).
    /// </summary>
    public static bool HasEscapes(string path) => path.Contains('\uDBFF', StringComparison.Ordinal);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        var at = 0;
        while (at < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[at..], out var rune, out var consumed);
            if (status == OperationStatus.Done && rune.Value is < EscapeBase or > EscapeBase + 0xFF)
            {
                text.Append(rune.ToString());
                at += consumed;
                continue;
            }
            // Not valid UTF-8 (or one of the escape characters themselves): keep each byte as it is.
            var count = status == OperationStatus.Done ? consumed : Math.Max(consumed, 1);
            for (var i = 0; i < count; i++)
                text.Append(char.ConvertFromUtf32(EscapeBase + bytes[at + i]));
            at += count;
        }
        return text.ToString();
    }

    /// <summary>The bytes a path names, without a terminating NUL.</summary>
    public static byte[] Encode(string path)
    {
        if (!HasEscapes(path))
            return Encoding.UTF8.GetBytes(path);
        var bytes = new List<byte>(path.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value is >= EscapeBase and <= EscapeBase + 0xFF)
            {
                bytes.Add((byte)(rune.Value - EscapeBase));
                continue;
            }
            var length = rune.EncodeToUtf8(utf8);
            for (var i = 0; i < length; i++)
                bytes.Add(utf8[i]);
        }
        return [.. bytes];
    }

    /// <summary>The bytes with a terminating NUL, for the C library.</summary>
    public static byte[] EncodeForNative(string path)
    {
        var bytes = Encode(path);
        Array.Resize(ref bytes, bytes.Length + 1);
        return bytes;
    }

    /// <summary>
    /// The path for a terminal or a log line: escaped bytes as <c>\xE9</c>, control characters
    /// (a newline in a name) as <c>\x0a</c>, so nothing a file is called can break a line or send
    /// terminal escape sequences.
    /// </summary>
    public static string Printable(string text)
    {
        if (!text.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
            return text;
        var printable = new StringBuilder(text.Length + 8);
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= EscapeBase and <= EscapeBase + 0xFF)
                printable.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value - EscapeBase:X2}");
            else if (Rune.IsControl(rune))
                printable.Append(CultureInfo.InvariantCulture, $"\\x{rune.Value:x2}");
            else
                printable.Append(rune.ToString());
        }
        return printable.ToString();
    }
}
