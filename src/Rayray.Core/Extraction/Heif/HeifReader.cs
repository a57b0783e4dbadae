using System.Buffers.Binary;
using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Heif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Xmp;
using MetadataExtractor.IO;
using Rayray.Core.Extraction.IsoMedia;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Heif;

/// <summary>
/// Reads HEIF/HEIC/AVIF metadata from the item structure: the primary item's size and rotation,
/// its Exif and XMP items and its ICC profile, decoded with MetadataExtractor's Exif, XMP and ICC
/// readers. rayray walks the boxes itself because MetadataExtractor 2.4.3 fails on valid files
/// whose property associations it misreads (e.g. Nokia's HDR HEIF), and because the item
/// extents must be checked against the file's length to catch truncation.
/// </summary>
internal static class HeifReader
{
    private const int MaxMetaBoxLength = 16 * 1024 * 1024;
    private const int MaxItemLength = 8 * 1024 * 1024;

    public sealed record Result(IReadOnlyList<Directory> Directories, string? Damage);

    public static Result Read(Stream stream, long fileLength)
    {
        var meta = FindTopLevelBox(stream, fileLength, "meta");
        if (meta is null)
            return new Result([], "damaged: no 'meta' box");
        var (metaOffset, metaLength) = meta.Value;
        if (metaLength > MaxMetaBoxLength)
            return new Result([], $"damaged: the 'meta' box declares {metaLength} bytes");

        var payload = new byte[metaLength];
        stream.Position = metaOffset;
        stream.ReadExactly(payload);
        var items = HeifItems.Parse(payload);

        var damage = CheckExtents(items, fileLength);
        var directories = new List<Directory>();
        var primary = new HeicImagePropertiesDirectory("HEIC Primary Item Properties");
        foreach (var (type, property) in items.PropertiesOf(items.PrimaryItemId))
        {
            switch (type)
            {
                case "ispe" when property.Length >= 12:
                    primary.Set(HeicImagePropertiesDirectory.TagImageWidth, BinaryPrimitives.ReadUInt32BigEndian(property.AsSpan(4)));
                    primary.Set(HeicImagePropertiesDirectory.TagImageHeight, BinaryPrimitives.ReadUInt32BigEndian(property.AsSpan(8)));
                    break;
                case "irot" when property.Length >= 1:
                    // irot counts quarter turns anticlockwise; MetadataExtractor reports the same in degrees.
                    primary.Set(HeicImagePropertiesDirectory.TagRotation, (uint)((property[0] & 3) * 90));
                    break;
                case "pixi" when property.Length >= 5:
                    primary.Set(HeicImagePropertiesDirectory.TagPixelDepths, property.AsSpan(5, Math.Min(property[4], property.Length - 5)).ToArray());
                    break;
                case "colr" when property.Length > 4 && property.AsSpan(0, 4).SequenceEqual("prof"u8):
                    directories.Add(new IccReader().Extract(new ByteArrayReader(property[4..])));
                    break;
            }
        }
        directories.Insert(0, primary);

        foreach (var id in items.ItemsOfType("Exif"))
        {
            var bytes = ReadItem(stream, items, id, fileLength);
            if (bytes is not { Length: > 4 })
                continue;
            var tiffStart = 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(bytes);
            if (tiffStart >= bytes.Length)
                continue;
            directories.AddRange(new ExifReader().Extract(new ByteArrayReader(bytes[tiffStart..])));
        }
        foreach (var id in items.ItemsOfType("mime"))
        {
            if (items.Items[id].ContentType?.StartsWith("application/rdf+xml", StringComparison.OrdinalIgnoreCase) != true)
                continue;
            var bytes = ReadItem(stream, items, id, fileLength);
            if (bytes is { Length: > 0 })
                directories.Add(new XmpReader().Extract(bytes));
        }
        return new Result(directories, damage);
    }

    private static string? CheckExtents(HeifItems items, long fileLength)
    {
        foreach (var (id, extents) in items.Extents)
        {
            if (items.ConstructionMethods.GetValueOrDefault(id) != 0)
                continue;
            foreach (var (offset, length) in extents)
            {
                var end = offset + length;
                if (offset < 0 || length < 0 || end > fileLength)
                {
                    var type = items.Items.TryGetValue(id, out var info) ? info.Type : "?";
                    return string.Create(CultureInfo.InvariantCulture,
                        $"truncated: item {id} ('{type}') needs bytes up to {end} but the file ends at {fileLength}");
                }
            }
        }
        return null;
    }

    private static byte[]? ReadItem(Stream stream, HeifItems items, uint id, long fileLength)
    {
        if (!items.Extents.TryGetValue(id, out var extents))
            return null;
        var total = extents.Sum(e => e.Length);
        if (total is <= 0 or > MaxItemLength)
            return null;
        var bytes = new byte[total];
        var at = 0;
        var construction = items.ConstructionMethods.GetValueOrDefault(id);
        foreach (var (offset, length) in extents)
        {
            if (construction == 1)
            {
                if (offset + length > items.ItemData.Length)
                    return null;
                items.ItemData.AsSpan((int)offset, (int)length).CopyTo(bytes.AsSpan(at));
            }
            else
            {
                if (offset + length > fileLength)
                    return null;
                stream.Position = offset;
                stream.ReadExactly(bytes, at, (int)length);
            }
            at += (int)length;
        }
        return bytes;
    }

    private static (long Offset, int Length)? FindTopLevelBox(Stream stream, long fileLength, string wanted)
    {
        Span<byte> bytes = stackalloc byte[16];
        long at = 0;
        while (at + 8 <= fileLength)
        {
            stream.Position = at;
            var read = stream.ReadAtLeast(bytes, 8, throwOnEndOfStream: false);
            if (RawBoxHeader.Decode(bytes[..read]) is not { Size: { } declared } header)
                return null;
            var size = header.RunsToEnd ? fileLength - at : (long)declared;
            if (size < header.Length)
                return null;
            // The box wanted is returned even when it runs past the end: reading it then says the file is cut short.
            if (header.Type == wanted)
                return (at + header.Length, (int)Math.Min(size - header.Length, int.MaxValue));
            if (size > fileLength - at)
                return null;
            at += size;
        }
        return null;
    }
}
