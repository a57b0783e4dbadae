using MetadataExtractor;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Xmp;

/// <summary>An XMP packet read by <see cref="XmpStreamReader"/>, in MetadataExtractor's list of a file's directories.</summary>
public sealed class XmpPropertiesDirectory : Directory
{
    public XmpPropertiesDirectory(XmpProperties properties)
    {
        Properties = properties;
        SetDescriptor(new TagDescriptor<XmpPropertiesDirectory>(this));
    }

    public XmpProperties Properties { get; }

    public override string Name => "XMP";

    protected override bool TryGetTagName(int tagType, out string tagName)
    {
        tagName = "";
        return false;
    }
}
