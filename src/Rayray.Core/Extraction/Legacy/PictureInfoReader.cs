using System.Globalization;
using System.Text;
using MetadataExtractor.Formats.Jpeg;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Legacy;

/// <summary>
/// Olympus/Agfa "[picture info]" text in APP12 (cameras of the late 1990s): key=value lines with
/// the capture time (TimeDate, Unix seconds), shutter (Shutter, microseconds) and aperture (FNumber "F2.8").
/// </summary>
public sealed class PictureInfoReader : IJpegSegmentMetadataReader
{
    public ICollection<JpegSegmentType> SegmentTypes { get; } = [JpegSegmentType.AppC];

    public IReadOnlyList<Directory> ReadJpegSegments(IEnumerable<JpegSegment> segments)
    {
        var directories = new List<Directory>();
        foreach (var segment in segments)
        {
            var text = Encoding.Latin1.GetString(segment.Bytes);
            if (!text.Contains("[picture info]", StringComparison.OrdinalIgnoreCase))
                continue;
            var directory = new CameraExifDirectory("PictureInfo");
            foreach (var line in text.Split(['\r', '\n', '\0'], StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                    continue;
                var key = line[..equals].Trim();
                var value = line[(equals + 1)..].Trim();
                switch (key.ToLowerInvariant())
                {
                    case "timedate" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds):
                        directory.SetUnixWallClock(CameraExifDirectory.DateTimeOriginal, seconds);
                        break;
                    case "shutter" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var microseconds) && microseconds > 0:
                        directory.Set(CameraExifDirectory.ExposureTime, microseconds / 1e6);
                        break;
                    case "fnumber" when double.TryParse(value.TrimStart('F', 'f'), NumberStyles.Float, CultureInfo.InvariantCulture, out var fNumber) && fNumber > 0:
                        directory.Set(CameraExifDirectory.FNumber, fNumber);
                        break;
                }
            }
            if (directory.TagCount > 0)
                directories.Add(directory);
        }
        return directories;
    }
}
