using System.Globalization;
using System.Text;

namespace Rayray.Core.Geotagging;

/// <summary>
/// NMEA 0183 logs: RMC sentences give the date, time and position of each fix, a GGA sentence for the same
/// second adds the altitude (GGA alone has no date, so it cannot place a fix in time). Any talker is read
/// (GP, GN, GL…). A sentence whose checksum is wrong or missing, or whose fields do not parse, is skipped
/// and counted; a void fix (RMC status V, GGA quality 0) is no position and is ignored. Text before the
/// <c>$</c> on a line (a logger's own time stamp) is ignored. Written by hand because no library the package
/// mirror serves reads NMEA.
/// </summary>
internal static class NmeaTrackReader
{
    public static (List<TrackPoint> Points, int Skipped) Read(string path)
    {
        var points = new List<TrackPoint>();
        var skipped = 0;
        (TimeSpan TimeOfDay, double Altitude)? lastGga = null;
        using var reader = new StreamReader(path, Encoding.Latin1);
        while (reader.ReadLine() is { } line)
        {
            var start = line.IndexOf('$', StringComparison.Ordinal);
            if (start < 0)
                continue;
            var sentence = line.AsSpan(start).TrimEnd();
            if (sentence.Length < 7 || sentence[6] != ',' || sentence[3..6] is not ("RMC" or "GGA"))
                continue;
            if (!ChecksumHolds(sentence, out var body))
            {
                skipped++;
                continue;
            }
            var fields = body.ToString().Split(',');
            if (sentence[3..6] is "RMC")
            {
                if (!TryRmc(fields, out var fix))
                {
                    skipped++;
                }
                else if (fix is { } point)
                {
                    if (lastGga is { } gga && gga.TimeOfDay == point.Utc.TimeOfDay)
                        point = point with { Altitude = gga.Altitude };
                    points.Add(point);
                }
            }
            else if (!TryGga(fields, out var altitudeAt))
            {
                skipped++;
            }
            else if (altitudeAt is { } gga)
            {
                lastGga = gga;
                if (points.Count > 0 && points[^1].Utc.TimeOfDay == gga.TimeOfDay)
                    points[^1] = points[^1] with { Altitude = gga.Altitude };
            }
        }
        return (points, skipped);
    }

    /// <summary>The XOR of the characters between <c>$</c> and <c>*</c>, against the two hex digits after it.</summary>
    internal static bool ChecksumHolds(ReadOnlySpan<char> sentence, out ReadOnlySpan<char> body)
    {
        body = default;
        var star = sentence.LastIndexOf('*');
        if (star < 0 || sentence.Length != star + 3
            || !byte.TryParse(sentence[(star + 1)..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var expected))
            return false;
        body = sentence[1..star];
        byte sum = 0;
        foreach (var c in body)
            sum ^= (byte)c;
        return sum == expected;
    }

    /// <summary>False when a field does not parse; a null fix for a void one.</summary>
    private static bool TryRmc(string[] fields, out TrackPoint? fix)
    {
        fix = null;
        if (fields.Length < 10)
            return false;
        if (fields[2] == "V")
            return true;
        if (fields[2] != "A"
            || Time(fields[1]) is not { } time
            || Date(fields[9]) is not { } date
            || Coordinate(fields[3], fields[4], 2, 'N', 'S', 90) is not { } latitude
            || Coordinate(fields[5], fields[6], 3, 'E', 'W', 180) is not { } longitude)
            return false;
        fix = new TrackPoint(DateTime.SpecifyKind(date + time, DateTimeKind.Utc), latitude, longitude);
        return true;
    }

    /// <summary>False when a field does not parse; null for no fix or no altitude.</summary>
    private static bool TryGga(string[] fields, out (TimeSpan TimeOfDay, double Altitude)? altitudeAt)
    {
        altitudeAt = null;
        if (fields.Length < 11)
            return false;
        if (fields[6] is "" or "0" || fields[9].Length == 0)
            return true;
        if (Time(fields[1]) is not { } time
            || !double.TryParse(fields[9], NumberStyles.Float, CultureInfo.InvariantCulture, out var altitude) || !double.IsFinite(altitude))
            return false;
        altitudeAt = (time, altitude);
        return true;
    }

    /// <summary><c>hhmmss</c> or <c>hhmmss.sss</c>.</summary>
    private static TimeSpan? Time(string text)
    {
        if (text.Length < 6 || text.AsSpan(0, 6).ContainsAnyExceptInRange('0', '9'))
            return null;
        var hours = int.Parse(text.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(text.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var seconds = int.Parse(text.AsSpan(4, 2), CultureInfo.InvariantCulture);
        var fraction = double.TryParse("0" + text[6..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var f) ? f : -1;
        if (hours > 23 || minutes > 59 || seconds > 59 || fraction is < 0 or >= 1)
            return null;
        return new TimeSpan(hours, minutes, seconds) + TimeSpan.FromTicks((long)Math.Round(fraction * TimeSpan.TicksPerSecond));
    }

    /// <summary><c>ddmmyy</c>; a two-digit year from 80 on is 19yy (GPS began in 1980).</summary>
    private static DateTime? Date(string text)
    {
        if (text.Length != 6 || text.AsSpan().ContainsAnyExceptInRange('0', '9'))
            return null;
        var day = int.Parse(text.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var month = int.Parse(text.AsSpan(2, 2), CultureInfo.InvariantCulture);
        var year = int.Parse(text.AsSpan(4, 2), CultureInfo.InvariantCulture);
        year += year >= 80 ? 1900 : 2000;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return null;
        return new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc);
    }

    /// <summary><c>ddmm.mmmm</c> (or <c>dddmm.mmmm</c>) and its hemisphere letter, as signed degrees.</summary>
    private static double? Coordinate(string value, string hemisphere, int degreeDigits, char positive, char negative, double limit)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var minutesStart = (dot < 0 ? value.Length : dot) - 2;
        if (minutesStart < 1 || minutesStart > degreeDigits || hemisphere.Length != 1
            || !int.TryParse(value.AsSpan(0, minutesStart), NumberStyles.None, CultureInfo.InvariantCulture, out var degrees)
            || !double.TryParse(value.AsSpan(minutesStart), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var minutes)
            || minutes >= 60)
            return null;
        var result = degrees + (minutes / 60);
        if (result > limit)
            return null;
        return hemisphere[0] == positive ? result : hemisphere[0] == negative ? -result : null;
    }
}
