using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// OpenEXR (openexr.com, "OpenEXR File Layout"): magic 76 2F 31 01, a version word, then attributes (name,
/// type, size, value) up to an empty name. The stored pixels are the dataWindow box (inclusive corners); a
/// multi-part file's first header describes its first part.
/// </summary>
internal static class OpenExrHeader
{
    public static ReadOnlySpan<byte> Magic => [0x76, 0x2F, 0x31, 0x01];

    private const int MaxAttributes = 10_000;
    private const int MaxChannelListLength = 64 * 1024;

    public static HeaderRead Read(Stream stream, long length)
    {
        var directory = new ImageHeaderDirectory("OpenEXR");
        var start = ImageHeaders.ReadAt(stream, 0, 8, length);
        if (start.Length < 8)
            return new HeaderRead(directory, ImageHeaders.CutShort("OpenEXR header"));
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(start.AsSpan(4));
        directory.Set(ImageHeaderDirectory.TagVersion, (int)(flags & 0xFF));
        // Names and types are at most 31 bytes, or 255 with the long-names flag.
        var nameLimit = (flags & 0x400) != 0 ? 256 : 32;

        (long Width, long Height)? dataWindow = null, displayWindow = null;
        long at = 8;
        for (var attributes = 0; attributes < MaxAttributes; attributes++)
        {
            var head = ImageHeaders.ReadAt(stream, at, (2 * nameLimit) + 4, length).AsSpan();
            if (head.Length > 0 && head[0] == 0)
                break;
            var nameEnd = head.IndexOf((byte)0);
            var typeEnd = nameEnd < 0 ? -1 : head[(nameEnd + 1)..].IndexOf((byte)0);
            if (nameEnd < 0 || typeEnd < 0 || nameEnd + typeEnd + 6 > head.Length)
                return Finish(ImageHeaders.CutShort("OpenEXR header"));
            var name = new string(Encoding.Latin1.GetString(head[..nameEnd]).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '?').ToArray());
            var type = Encoding.ASCII.GetString(head.Slice(nameEnd + 1, typeEnd));
            var sizeAt = nameEnd + typeEnd + 2;
            var size = BinaryPrimitives.ReadInt32LittleEndian(head[sizeAt..]);
            var valueAt = at + sizeAt + 4;
            if (size < 0 || size > length - valueAt)
                return Finish(string.Create(CultureInfo.InvariantCulture, $"truncated: the OpenEXR attribute '{name}' declares {size} bytes past the end of the file"));
            if (type == "box2i" && size == 16 && name is "dataWindow" or "displayWindow")
            {
                var box = ImageHeaders.ReadAt(stream, valueAt, 16, length).AsSpan();
                var corners = (Width: (long)BinaryPrimitives.ReadInt32LittleEndian(box[8..]) - BinaryPrimitives.ReadInt32LittleEndian(box) + 1,
                               Height: (long)BinaryPrimitives.ReadInt32LittleEndian(box[12..]) - BinaryPrimitives.ReadInt32LittleEndian(box[4..]) + 1);
                if (name == "dataWindow")
                    dataWindow = corners;
                else
                    displayWindow = corners;
            }
            else if (type == "compression" && size == 1)
            {
                directory.Set(ImageHeaderDirectory.TagCompression, ImageHeaders.ReadAt(stream, valueAt, 1, length)[0] switch
                {
                    0 => "none", 1 => "RLE", 2 => "ZIPS", 3 => "ZIP", 4 => "PIZ", 5 => "PXR24", 6 => "B44", 7 => "B44A", 8 => "DWAA", 9 => "DWAB",
                    var other => other.ToString(CultureInfo.InvariantCulture),
                });
            }
            else if (type == "chlist" && size <= MaxChannelListLength)
            {
                Channels(ImageHeaders.ReadAt(stream, valueAt, size, length), directory);
            }
            at = valueAt + size;
        }
        return Finish(null);

        // What was read until the header ended or broke off.
        HeaderRead Finish(string? broken)
        {
            if ((dataWindow ?? displayWindow) is not { } window)
                return new HeaderRead(directory, broken ?? "damaged: the OpenEXR header has no dataWindow");
            return new HeaderRead(directory, directory.SetSize(window.Width, window.Height) ?? broken);
        }
    }

    /// <summary>Each channel: its name, then pixel type (0 uint, 1 half, 2 float), pLinear, 3 reserved bytes and x/y sampling.</summary>
    private static void Channels(ReadOnlySpan<byte> list, ImageHeaderDirectory directory)
    {
        var count = 0;
        int? bits = null;
        while (list.Length > 0 && list[0] != 0)
        {
            var nameEnd = list.IndexOf((byte)0);
            if (nameEnd < 0 || list.Length < nameEnd + 1 + 16)
                break;
            bits ??= BinaryPrimitives.ReadInt32LittleEndian(list[(nameEnd + 1)..]) switch { 1 => 16, 0 or 2 => 32, _ => null };
            count++;
            list = list[(nameEnd + 1 + 16)..];
        }
        directory.Set(ImageHeaderDirectory.TagChannels, count);
        if (bits is { } b)
            directory.Set(ImageHeaderDirectory.TagBitsPerSample, b);
    }
}
