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

    /// <summary>The properties of any XMP directory; null for one that holds none (a packet XmpCore could not parse).</summary>
    public static XmpProperties? PropertiesOf(Directory directory) => directory switch
    {
        XmpPropertiesDirectory streamed => streamed.Properties,
        XmpDirectory { XmpMeta: not null } parsed => XmpProperties.From(parsed),
        _ => null,
    };
}
