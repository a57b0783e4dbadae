using System.CommandLine;
using Rayray.Core.Common;
using Rayray.Core.Geotagging;
using Serilog;

namespace Rayray.Cli.Commands;

/// <summary><c>scan --geotag FILE</c>, <c>--geotag-max-gap</c> and <c>--geotag-offset</c>: place photos without a position on a track log.</summary>
internal sealed class GeotagCommandLine
{
    private readonly Option<string[]> _geotag = new("--geotag")
    {
        Description = "Place photos without a position of their own on this GPX, KML or NMEA track log, at their UTC capture time (a folder: every track log in it); repeatable",
        HelpName = "FILE",
    };

    private readonly Option<string?> _maxGap = new("--geotag-max-gap")
    {
        Description = "How far (in time) from the nearest fix of the track a photo still gets a position, e.g. 90s, 5m, 1h (default 5m)",
        HelpName = "DURATION",
    };

    private readonly Option<string?> _offset = new("--geotag-offset")
    {
        Description = "The UTC offset of capture times that record none, e.g. +02:00 (default: the offset of the time zone where the track was)",
        HelpName = "±HH:MM",
    };

    public GeotagCommandLine()
    {
        _maxGap.Validators.Add(r => OptionChecks.DurationOrNothing(r, r.GetValueOrDefault<string?>(), "--geotag-max-gap"));
        _offset.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } offset && !Core.Documents.CaptureTime.TryParseOffset(offset, out _))
                r.AddError($"--geotag-offset takes a UTC offset such as +02:00, -05:00 or Z, not '{offset}'.");
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_geotag);
        command.Options.Add(_maxGap);
        command.Options.Add(_offset);
    }

    /// <summary>
    /// The track logs, read before the scan starts (and before the database is opened): one that cannot be
    /// used is a usage error naming the file, not a scan that quietly places nothing. Null without --geotag.
    /// </summary>
    public GeotagOptions? Load(ParseResult result, ILogger log)
    {
        var paths = result.GetValue(_geotag) ?? [];
        var maxGap = result.GetValue(_maxGap);
        var offset = result.GetValue(_offset);
        if (paths.Length == 0)
        {
            if (maxGap is not null || offset is not null)
                throw new UsageException($"{(maxGap is not null ? "--geotag-max-gap" : "--geotag-offset")} needs --geotag FILE");
            return null;
        }

        TrackLog track;
        try
        {
            track = TrackLog.Load(paths);
        }
        catch (TrackLogException e)
        {
            throw new UsageException($"--geotag: {e.Message}");
        }
        foreach (var file in track.Files.Where(f => f.Skipped > 0))
            log.Warning("{File:l}: {Skipped} NMEA sentences skipped for a bad checksum or unreadable fields", file.Path, file.Skipped);
        log.Information("Geotagging from {Points} track points in {Files} files, {Start:u} to {End:u}",
            track.Points.Count, track.Files.Count(f => f.Points > 0), track.Start, track.End);
        return new GeotagOptions(
            track,
            maxGap is not null && DurationText.TryParse(maxGap, out var gap) ? gap : TrackLog.DefaultMaxGap,
            offset is not null && Core.Documents.CaptureTime.TryParseOffset(offset, out var parsed) ? parsed : null);
    }
}
