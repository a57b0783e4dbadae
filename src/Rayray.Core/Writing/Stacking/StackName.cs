using System.Text.RegularExpressions;

namespace Rayray.Core.Writing.Stacking;

/// <summary>
/// What a file name says about the shot it belongs to: the camera's base name shared by the files of
/// one shot (<c>IMG_0001</c> for <c>IMG_0001.CR3</c>, <c>IMG_0001.JPG</c>, <c>IMG_0001-edited.jpg</c> and
/// Apple's <c>IMG_E0001.HEIC</c>; <c>PXL_20240101_101010123</c> for a Pixel's
/// <c>.RAW-01.MP.COVER.jpg</c> and <c>.RAW-02.ORIGINAL.dng</c>), whether it is an edited copy, and
/// whether a Pixel marked it the cover of its RAW pair. Compared without case.
/// </summary>
public sealed partial record StackName(string Base, bool IsEdit, bool IsCover)
{
    public static StackName Parse(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var isCover = false;
        if (PixelSuffix().Match(stem) is { Success: true } pixel)
        {
            isCover = pixel.Groups["part"].Value.Equals("COVER", StringComparison.OrdinalIgnoreCase);
            stem = stem[..pixel.Index];
        }
        var isEdit = false;
        if (EditSuffix().Match(stem) is { Success: true } edit)
        {
            isEdit = true;
            stem = stem[..edit.Index];
        }
        else if (AppleEdit().Match(stem) is { Success: true } apple)
        {
            isEdit = true;
            stem = apple.Groups["prefix"].Value + apple.Groups["number"].Value;
        }
        return new StackName(stem.ToLowerInvariant(), isEdit, isCover);
    }

    /// <summary>A Pixel's RAW pair (<c>.RAW-01.MP.COVER</c>, <c>.RAW-02.ORIGINAL</c>) and a motion photo's <c>.MP</c>.</summary>
    [GeneratedRegex(@"(\.RAW-\d+)?(\.MP)?(\.(?<part>COVER|ORIGINAL))?$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex PixelSuffix();

    /// <summary>
    /// How editors and exports name an edited copy: Google Photos and Takeout (<c>-edited</c> and its
    /// translations), Apple Photos' export (<c> (edited)</c>), and <c>_edited</c>.
    /// </summary>
    [GeneratedRegex(@"(\s*\(edited\)|[-_](edited|bearbeitet|modifié|editado|modificato|bewerkt|redigerad|muokattu|edytowane))$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex EditSuffix();

    /// <summary>Apple's edited rendering beside its original: <c>IMG_E0001</c> for <c>IMG_0001</c>.</summary>
    [GeneratedRegex(@"^(?<prefix>IMG_)E(?<number>\d{4,})$", RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex AppleEdit();
}
