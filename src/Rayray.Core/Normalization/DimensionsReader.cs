using MetadataExtractor.Formats.Avi;
using MetadataExtractor.Formats.Bmp;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Heif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Photoshop;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.QuickTime;
using MetadataExtractor.Formats.WebP;
using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Extraction.Headers;
using Rayray.Core.Formats;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Normalization;

/// <summary>
/// Pixel size, orientation, rotation and duration. The size is the image's own (JPEG frame, PNG
/// header, HEIF primary item, the full-resolution TIFF/RAW image rather than its preview), with
/// EXIF's PixelX/YDimension only as the last resort.
/// </summary>
internal static class DimensionsReader
{
    public static Dimensions? Read(MetadataView view, MediaFormat format, int? xmpOrientation)
    {
        var (width, height) = format.Family switch
        {
            ContainerFamily.Jpeg => Size<JpegDirectory>(view, JpegDirectory.TagImageWidth, JpegDirectory.TagImageHeight),
            ContainerFamily.Png => Size<PngDirectory>(view, PngDirectory.TagImageWidth, PngDirectory.TagImageHeight),
            ContainerFamily.Gif => Size<GifHeaderDirectory>(view, GifHeaderDirectory.TagImageWidth, GifHeaderDirectory.TagImageHeight),
            ContainerFamily.Bmp => Size<BmpHeaderDirectory>(view, BmpHeaderDirectory.TagImageWidth, BmpHeaderDirectory.TagImageHeight),
            ContainerFamily.Psd => Size<PsdHeaderDirectory>(view, PsdHeaderDirectory.TagImageWidth, PsdHeaderDirectory.TagImageHeight),
            ContainerFamily.Tiff => TiffImageSize(view),
            ContainerFamily.Riff when format == MediaFormats.WebP => Size<WebPDirectory>(view, WebPDirectory.TagImageWidth, WebPDirectory.TagImageHeight),
            ContainerFamily.Riff when format == MediaFormats.Avi => Size<AviDirectory>(view, AviDirectory.TagWidth, AviDirectory.TagHeight),
            ContainerFamily.IsoMedia when format == MediaFormats.Cr3 => Size<ExifIfd0Directory>(view, ExifTags.ImageWidth, ExifTags.ImageHeight),
            ContainerFamily.IsoMedia when format.Kind == MediaKind.Image => Size<HeicImagePropertiesDirectory>(view, HeicImagePropertiesDirectory.TagImageWidth, HeicImagePropertiesDirectory.TagImageHeight),
            ContainerFamily.IsoMedia => VideoTrackSize(view),
            ContainerFamily.OtherRaw => OtherRawSize(view),
            _ => ImageHeaderDirectory.SizeOf(view.Directories),
        };
        if (width is null || height is null)
            (width, height) = (view.ExifInteger(ExifTags.PixelXDimension) ?? view.ExifInteger(ExifTags.ImageWidth),
                               view.ExifInteger(ExifTags.PixelYDimension) ?? view.ExifInteger(ExifTags.ImageHeight));
        if (width is not > 0 || height is not > 0)
            (width, height) = (null, null);

        var orientation = view.ExifInteger(ExifTags.Orientation) ?? xmpOrientation;
        if (orientation is not (>= 1 and <= 8))
            orientation = null;
        var rotation = HeifRotation(view) ?? VideoRotation(view);
        var duration = Duration(view, format);

        if (width is null && orientation is null && rotation is null && duration is null)
            return null;
        return new Dimensions { Width = width, Height = height, Orientation = orientation, Rotation = rotation, Duration = duration };
    }

    private static (int?, int?) Size<T>(MetadataView view, int widthTag, int heightTag) where T : Directory
    {
        var directory = view.Directories.OfType<T>().FirstOrDefault(d => d.ContainsTag(widthTag) && d.ContainsTag(heightTag));
        return (TagValues.Integer(directory, widthTag), TagValues.Integer(directory, heightTag));
    }

