using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>Camera, lens and exposure settings, from EXIF with XMP as the fallback.</summary>
internal static class CameraReader
{
    private const int IsoUnknownOrAbove = 65535;

    public static CameraInfo? Read(MetadataView view, XmpFacts? xmp)
    {
        var camera = new CameraInfo
        {
            Make = view.ExifText(ExifTags.Make) ?? xmp?.Make,
            Model = view.ExifText(ExifTags.Model) ?? xmp?.Model,
            Lens = view.ExifText(ExifTags.LensModel) ?? xmp?.Lens,
            Software = view.ExifText(ExifTags.Software),
            Exposure = Positive(view.ExifNumber(ExifTags.ExposureTime)) ?? ApexShutter(view.ExifNumber(ExifTags.ShutterSpeedValue)),
            Aperture = Positive(view.ExifNumber(ExifTags.FNumber)) ?? ApexAperture(view.ExifNumber(ExifTags.ApertureValue)),
            Iso = Iso(view) ?? MakernoteIso.Read(view),
            FocalLength = Positive(view.ExifNumber(ExifTags.FocalLength)),
        };
        return camera.IsEmpty ? null : camera;
    }

    private static int? Iso(MetadataView view)
    {
        var iso = view.ExifInteger(ExifTags.IsoSpeedRatings);
        // 65535 means "65535 or more": the real value is in the EXIF 2.3 sensitivity tags when they are there.
        if (iso is null or 0 or IsoUnknownOrAbove)
        {
            var better = view.ExifInteger(ExifTags.IsoSpeed) ?? view.ExifInteger(ExifTags.RecommendedExposureIndex);
            if (better is > 0)
                return better;
        }
        return iso;
    }

    private static double? Positive(double? value) => value is > 0 ? TagValues.Round(value.Value) : null;

    // APEX: Tv = -log2(t), Av = 2 log2(N).
    private static double? ApexShutter(double? tv) => tv is { } v && Math.Abs(v) < 64 ? TagValues.Round(Math.Pow(2, -v)) : null;

    private static double? ApexAperture(double? av) => av is { } v && v is >= 0 and < 64 ? TagValues.Round(Math.Pow(2, v / 2)) : null;
}
