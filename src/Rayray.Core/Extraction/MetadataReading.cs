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
using MetadataExtractor.Formats.Tiff;
using MetadataExtractor.Formats.Wav;
using MetadataExtractor.Formats.WebP;
using MetadataExtractor.Formats.Xmp;
using Rayray.Core.Extraction.CameraVideo;
using Rayray.Core.Extraction.Cr3;
using Rayray.Core.Extraction.Headers;
using Rayray.Core.Extraction.Heif;
using Rayray.Core.Extraction.Integrity;
using Rayray.Core.Extraction.Legacy;
using Rayray.Core.Extraction.Raw;
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
    internal static readonly IJpegSegmentMetadataReader[] JpegReaders =
    [
        new JpegReader(), new JpegCommentReader(), new JfifReader(), new JfxxReader(), new ExifReader(),
        new WholeExtendedXmpReader(), new IccReader(), new PhotoshopReader(), new DuckyReader(), new IptcReader(),
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

    /// <summary>A Samsung phone's picture with the blocks it appended (a motion photo's video without XMP).</summary>
    private static IReadOnlyList<Directory> WithSamsungTrailer(IReadOnlyList<Directory> directories, Stream stream, long length) =>
        SamsungTrailer.Read(stream, length) is { } trailer ? [.. directories, trailer] : directories;

    public static Result Read(MediaFormat format, Stream stream, long length)
    {
        if (ImageHeaders.Read(format, stream, length) is { } header)
            return header;
        if (format == MediaFormats.Heic || format == MediaFormats.Heif || format == MediaFormats.Avif)
        {
            var heif = HeifReader.Read(stream, length);
            // A top-level box that overruns the file (or cannot be a box) says better why the item walk failed.
            var damage = heif.Damage is null ? null : IsoMediaStructure.Check(stream, length).Damage ?? heif.Damage;
            return new Result(WithSamsungTrailer(heif.Directories, stream, length), damage);
        }

        if (format == MediaFormats.Cr3)
        {
            var cr3 = Cr3Reader.Read(stream, length);
            var damage = cr3.Damage is null ? null : IsoMediaStructure.Check(stream, length).Damage ?? cr3.Damage;
            return new Result(cr3.Directories, damage, cr3.Note);
        }

        // MetadataExtractor has no Matroska reader (ffprobe reads these files), and ffprobe indexes a cut
        // file with at most a warning: the Segment's declared size is what shows it is incomplete.
        if (format.Family == ContainerFamily.Matroska)
            return new Result([], MatroskaStructure.Check(stream, length));

        if (format.Family == ContainerFamily.Tiff)
        {
            var tiff = TiffMetadataReader.ReadMetadata(stream);
            // A Phase One IIQ keeps the picture's size in its own directory, outside the TIFF's.
            if (format == MediaFormats.OtherTiffRaw && PhaseOneReader.Read(stream, length) is { } phaseOne)
                tiff = [.. tiff, phaseOne];
            return new Result(tiff, TiffDirectoryStructure.Check(stream, length));
        }

        if (format == MediaFormats.Raf)
            return RafReader.Read(stream, length);
        if (format == MediaFormats.Mrw)
            return MrwReader.Read(stream, length);
        if (format == MediaFormats.X3f)
            return X3fReader.Read(stream, length);

        if (format.Family == ContainerFamily.Psd)
        {
            var psd = PsdMetadataReader.ReadMetadata(stream);
            return new Result(psd, PsdStructure.Check(stream, length));
        }

        if (format.Family == ContainerFamily.Png)
        {
            var (view, note) = PngMetadataChunks.For(stream, length);
            return new Result(PngMetadataReader.ReadMetadata(view), Note: note);
        }

        IReadOnlyList<Directory>? directories = format.Family switch
        {
            ContainerFamily.Jpeg => WithSamsungTrailer(JpegMetadataReader.ReadMetadata(stream, JpegReaders), stream, length),
            ContainerFamily.Gif => GifMetadataReader.ReadMetadata(stream),
            ContainerFamily.Bmp => BmpMetadataReader.ReadMetadata(stream),
            ContainerFamily.Riff when format == MediaFormats.WebP => WebPMetadataReader.ReadMetadata(stream),
            ContainerFamily.Riff when format == MediaFormats.Avi => AviMetadataReader.ReadMetadata(stream),
            ContainerFamily.Riff when format == MediaFormats.Wav => WavMetadataReader.ReadMetadata(stream),
            ContainerFamily.IsoMedia when format != MediaFormats.Cr3 => QuickTimeMetadataReader.ReadMetadata(stream),
            ContainerFamily.OtherRaw when format == MediaFormats.Crw => ReadCiff(stream, length),
            ContainerFamily.MpegTransportStream => TransportStreamReader.Read(stream, length),
            _ => null,
        };
        return new Result(directories ?? []);
    }
}
