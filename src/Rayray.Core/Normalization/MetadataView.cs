using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Iptc;
using Rayray.Core.Extraction;
using Rayray.Core.Extraction.Xmp;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Normalization;

/// <summary>The directories of one file, with the usual ones at hand.</summary>
internal sealed class MetadataView
{
    public MetadataView(IReadOnlyList<Directory> directories)
    {
        Directories = directories;
        Ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        SubIfd = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        Gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        Iptc = directories.OfType<IptcDirectory>().FirstOrDefault();
        Xmp = directories.Select(XmpPackets.PropertiesOf).FirstOrDefault(properties => properties is not null);
        _ifd0s = directories.OfType<ExifIfd0Directory>().ToArray();
        _subIfds = directories.OfType<ExifSubIfdDirectory>().ToArray();
        _mapped = directories.OfType<CameraExifDirectory>().ToArray();
    }

    private readonly Directory[] _ifd0s;
    private readonly Directory[] _subIfds;
    private readonly Directory[] _mapped;

    /// <summary>
    /// The directory holding an EXIF tag. Writers put tags in the wrong IFD (exiftool reads them
    /// wherever they are, so rayray does too): TIFF baseline tags are looked for in IFD0 first,
    /// EXIF tags in the Exif IFD first, then non-EXIF camera blocks mapped onto the same numbers (<see cref="CameraExifDirectory"/>).
    /// </summary>
    public Directory? ExifHolder(int tag)
    {
        var (first, second) = tag < 0x8000 ? (_ifd0s, _subIfds) : (_subIfds, _ifd0s);
        return first.FirstOrDefault(d => d.ContainsTag(tag))
               ?? second.FirstOrDefault(d => d.ContainsTag(tag))
               ?? _mapped.FirstOrDefault(d => d.ContainsTag(tag));
    }

    public string? ExifText(int tag) => TagValues.Text(ExifHolder(tag), tag);

    public double? ExifNumber(int tag) => TagValues.Number(ExifHolder(tag), tag);

    public int? ExifInteger(int tag) => TagValues.Integer(ExifHolder(tag), tag);

    public IReadOnlyList<Directory> Directories { get; }
    public ExifIfd0Directory? Ifd0 { get; }
    public ExifSubIfdDirectory? SubIfd { get; }
    public GpsDirectory? Gps { get; }
    public IptcDirectory? Iptc { get; }
    public XmpProperties? Xmp { get; }

    public T? First<T>() where T : Directory => Directories.OfType<T>().FirstOrDefault();
}
