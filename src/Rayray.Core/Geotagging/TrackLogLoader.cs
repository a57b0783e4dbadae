namespace Rayray.Core.Geotagging;

/// <summary>
/// Reads the files and folders given to <c>--geotag</c>. A file named explicitly must be a track log with
/// timed points. A folder contributes its .gpx, .kml and .nmea files and the .log and .txt files that
/// hold NMEA sentences (not its subfolders); there a file without timed points is passed over, but a
/// malformed one is still an error.
/// </summary>
internal static class TrackLogLoader
{
    public static (List<TrackPoint> Points, List<TrackFile> Files) Read(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
            throw new TrackLogException("no track log given");
        var points = new List<TrackPoint>();
        var files = new List<TrackFile>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                ReadFolder(path, points, files);
            else if (File.Exists(path))
                ReadFile(path, TrackFormatSniffer.Detect(path) ?? throw new TrackLogException(path, "not a GPX, KML or NMEA track log"), inFolder: false, points, files);
            else
                throw new TrackLogException(path, "no such file or folder");
        }
        return (points, files);
    }

    private static void ReadFolder(string folder, List<TrackPoint> points, List<TrackFile> files)
    {
        var found = Guard(folder, () => Directory.EnumerateFiles(folder)
            .Where(f => TrackFormatSniffer.FolderExtensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Order(StringComparer.Ordinal)
            .ToList());
        var before = points.Count;
        foreach (var file in found)
        {
            if (TrackFormatSniffer.ByExtension(file) is not null)
                ReadFile(file, Guard(file, () => TrackFormatSniffer.Detect(file)) ?? throw new TrackLogException(file, "not a GPX, KML or NMEA track log"), inFolder: true, points, files);
            else if (Guard(file, () => TrackFormatSniffer.LooksLikeNmea(file)))
                ReadFile(file, TrackFormat.Nmea, inFolder: true, points, files);
        }
        if (points.Count == before)
            throw new TrackLogException(folder, "no track log with timed points in this folder (.gpx, .kml, .nmea, or NMEA sentences in .log and .txt)");
    }

    private static void ReadFile(string path, TrackFormat format, bool inFolder, List<TrackPoint> points, List<TrackFile> files)
    {
        var (read, skipped) = Guard(path, () => format switch
        {
            TrackFormat.Gpx => (GpxTrackReader.Read(path), 0),
            TrackFormat.Kml => (KmlTrackReader.Read(path), 0),
            _ => NmeaTrackReader.Read(path),
        });
        if (read.Count == 0 && !inFolder)
        {
            var hint = format switch
            {
                TrackFormat.Nmea when skipped > 0 => $" ({skipped} RMC or GGA sentences skipped for a bad checksum or unreadable fields)",
                TrackFormat.Nmea => " (the date and time of a fix come from RMC sentences)",
                TrackFormat.Gpx => " (track and route points with <time>)",
                _ => " (gx:Track, or Placemarks with a TimeStamp and a Point)",
            };
            throw new TrackLogException(path, "no track points with a time" + hint);
        }
        points.AddRange(read);
        files.Add(new TrackFile(path, format, read.Count, skipped));
    }

    private static T Guard<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TrackLogException(path, e.Message, null, e);
        }
    }
}
