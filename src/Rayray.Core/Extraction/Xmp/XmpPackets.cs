using MetadataExtractor.Formats.Xmp;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Xmp;

/// <summary>One XMP packet to a directory: streamed when it can be (<see cref="XmpStreamReader"/>), else parsed by XmpCore through MetadataExtractor.</summary>
public static class XmpPackets
{
    private static readonly XmpReader XmpCoreReader = new();

    public static Directory Read(byte[] bytes, int offset, int length) =>
        XmpStreamReader.Read(bytes.AsMemory(offset, length)) is { } properties
            ? new XmpPropertiesDirectory(properties)
            : XmpCoreReader.Extract(bytes, offset, length);

    /// <summary>
    /// The directories with each packet XmpCore parsed (the formats whose XMP MetadataExtractor reads
    /// itself: TIFF, PNG, HEIF, WebP…) turned into its property list once, so the schema and
    /// metadataRaw do not each walk XmpCore's tree. Its errors go along.
    /// </summary>
    public static IReadOnlyList<Directory> AsProperties(IReadOnlyList<Directory> directories)
    {
        if (!directories.Any(d => d is XmpDirectory { XmpMeta: not null }))
            return directories;
        return [.. directories.Select(directory =>
        {
            if (directory is not XmpDirectory { XmpMeta: not null } parsed)
                return directory;
            var streamed = new XmpPropertiesDirectory(XmpProperties.From(parsed));
            foreach (var error in parsed.Errors)
                streamed.AddError(error);
            return streamed;
        })];
    }

    /// <summary>The properties of any XMP directory; null for one that holds none (a packet XmpCore could not parse).</summary>
    public static XmpProperties? PropertiesOf(Directory directory) => directory switch
    {
        XmpPropertiesDirectory streamed => streamed.Properties,
        XmpDirectory { XmpMeta: not null } parsed => XmpProperties.From(parsed),
        _ => null,
    };
}
