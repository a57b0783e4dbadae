using System.Globalization;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// Checks that a Matroska/WebM file holds the whole Segment its header declares: the EBML header, then a Segment
/// whose size reaches no further than the end of the file. A Segment of unknown size (a live recording) is
/// checked element by element until an element of unknown size. Bytes after the last Segment are tolerated.
/// </summary>
public static class MatroskaStructure
{
    private const long EbmlHeaderId = 0x1A45DFA3;
    private const long SegmentId = 0x18538067;

    public static string? Check(Stream stream, long fileLength)
    {
        var header = ReadElement(stream, 0, fileLength);
        if (header is not { Id: EbmlHeaderId })
            return "damaged: the file does not start with an EBML header";
        if (header.Value.Size is not { } headerSize || headerSize > fileLength - header.Value.BodyStart)
            return Truncated("EBML header", 0, header.Value, fileLength);

        var at = header.Value.BodyStart + headerSize;
        var segments = 0;
        while (at < fileLength)
        {
            var element = ReadElement(stream, at, fileLength);
            if (element is null)
                return segments == 0 ? string.Create(CultureInfo.InvariantCulture, $"truncated: the file ends at byte {fileLength}, before its Segment") : null;
            if (element.Value.Id != SegmentId)
                return segments == 0 ? "damaged: the EBML header is not followed by a Segment" : null;
            if (element.Value.Size is not { } size)
                return CheckChildren(stream, element.Value.BodyStart, fileLength);
            if (size > fileLength - element.Value.BodyStart)
                return Truncated("Segment", at, element.Value, fileLength);
            at = element.Value.BodyStart + size;
            segments++;
        }
        return segments == 0 ? string.Create(CultureInfo.InvariantCulture, $"truncated: the file ends at byte {fileLength}, before its Segment") : null;
    }

    /// <summary>The elements of a Segment of unknown size, up to the first element of unknown size (a live Cluster).</summary>
    private static string? CheckChildren(Stream stream, long at, long fileLength)
    {
        while (at < fileLength)
        {
            var element = ReadElement(stream, at, fileLength);
            if (element is null)
                return string.Create(CultureInfo.InvariantCulture, $"truncated: the file ends inside the element header at offset {at}");
            if (element.Value.Size is not { } size)
                return null;
            if (size > fileLength - element.Value.BodyStart)
                return Truncated(string.Create(CultureInfo.InvariantCulture, $"element 0x{element.Value.Id:X}"), at, element.Value, fileLength);
            at = element.Value.BodyStart + size;
        }
        return null;
    }

    private static string Truncated(string name, long at, Element element, long fileLength) => string.Create(CultureInfo.InvariantCulture,
        $"truncated: the {name} at offset {at} declares {element.Size} bytes but only {fileLength - element.BodyStart} follow its header");

    /// <summary>An element's ID, where its body starts and its size (null: unknown); null when no header fits.</summary>
    private readonly record struct Element(long Id, long BodyStart, long? Size);

    private static Element? ReadElement(Stream stream, long at, long fileLength)
    {
        Span<byte> bytes = stackalloc byte[12];
        stream.Position = at;
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        bytes = bytes[..read];
        if (VarInt(bytes, keepMarker: true, maxLength: 4) is not { } id)
            return null;
        if (VarInt(bytes[id.Length..], keepMarker: false, maxLength: 8) is not { } size)
            return null;
        var bodyStart = at + id.Length + size.Length;
        var unknown = size.Value == (1L << (7 * size.Length)) - 1;
        return bodyStart > fileLength ? null : new Element(id.Value, bodyStart, unknown ? null : size.Value);
    }

    /// <summary>An EBML variable-length integer: the first byte's leading zeros give its length.</summary>
    private static (long Value, int Length)? VarInt(ReadOnlySpan<byte> bytes, bool keepMarker, int maxLength)
    {
        if (bytes.IsEmpty || bytes[0] == 0)
            return null;
        var length = System.Numerics.BitOperations.LeadingZeroCount((uint)bytes[0]) - 23;
        if (length > maxLength || length > bytes.Length)
            return null;
        long value = keepMarker ? bytes[0] : bytes[0] & (0xFF >> length);
        for (var i = 1; i < length; i++)
            value = (value << 8) | bytes[i];
        return (value, length);
    }
}
