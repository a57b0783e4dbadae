using System.Text.Json.Nodes;
using MetadataExtractor.Formats.Exif.Makernotes;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Wav;
using Rayray.Core.Documents;
using Rayray.Core.Extraction;

namespace Rayray.Core.Normalization;

/// <summary>
/// Turns what the extractor read into one <see cref="MediaDocument"/> of the schema, merging the
/// sources: the XMP sidecar (the user's edits) over the embedded XMP, EXIF and IPTC over nothing,
/// the video and audio facts (rayray's movie reader or ffprobe) over what the container headers said,
/// the people Picasa tagged (its folder ini) after the XMP's, and a Google Takeout JSON under everything: it only
/// fills what the file itself lacks.
/// </summary>
public static class DocumentNormalizer
{
    public static MediaDocument Normalize(ExtractedFile file, DateTime nowUtc, NormalizationContext? context = null)
    {
        var source = file.Source;
        var errors = new List<string>();
        if (file.InvalidReason is not null)
            errors.Add(file.InvalidReason);
        errors.AddRange(file.Notes);

        var view = new MetadataView(file.Directories);
        var sidecar = file.Sidecar is { } sidecarXmp ? XmpFacts.Read(sidecarXmp) : null;
        var xmp = XmpFacts.Merge(sidecar, view.Xmp is { } meta ? XmpFacts.Read(meta) : null);
        var audioVideo = file.AudioVideo;
        var takeout = file.Takeout is { } takeoutJson ? TakeoutFacts.Read(takeoutJson) : null;
        var where = WhereAndWhen.Resolve(view, xmp, sidecar, audioVideo, errors, context ?? NormalizationContext.Default, takeout);

        // The file as it was when read, which is what the hash describes (the walk saw it a moment earlier).
        var stat = file.ReadStat ?? source.Stat;
        var location = new FileLocation
        {
            Path = source.Path,
            Size = stat.Size,
            Modified = stat.ModifiedUtc,
            Changed = stat.ChangedUtc,
            Inode = stat.Inode,
            Device = stat.Device,
            Seen = nowUtc,
            Sidecar = file.Sidecar is null ? null : source.Sidecar,
            TakeoutSidecar = file.Takeout is null ? null : source.TakeoutSidecar,
            PicasaIni = file.Picasa is null ? null : source.PicasaIni,
            ETag = file.Web?.ETag,
            LastModified = file.Web?.LastModified,
        };

        var ext = Formats.MediaFormats.ExtensionOf(source.Name).ToLowerInvariant();
        var description = DescriptiveReader.Description(view, xmp) ?? audioVideo?.Title ?? audioVideo?.Comment ?? takeout?.Description;
        var author = DescriptiveReader.Author(view, xmp) ?? (audioVideo is { Artist: not null } or { Copyright: not null }
            ? new AuthorInfo { Name = audioVideo.Artist, Copyright = audioVideo.Copyright }
            : null);
        var tags = DescriptiveReader.Tags(view, xmp);
        tags.AddRange((audioVideo?.Tags ?? []).Where(t => !tags.Contains(t, StringComparer.OrdinalIgnoreCase)));

        return new MediaDocument
        {
            Id = DocumentIdFor(file.Hash),
            File = new FileFacts
            {
                Hash = file.Hash,
                Size = file.ContentRead ? file.Size : stat.Size,
                MimeType = file.Format.MimeType,
                Name = source.Name,
                Ext = ext,
                Path = source.Path,
            },
            Locations = [location],
            Kind = file.Format.Kind,
            Dimensions = Dimensions(view, file, xmp, audioVideo),
            Camera = Camera(CameraReader.Read(view, xmp), audioVideo),
            Location = where.Point,
            Altitude = where.Altitude,
            LocationSource = where.Source,
            Place = where.Place,
            Timestamps = new Timestamps
            {
                Taken = where.Taken,
                TakenUtc = where.Clock.Utc,
                Offset = where.Clock.OffsetText,
                OffsetSource = where.Clock.Source,
                Gps = where.GpsUtc,
                Modified = stat.ModifiedUtc,
                Ingested = nowUtc,
            },
            Author = author,
            Description = description,
            Tags = tags,
            People = XmpFacts.Union(XmpFacts.Union(xmp?.People ?? [], file.Picasa?.People ?? []), takeout?.People ?? []),
            Rating = xmp?.Rating,
            Label = xmp?.Label,
            Technical = audioVideo?.Technical ?? WavTechnical(view) ?? ImageTechnical(view),
            MotionPhoto = file.Format.Kind == MediaKind.Image && file.ContentRead ? MotionPhotoReader.Read(view, file.Size) : null,
            PerceptualHash = file.PerceptualHash is { } perceptual ? PerceptualHash.Format(perceptual.Hash) : null,
            PerceptualHashSource = file.PerceptualHash?.Source,
            ContentIdentifier = TagValues.Text(view.First<AppleMakernoteDirectory>(), AppleMakernoteDirectory.TagContentIdentifier) ?? audioVideo?.ContentIdentifier,
            BurstId = file.Format.Kind == MediaKind.Image ? BurstReader.Read(view) : null,
            Status = file.InvalidReason is null ? DocumentStatus.Indexed : DocumentStatus.Invalid,
            Errors = errors,
            MetadataRaw = RawMetadata(file),
        };
    }

