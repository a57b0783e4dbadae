using MetadataExtractor.Formats.Adobe;
using MetadataExtractor.Formats.Avi;
using MetadataExtractor.Formats.Bmp;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jfif;
using MetadataExtractor.Formats.Jfxx;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Photoshop;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.QuickTime;
using MetadataExtractor.Formats.Raf;
using MetadataExtractor.Formats.Tiff;
using MetadataExtractor.Formats.Wav;
using MetadataExtractor.Formats.WebP;
using MetadataExtractor.Formats.Xmp;
using Rayray.Core.Extraction.Heif;
using Rayray.Core.Extraction.Legacy;
using Rayray.Core.Formats;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction;

/// <summary>Picks the metadata reader for a format, so no reader has to guess the format again.</summary>
internal static class MetadataReading
{
    /// <summary>
    /// MetadataExtractor's JPEG segment readers (without the Huffman-table dump) plus rayray's
    /// readers for the pre-EXIF blocks of early digital cameras.
    /// </summary>
    private static readonly IJpegSegmentMetadataReader[] JpegReaders =
    [
        new JpegReader(), new JpegCommentReader(), new JfifReader(), new JfxxReader(), new ExifReader(),
        new XmpReader(), new IccReader(), new PhotoshopReader(), new DuckyReader(), new IptcReader(),
        new AdobeJpegReader(), new JpegDnlReader(), new CiffReader(), new PictureInfoReader(),
    ];

    public sealed record Result(IReadOnlyList<Directory> Directories, string? Damage = null, string? Note = null);

    /// <summary>True for formats whose structure rayray checks on its own, so a metadata parse failure does not make the file invalid.</summary>
    public static bool HasIndependentStructureCheck(MediaFormat format) =>
        format.Family is ContainerFamily.Jpeg or ContainerFamily.Png or ContainerFamily.Riff or ContainerFamily.IsoMedia;

    private const long MaxCiffFileLength = 64L * 1024 * 1024;

    private static Directory[] ReadCiff(Stream stream, long length)
    {
        // The record table of a CRW file sits at its end, so the whole (RAW-sized) file is needed.
        if (length > MaxCiffFileLength)
            return [];
        var bytes = new byte[length];
        stream.Position = 0;
        stream.ReadExactly(bytes);
        return CiffReader.Read(bytes) is { } directory ? [directory] : [];
    }

    public static Result Read(MediaFormat format, Stream stream, long length)
    {
        if (format == MediaFormats.Heic || format == MediaFormats.Heif || format == MediaFormats.Avif)
        {
            var heif = HeifReader.Read(stream, length);
            return new Result(heif.Directories, heif.Damage);
        }

        IReadOnlyList<Directory>? directories = format.Family switch
        {
            ContainerFamily.Jpeg => JpegMetadataReader.ReadMetadata(stream, JpegReaders),
            ContainerFamily.Tiff => TiffMetadataReader.ReadMetadata(stream),
            ContainerFamily.Png => PngMetadataReader.ReadMetadata(stream),
            ContainerFamily.Gif => GifMetadataReader.ReadMetadata(stream),
            ContainerFamily.Bmp => BmpMetadataReader.ReadMetadata(stream),
            ContainerFamily.Psd => PsdMetadataReader.ReadMetadata(stream),
            ContainerFamily.Riff when format == MediaFormats.WebP => WebPMetadataReader.ReadMetadata(stream),
            ContainerFamily.Riff when format == MediaFormats.Avi => AviMetadataReader.ReadMetadata(stream),
            ContainerFamily.Riff when format == MediaFormats.Wav => WavMetadataReader.ReadMetadata(stream),
            ContainerFamily.IsoMedia when format != MediaFormats.Cr3 => QuickTimeMetadataReader.ReadMetadata(stream),
            ContainerFamily.OtherRaw when format == MediaFormats.Raf => RafMetadataReader.ReadMetadata(stream),
            ContainerFamily.OtherRaw when format == MediaFormats.Crw => ReadCiff(stream, length),
            _ => null,
        };
        return new Result(directories ?? []);
    }
}
