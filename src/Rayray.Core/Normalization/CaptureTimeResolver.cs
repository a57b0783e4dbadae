using MetadataExtractor;
using MetadataExtractor.Formats.Avi;
using MetadataExtractor.Formats.Exif.Makernotes;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.QuickTime;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>
/// When the picture was taken: a date the user set in the XMP sidecar; Apple's creationdate (local,
/// with its offset); DateTimeOriginal + SubSecTimeOriginal + OffsetTimeOriginal; the digitized
/// time; a makernote's; the embedded XMP dates; IPTC's DateCreated + TimeCreated, then its digital
/// creation date and time; AVI's; the QuickTime/Matroska creation time (UTC); the GPS time (UTC);
/// last, a date recorded without a time of day (XMP or IPTC), as midnight. OffsetTime (0x9010)
/// belongs to the modification date and is never used here. docs/schema.md lists the same order.
/// </summary>
internal static class CaptureTimeResolver
{
    /// <summary>The capture time, and whether it came from a source that only ever records UTC (a movie's creation time, the GPS time), whose offset says nothing about the local clock.</summary>
    public static (CaptureTime? Time, bool Universal) Resolve(MetadataView view, XmpFacts? xmp, XmpFacts? sidecar, AudioVideoFacts? probe)
    {
        var local = sidecar?.CaptureTime
            ?? probe?.LocalCreation
            ?? ExifDateParser.Parse(
                   view.ExifText(ExifTags.DateTimeOriginal),
                   view.ExifText(ExifTags.SubSecTimeOriginal),
                   view.ExifText(ExifTags.OffsetTimeOriginal))
            ?? ExifDateParser.Parse(
                   view.ExifText(ExifTags.DateTimeDigitized),
                   view.ExifText(ExifTags.SubSecTimeDigitized),
                   view.ExifText(ExifTags.OffsetTimeDigitized))
            ?? MakernoteCaptureTime(view)
            ?? xmp?.DateTimeOriginal
            ?? xmp?.CreateDate
            ?? xmp?.DateCreated
            ?? IptcTime(view, IptcDirectory.TagDateCreated, IptcDirectory.TagTimeCreated)
            ?? IptcTime(view, IptcDirectory.TagDigitalDateCreated, IptcDirectory.TagDigitalTimeCreated)
            ?? AviOriginal(view);
        if (local is not null)
            return (local, false);
        var universal = probe?.UtcCreation ?? QuickTimeCreated(view) ?? GpsTime(view);
        if (universal is not null)
            return (universal, true);
        return (xmp?.DayCreated ?? IptcDay(view), false);
    }

    /// <summary>The GPS receiver's date and time stamp (UTC).</summary>
    public static DateTime? GpsStamp(MetadataView view) =>
        view.Gps is { } gps && gps.TryGetGpsDate(out var utc) ? DateTime.SpecifyKind(utc, DateTimeKind.Utc) : null;

    private static CaptureTime? IptcTime(MetadataView view, int dateTag, int timeTag) =>
        ExifDateParser.ParseDateAndTime(TagValues.Text(view.Iptc, dateTag), TagValues.Text(view.Iptc, timeTag));

    private static CaptureTime? IptcDay(MetadataView view) =>
        ExifDateParser.ParseDay(TagValues.Text(view.Iptc, IptcDirectory.TagDateCreated));

    private static CaptureTime? MakernoteCaptureTime(MetadataView view)
    {
        // Trail cameras (Reconyx) keep the capture time only in their makernote.
        foreach (var directory in view.Directories)
        {
            var tag = directory switch
            {
                ReconyxHyperFireMakernoteDirectory => ReconyxHyperFireMakernoteDirectory.TagDateTimeOriginal,
                ReconyxHyperFire2MakernoteDirectory => ReconyxHyperFire2MakernoteDirectory.TagDateTimeOriginal,
                ReconyxUltraFireMakernoteDirectory => ReconyxUltraFireMakernoteDirectory.TagDateTimeOriginal,
                _ => -1,
            };
            if (tag >= 0 && directory.GetObject(tag) is DateTime taken && taken.Year > 1970)
                return new CaptureTime(taken);
        }
        return null;
    }

    private static CaptureTime? AviOriginal(MetadataView view) =>
        ExifDateParser.Parse(TagValues.Text(view.First<AviDirectory>(), AviDirectory.TagDateTimeOriginal), null, null);

    private static CaptureTime? QuickTimeCreated(MetadataView view)
    {
        // QuickTime stores UTC; a zero (1904-01-01) creation time means "not set".
        var header = view.First<QuickTimeMovieHeaderDirectory>();
        if (header is null || !header.TryGetDateTime(QuickTimeMovieHeaderDirectory.TagCreated, out var created) || created.Year <= 1904)
            return null;
        return new CaptureTime(created, null, TimeSpan.Zero);
    }

    private static CaptureTime? GpsTime(MetadataView view) =>
        GpsStamp(view) is { } utc ? new CaptureTime(utc, null, TimeSpan.Zero) : null;
}
