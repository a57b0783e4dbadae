using MetadataExtractor.Formats.Exif.Makernotes;

namespace Rayray.Core.Normalization;

/// <summary>
/// The ISO speed of cameras that wrote it only in their makernote: Canon (most PowerShots and
/// IXUS before 2005), computed the way exiftool does (CameraSettings' ISO when it is a number,
/// else BaseISO × AutoISO / 100 from ShotInfo), and Casio's CCD ISO sensitivity. A zero means
/// "not recorded" and gives no ISO.
/// </summary>
internal static class MakernoteIso
{
    private static readonly Dictionary<int, int> CameraSettingsIso = new() { [16] = 50, [17] = 100, [18] = 200, [19] = 400, [20] = 800 };

    public static int? Read(MetadataView view)
    {
        if (TagValues.Integer(view.First<CasioType2MakernoteDirectory>(), CasioType2MakernoteDirectory.TagCcdIsoSensitivity) is > 0 and var casio)
            return casio;
        var canon = view.First<CanonMakernoteDirectory>();
        if (canon is null)
            return null;

        if (TagValues.Integer(canon, CanonMakernoteDirectory.CameraSettings.TagIso) is { } setting and not 0x7FFF)
        {
            if ((setting & 0x4000) != 0)
                return setting & 0x3FFF;
            if (CameraSettingsIso.TryGetValue(setting, out var iso))
                return iso;
        }

        // ShotInfo entries are signed 16-bit APEX-like values.
        var auto = TagValues.Integer(canon, CanonMakernoteDirectory.ShotInfo.TagAutoIso) is { } a ? (short)a : (short?)null;
        var baseValue = TagValues.Integer(canon, CanonMakernoteDirectory.ShotInfo.TagBaseIso) is { } b ? (short)b : (short?)null;
        if (auto is null || baseValue is null or 0)
            return null;
        var autoIso = Math.Pow(2, auto.Value / 32.0) * 100;
        var baseIso = Math.Pow(2, baseValue.Value / 32.0) * 100 / 32;
        var result = baseIso * autoIso / 100;
        return result is > 0 and < 1e7 ? (int)Math.Round(result) : null;
    }
}
