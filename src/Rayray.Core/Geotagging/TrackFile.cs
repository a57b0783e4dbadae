namespace Rayray.Core.Geotagging;

/// <summary>What one file contributed to a <see cref="TrackLog"/>.</summary>
/// <param name="Points">Points with a time read from the file (before duplicates across files are removed).</param>
/// <param name="Skipped">NMEA sentences skipped for a bad checksum or unreadable fields (0 for GPX and KML).</param>
public sealed record TrackFile(string Path, TrackFormat Format, int Points, int Skipped);
