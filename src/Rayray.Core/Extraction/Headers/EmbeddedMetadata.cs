using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Xmp;
using MetadataExtractor.IO;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// EXIF, XMP and ICC blocks that JPEG 2000, JPEG XL and XCF files carry in boxes or parasites, decoded with
/// MetadataExtractor's readers as for HEIF; a block larger than <see cref="MaxLength"/> is left out.
/// </summary>
internal sealed class EmbeddedMetadata
{
    public const int MaxLength = 16 * 1024 * 1024;

    private readonly List<Directory> _directories = [];

    public IReadOnlyList<Directory> Directories => _directories;

    /// <summary>The <paramref name="size"/> bytes at <paramref name="offset"/>; null when they are not all inside the file or too many.</summary>
    public static byte[]? Read(Stream stream, long offset, long size, long length) =>
        size is > 0 and <= MaxLength && offset >= 0 && offset <= length - size ? ImageHeaders.ReadAt(stream, offset, (int)size, length) : null;

    /// <summary>A TIFF-structured EXIF block.</summary>
    public void AddExif(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length > 8)
            _directories.AddRange(new ExifReader().Extract(new ByteArrayReader(tiff.ToArray())));
    }

    public void AddXmp(ReadOnlySpan<byte> packet)
    {
        if (packet.Length > 0)
            _directories.Add(new XmpReader().Extract(packet.ToArray()));
    }

    public void AddIcc(ReadOnlySpan<byte> profile)
    {
        if (profile.Length > 128)
            _directories.Add(new IccReader().Extract(new ByteArrayReader(profile.ToArray())));
    }
}
