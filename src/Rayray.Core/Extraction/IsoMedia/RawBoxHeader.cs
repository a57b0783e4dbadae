using System.Buffers.Binary;
using System.Text;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// A box header as written (ISO 14496-12 4.2): a 32-bit size and the type, then a 64-bit size when the first is 1;
/// a 32-bit size of 0 runs to the end of the parent. Every reader of ISO base media boxes — in a buffer (<see cref="Heif.IsoBox"/>),
/// in a stream (<see cref="BoxHeader"/>), the HEIF and integrity checks — decodes headers here and decides itself
/// what a size that does not fit means to it.
/// </summary>
/// <param name="Type">The four characters, byte for byte (Latin-1: QuickTime's '©nam' keeps its '©').</param>
/// <param name="Size">The declared size, header included; null when the bytes end inside a 64-bit size.</param>
/// <param name="Length">The header's own length: 8, or 16 with a 64-bit size.</param>
internal readonly record struct RawBoxHeader(string Type, ulong? Size, int Length)
{
    /// <summary>A 32-bit size of 0: the box runs to the end of its parent (a 64-bit size of 0 is only impossible).</summary>
    public bool RunsToEnd => Size == 0 && Length == 8;

    /// <summary>The header at the start of <paramref name="bytes"/>; null when there are fewer than 8.</summary>
    public static RawBoxHeader? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 8)
            return null;
        var type = Encoding.Latin1.GetString(bytes.Slice(4, 4));
        var size = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        if (size != 1)
            return new RawBoxHeader(type, size, 8);
        return new RawBoxHeader(type, bytes.Length < 16 ? null : BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]), 16);
    }

    /// <summary>
    /// The whole box's length when <paramref name="remaining"/> bytes of its parent are left from its start: size 0
    /// takes them all; null when it is shorter than its header, longer than what remains, or its size is cut off.
    /// </summary>
    public long? LengthWithin(long remaining)
    {
        if (Size is not { } declared)
            return null;
        // Compared as what remains, so a 64-bit size near 2^64 cannot wrap into "fits".
        var size = RunsToEnd ? (ulong)remaining : declared;
        return size < (ulong)Length || size > (ulong)remaining ? null : (long)size;
    }

    /// <summary>A four-character box type as it may be printed in a message: anything but letters, digits, space, '-' and '.' as '?'.</summary>
    public static string Printable(string type) =>
        new(type.Select(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '.' ? c : '?').ToArray());
}