    /// <summary>The id for a content hash or an unreadable-file placeholder.</summary>
    public static string DocumentIdFor(string hash) =>
        UnreadableHash.IsPlaceholder(hash) ? hash.Substring(UnreadableHash.Prefix.Length, 24) : DocumentId.FromHash(hash);

    private static Dimensions? Dimensions(MetadataView view, ExtractedFile file, XmpFacts? xmp, AudioVideoFacts? audioVideo)
    {
        var headers = DimensionsReader.Read(view, file.Format, xmp?.Orientation);
        var merged = audioVideo?.Dimensions is not { } probed
            ? headers
            : probed with
            {
                Width = probed.Width ?? headers?.Width,
                Height = probed.Height ?? headers?.Height,
                Orientation = headers?.Orientation,
                Rotation = probed.Rotation ?? headers?.Rotation,
            };
        if (merged is not { Width: { } width, Height: { } height })
            return merged;
        // The shape as displayed: orientations 5 to 8 turn the picture a quarter.
        var turned = merged.Orientation is >= 5 and <= 8;
        return merged with
        {
            AspectRatio = turned ? AspectRatio.Of(height, width) : AspectRatio.Of(width, height),
            Megapixels = AspectRatio.Megapixels(width, height),
        };
    }

    private static CameraInfo? Camera(CameraInfo? fromTags, AudioVideoFacts? audioVideo)
    {
        if (audioVideo is null || (audioVideo.Make is null && audioVideo.Model is null && audioVideo.Software is null))
            return fromTags;
        var camera = fromTags ?? new CameraInfo();
        return camera with
        {
            Make = camera.Make ?? audioVideo.Make,
            Model = camera.Model ?? audioVideo.Model,
            Software = camera.Software ?? audioVideo.Software,
        };
    }

    private static TechnicalInfo? WavTechnical(MetadataView view)
    {
        var wav = view.First<WavFormatDirectory>();
        if (wav is null)
            return null;
        return new TechnicalInfo
        {
            AudioCodec = TagValues.Integer(wav, WavFormatDirectory.TagFormat) == 1 ? "pcm" : null,
            SampleRate = TagValues.Integer(wav, WavFormatDirectory.TagSamplesPerSec),
            Channels = TagValues.Integer(wav, WavFormatDirectory.TagChannels),
            BitDepth = TagValues.Integer(wav, WavFormatDirectory.TagBitsPerSample),
        };
    }

    private static TechnicalInfo? ImageTechnical(MetadataView view)
    {
        // The ICC profile names the colour space best ("Display P3"); EXIF only says sRGB or "uncalibrated".
        var icc = view.First<IccDirectory>();
        var colorSpace = TagValues.Clean(icc?.GetDescription(IccDirectory.TagTagDesc))
                         ?? (view.ExifInteger(ExifTags.ColorSpace) == 1 ? "sRGB" : null);
        return colorSpace is null ? null : new TechnicalInfo { ColorSpace = colorSpace };
    }

    private static RawJson RawMetadata(ExtractedFile file) =>
        file.Directories.Count == 0 && file.Sidecar is null && file.Probe is null && file.IsoMedia is null && file.Takeout is not { Count: > 0 } && file.Picasa is null
            ? RawJson.Empty
            : RawMetadataBuilder.Build(file.Directories, file.Sidecar, file.Probe, file.IsoMedia, file.Takeout, file.Picasa?.Section);
}
