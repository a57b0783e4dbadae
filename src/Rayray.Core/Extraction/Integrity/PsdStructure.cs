using System.Buffers.Binary;
using System.Globalization;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// Checks that a Photoshop document (PSD, or PSB with its 64-bit layer section length) holds the sections its
/// header chain declares — colour mode data, image resources, layers and masks — and the start of the image data
/// after them.
/// </summary>
public static class PsdStructure
{
    private const int HeaderLength = 26;

    public static string? Check(Stream stream, long fileLength)
    {
        Span<byte> bytes = stackalloc byte[8];
        if (fileLength < HeaderLength)
            return "truncated: the file ends inside the Photoshop header";
        stream.Position = 4;
        stream.ReadExactly(bytes[..2]);
        var large = BinaryPrimitives.ReadUInt16BigEndian(bytes) == 2;

        long at = HeaderLength;
        foreach (var (section, lengthSize) in new[] { ("colour mode data", 4), ("image resources", 4), ("layer and mask", large ? 8 : 4) })
        {
            if (fileLength - at < lengthSize)
                return string.Create(CultureInfo.InvariantCulture, $"truncated: the file ends at byte {fileLength}, before the {section} section");
            stream.Position = at;
            stream.ReadExactly(bytes[..lengthSize]);
            var length = lengthSize == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt64BigEndian(bytes);
            if (length > (ulong)(fileLength - at - lengthSize))
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"truncated: the {section} section at offset {at} declares {length} bytes but only {fileLength - at - lengthSize} remain");
            }
            at += lengthSize + (long)length;
        }
        return fileLength - at < 2 ? string.Create(CultureInfo.InvariantCulture, $"truncated: no image data after the sections, at byte {at}") : null;
    }
}
