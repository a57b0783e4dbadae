using System.Globalization;
using System.Text.RegularExpressions;

namespace Rayray.Core.Normalization;

/// <summary>
/// Parses ISO 6709 point strings as phones and cameras write them in video metadata
/// (<c>+37.7749-122.4194+012.500/</c>): latitude and longitude in degrees, degrees and minutes
/// (<c>±DDMM.MM±DDDMM.MM</c>) or degrees, minutes and seconds, then an optional altitude, an
/// optional CRS, and a closing slash.
/// </summary>
internal static partial class Iso6709
{
    [GeneratedRegex(@"^\s*(?<lat>[+-]\d+(?:\.\d+)?)(?<lon>[+-]\d+(?:\.\d+)?)(?<alt>[+-]\d+(?:\.\d+)?)?(?:CRS[^/]*)?/?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Point();

    public static (double Latitude, double Longitude, double? Altitude)? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var match = Point().Match(text);
        if (!match.Success)
            return null;
        var latitude = Angle(match.Groups["lat"].Value, degreeDigits: 2);
        var longitude = Angle(match.Groups["lon"].Value, degreeDigits: 3);
        if (latitude is null || longitude is null)
            return null;
        double? altitude = match.Groups["alt"].Success ? double.Parse(match.Groups["alt"].Value, CultureInfo.InvariantCulture) : null;
        return (latitude.Value, longitude.Value, altitude);
    }

    private static double? Angle(string signed, int degreeDigits)
    {
        var negative = signed[0] == '-';
        var body = signed[1..];
        var dot = body.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? body : body[..dot];
        var fraction = dot < 0 ? "" : body[dot..];
        double value;
        // The number of integer digits says whether it is D, DM or DMS.
        if (whole.Length <= degreeDigits)
        {
            value = double.Parse(whole + fraction, CultureInfo.InvariantCulture);
        }
        else if (whole.Length == degreeDigits + 2)
        {
            var minutes = double.Parse(whole[degreeDigits..] + fraction, CultureInfo.InvariantCulture);
            value = int.Parse(whole[..degreeDigits], CultureInfo.InvariantCulture) + (minutes / 60);
        }
        else if (whole.Length == degreeDigits + 4)
        {
            var seconds = double.Parse(whole[(degreeDigits + 2)..] + fraction, CultureInfo.InvariantCulture);
            value = int.Parse(whole[..degreeDigits], CultureInfo.InvariantCulture)
                    + (int.Parse(whole.AsSpan(degreeDigits, 2), CultureInfo.InvariantCulture) / 60.0)
                    + (seconds / 3600);
        }
        else
        {
            return null;
        }
        return negative ? -value : value;
    }
}
