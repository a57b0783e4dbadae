using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.IsoMedia.MakerBoxes;

/// <summary>
/// The camera makers' boxes of a movie — who shot it and how: make, model, exposure, aperture, ISO, focal length, the
/// recording time — gathered while <see cref="MovieBoxes"/> walks the movie, each maker's facts as a
/// <see cref="CameraExifDirectory"/> (EXIF tag numbers), so they reach the document like a photo's EXIF whether
/// rayray's movie reader or ffprobe describes the streams. Box payloads arrive whole and bounded by the walk.
/// </summary>
internal sealed class CameraBoxes
{
    private readonly List<CameraExifDirectory> _directories = [];

    /// <summary>The makers' directories that hold something.</summary>
    public IReadOnlyList<Directory> Directories => [.. _directories.Where(d => d.TagCount > 0)];

    /// <summary>A child of the movie's 'udta'.</summary>
    public void ReadUserData(string type, ReadOnlySpan<byte> payload)
    {
        switch (type)
        {
            case "TAGS":
                Add(BinaryTagBoxes.ReadTags(payload));
                break;
            case "PENT":
                Add(BinaryTagBoxes.ReadPent(payload));
                break;
            case "NCDT":
                Add(NikonTagBox.Read(payload));
                break;
            case "PANA" or "LEIC":
                Add(PanasonicBox.Read(payload));
                break;
            case "CNMN" or "CNFV" or "CNCV" or "CNTH":
                CanonBoxes.ReadUserData(type, payload, Named("Canon"));
                break;
            case "FIRM" or "LENS" or "CAME" or "GPMF":
                GoProBoxes.ReadUserData(type, payload, Named("GoPro"));
                break;
        }
    }

    /// <summary>A 'uuid' child of the movie box (Canon keeps its EXIF there).</summary>
    public void ReadMovieUuid(ReadOnlySpan<byte> payload) => CanonBoxes.ReadUuid(payload, () => Named("Canon"));

    /// <summary>An 'xml ' box of a 'meta' box (Sony's NonRealTimeMeta).</summary>
    public void ReadXml(ReadOnlySpan<byte> payload) => Add(SonyRealTimeMeta.Read(payload));

    private void Add(CameraExifDirectory? directory)
    {
        if (directory is not null)
            _directories.Add(directory);
    }

    private CameraExifDirectory Named(string name)
    {
        var directory = _directories.Find(d => d.Name == name);
        if (directory is null)
            _directories.Add(directory = new CameraExifDirectory(name));
        return directory;
    }
}
