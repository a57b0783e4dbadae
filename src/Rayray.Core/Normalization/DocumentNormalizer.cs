using System.Text.Json.Nodes;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using Rayray.Core.Documents;
using Rayray.Core.Extraction;

namespace Rayray.Core.Normalization;

/// <summary>Turns what the extractor read into one <see cref="MediaDocument"/> of the schema.</summary>
public static class DocumentNormalizer
{
    public static MediaDocument Normalize(ExtractedFile file, DateTime nowUtc)
    {
        var source = file.Source;
        var errors = new List<string>();
        if (file.InvalidReason is not null)
            errors.Add(file.InvalidReason);
        errors.AddRange(file.Notes);

        var view = new MetadataView(file.Directories);
        var xmp = view.Xmp is { } meta ? XmpFacts.Read(meta) : null;
        var (point, altitude) = GpsReader.Read(view, xmp, errors);

        var location = new FileLocation
        {
            Path = source.Path,
            Size = source.Stat.Size,
            Modified = source.Stat.ModifiedUtc,
            Changed = source.Stat.ChangedUtc,
            Inode = source.Stat.Inode,
            Device = source.Stat.Device,
            Seen = nowUtc,
        };

        var ext = Formats.MediaFormats.ExtensionOf(source.Path).ToLowerInvariant();
        return new MediaDocument
        {
            Id = DocumentIdFor(file.Hash),
            File = new FileFacts
            {
                Hash = file.Hash,
                Size = file.ContentRead ? file.Size : source.Stat.Size,
                MimeType = file.Format.MimeType,
                Name = source.Name,
                Ext = ext,
                Path = source.Path,
            },
            Locations = [location],
            Kind = file.Format.Kind,
            Dimensions = DimensionsReader.Read(view, file.Format, xmp?.Orientation),
            Camera = CameraReader.Read(view, xmp),
            Location = point,
            Altitude = altitude,
            Timestamps = new Timestamps
            {
                Taken = CaptureTimeResolver.Resolve(view, xmp),
                Modified = source.Stat.ModifiedUtc,
                Ingested = nowUtc,
            },
            Author = DescriptiveReader.Author(view, xmp),
            Description = DescriptiveReader.Description(view, xmp),
            Tags = DescriptiveReader.Tags(view, xmp),
            Technical = ImageTechnical(view),
            Status = file.InvalidReason is null ? DocumentStatus.Indexed : DocumentStatus.Invalid,
            Errors = errors,
            MetadataRaw = file.Directories.Count > 0 ? RawMetadataBuilder.Build(file.Directories) : new JsonObject(),
        };
    }

    /// <summary>The id for a content hash or an unreadable-file placeholder.</summary>
    public static string DocumentIdFor(string hash) =>
        UnreadableHash.IsPlaceholder(hash) ? hash.Substring(UnreadableHash.Prefix.Length, 24) : DocumentId.FromHash(hash);

    private static TechnicalInfo? ImageTechnical(MetadataView view)
    {
        // The ICC profile names the colour space best ("Display P3"); EXIF only says sRGB or "uncalibrated".
        var icc = view.First<IccDirectory>();
        var colorSpace = TagValues.Clean(icc?.GetDescription(IccDirectory.TagTagDesc))
                         ?? (TagValues.Integer(view.SubIfd, ExifTags.ColorSpace) == 1 ? "sRGB" : null);
        return colorSpace is null ? null : new TechnicalInfo { ColorSpace = colorSpace };
    }
}
