using System.Globalization;
using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Extraction.Xmp;

namespace Rayray.Core.Normalization;

/// <summary>
/// Where a motion photo's video is, from its XMP: the Motion Photo format 1.0 (<c>Container:Directory</c>, whose
/// last item with <c>Item:Semantic</c> "MotionPhoto" is the video, <c>Item:Length</c> bytes at the end of the
/// file) or the older Pixel form (<c>GCamera:MicroVideo</c> 1 with <c>GCamera:MicroVideoOffset</c>, the video's
/// length counted back from the end); else, for a Samsung phone's file without such XMP, the
/// <c>MotionPhoto_Data</c> block of its trailer (<see cref="SamsungTrailer"/>). A length that does not fit in the file is ignored.
/// </summary>
internal static class MotionPhotoReader
{
    private const string Camera = "http://ns.google.com/photos/1.0/camera/";
    private const string Container = "http://ns.google.com/photos/1.0/container/";
    private const string ContainerItem = "http://ns.google.com/photos/1.0/container/item/";

    public static MotionPhoto? Read(MetadataView view, long fileLength) =>
        FromXmp(view.Xmp, fileLength) ?? FromSamsungTrailer(view.First<SamsungTrailer>(), fileLength);

    private static MotionPhoto? FromSamsungTrailer(SamsungTrailer? trailer, long fileLength)
    {
        var video = trailer?.Blocks.FirstOrDefault(b => b.Name.Equals("MotionPhoto_Data", StringComparison.Ordinal));
        return video is { Length: > 0 } block && block.Offset + block.Length <= fileLength
            ? new MotionPhoto { Offset = block.Offset, Length = block.Length, MimeType = "video/mp4" }
            : null;
    }

    private static MotionPhoto? FromXmp(XmpProperties? xmp, long fileLength)
    {
        if (xmp is null)
            return null;
        if (FromDirectory(xmp) is { } item && AtTheEnd(item.Length, fileLength) is { } motion)
            return motion with { MimeType = item.Mime };
        if (xmp.Simple(Camera, "MicroVideo") is "1" && Number(xmp.Simple(Camera, "MicroVideoOffset")) is { } offset)
            return AtTheEnd(offset, fileLength) is { } micro ? micro with { MimeType = "video/mp4" } : null;
        return null;
    }

    private static (long Length, string? Mime)? FromDirectory(XmpProperties xmp)
    {
        if (XmpProperties.PathOf(Container, "Directory") is not { } directory ||
            XmpProperties.PathOf(Container, "Item") is not { } item ||
            XmpProperties.PathOf(ContainerItem, "Semantic") is not { } semantic ||
            XmpProperties.PathOf(ContainerItem, "Length") is not { } length)
        {
            return null;
        }
        var semantics = xmp.StructFields(directory, $"{item}/{semantic}");
        var lengths = xmp.StructFields(directory, $"{item}/{length}");
        var mimes = XmpProperties.PathOf(ContainerItem, "Mime") is { } mime ? xmp.StructFields(directory, $"{item}/{mime}") : [];
        foreach (var (index, kind) in semantics.Reverse())
        {
            if (kind.Equals("MotionPhoto", StringComparison.OrdinalIgnoreCase) && Number(lengths.GetValueOrDefault(index)) is { } bytes)
                return (bytes, mimes.GetValueOrDefault(index));
        }
        return null;
    }

    private static MotionPhoto? AtTheEnd(long length, long fileLength) =>
        length > 0 && length < fileLength ? new MotionPhoto { Offset = fileLength - length, Length = length } : null;

    private static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