    /// <summary>
    /// The size exiftool reports as ImageWidth/ImageHeight: a RAW header's own (Phase One), Panasonic's sensor
    /// crop, else that of the first directory marked full-resolution (NewSubfileType 0, as RAW files mark the
    /// sensor image in a SubIFD behind an IFD0 preview), else that of the first directory with a size.
    /// </summary>
    private static (int?, int?) TiffImageSize(MetadataView view)
    {
        if (RawHeaderSize(view) is (not null, not null) header)
            return header;
        if (PanasonicSensorCrop(view) is (not null, not null) crop)
            return crop;
        var images = view.Directories
            .Where(d => d is ExifIfd0Directory or ExifThumbnailDirectory or ExifImageDirectory or ExifSubIfdDirectory or PanasonicRawIfd0Directory)
            .ToList();
        var fullResolution = images.FirstOrDefault(d =>
            TagValues.Integer(d, ExifTags.NewSubfileType) == 0 || TagValues.Integer(d, ExifTags.OldSubfileType) == 1);
        foreach (var directory in fullResolution is null ? images : images.Prepend(fullResolution))
        {
            var (width, height) = (TagValues.Integer(directory, ExifTags.ImageWidth), TagValues.Integer(directory, ExifTags.ImageHeight));
            if (width > 0 && height > 0)
                return (width, height);
        }
        return (null, null);
    }

    /// <summary>The RAW header's size, else (a RAF without RawImageCroppedSize) the embedded JPEG's, which exiftool reports then.</summary>
    private static (int?, int?) OtherRawSize(MetadataView view) =>
        RawHeaderSize(view) is (not null, not null) header
            ? header
            : Size<JpegDirectory>(view, JpegDirectory.TagImageWidth, JpegDirectory.TagImageHeight);

    /// <summary>The picture size a RAW format's own header or directory gives (RAF, MRW, X3F, IIQ, CRW).</summary>
    private static (int?, int?) RawHeaderSize(MetadataView view) =>
        Size<CameraExifDirectory>(view, CameraExifDirectory.ImageWidth, CameraExifDirectory.ImageHeight);

    /// <summary>exiftool's ImageWidth/ImageHeight for RW2: SensorRightBorder − SensorLeftBorder, SensorBottomBorder − SensorTopBorder.</summary>
    private static (int?, int?) PanasonicSensorCrop(MetadataView view)
    {
        var raw = view.First<PanasonicRawIfd0Directory>();
        var (top, left) = (TagValues.Integer(raw, PanasonicRawIfd0Directory.TagSensorTopBorder), TagValues.Integer(raw, PanasonicRawIfd0Directory.TagSensorLeftBorder));
        var (bottom, right) = (TagValues.Integer(raw, PanasonicRawIfd0Directory.TagSensorBottomBorder), TagValues.Integer(raw, PanasonicRawIfd0Directory.TagSensorRightBorder));
        return right > left && bottom > top ? (right - left, bottom - top) : (null, null);
    }

    private static (int?, int?) VideoTrackSize(MetadataView view)
    {
        var track = view.Directories.OfType<QuickTimeTrackHeaderDirectory>()
            .FirstOrDefault(d => TagValues.Number(d, QuickTimeTrackHeaderDirectory.TagWidth) > 0);
        return (TagValues.Integer(track, QuickTimeTrackHeaderDirectory.TagWidth), TagValues.Integer(track, QuickTimeTrackHeaderDirectory.TagHeight));
    }

    private static int? HeifRotation(MetadataView view)
    {
        // irot turns anticlockwise; rayray reports the clockwise rotation a viewer applies.
        var anticlockwise = TagValues.Integer(view.First<HeicImagePropertiesDirectory>(), HeicImagePropertiesDirectory.TagRotation);
        return anticlockwise is { } degrees ? (360 - degrees) % 360 : null;
    }

    private static int? VideoRotation(MetadataView view) =>
        view.Directories.OfType<QuickTimeTrackHeaderDirectory>()
            .Select(d => TagValues.Integer(d, QuickTimeTrackHeaderDirectory.TagRotation))
            .FirstOrDefault(r => r is not null and not 0);

    private static double? Duration(MetadataView view, MediaFormat format)
    {
        if (format.Kind is not (MediaKind.Video or MediaKind.Audio))
            return null;
        var movie = view.First<QuickTimeMovieHeaderDirectory>();
        if (movie is not null && movie.GetObject(QuickTimeMovieHeaderDirectory.TagDuration) is TimeSpan span && span > TimeSpan.Zero)
            return Math.Round(span.TotalSeconds, 3);
        if (TagValues.Number(movie, QuickTimeMovieHeaderDirectory.TagDuration) is { } seconds && seconds > 0)
            return Math.Round(seconds, 3);
        var avi = view.First<AviDirectory>();
        if (avi?.GetObject(AviDirectory.TagDuration) is TimeSpan aviSpan && aviSpan > TimeSpan.Zero)
            return Math.Round(aviSpan.TotalSeconds, 3);
        return null;
    }
}
