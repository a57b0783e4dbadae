using Rayray.Core.Walking;

namespace Rayray.Tests.Scanning;

/// <summary>
/// Which JSON of a Google Takeout folder belongs to which photo. The pairs are real names reported by the importers
/// that read whole exports (immich-go's matcher tests, ente's, Nextcloud Memories' and Google Photos Takeout Helper's issues).
/// </summary>
public sealed class TakeoutSidecarNameTests
{
    [Theory]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.json")]
    [InlineData("IMG_1234.jpg", "IMG_1234.jpg.supplemental-metadata.json")]
    [InlineData("IMG_4081.jpg", "IMG_4081.JPG.json")]
    [InlineData("IMG_0484(1).JPG", "IMG_0484.JPG(1).json")]
    [InlineData("IMG_20210704_094147(1).jpg", "IMG_20210704_094147.jpg.supplemental-metadata(1).json")]
    [InlineData("party(1).jpg", "party(1).jpg.json")]
    [InlineData("Screenshot_2017-07-05-10-05-26.png", "Screenshot_2017-07-05-10-05-26.png.supplementa.json")]
    [InlineData("D7157814-D2D5-4A62-AFCE-9CF465CB7D66.jpeg", "D7157814-D2D5-4A62-AFCE-9CF465CB7D66.jpeg.supp.json")]
    [InlineData("Screenshot_20220207_102421_com.snapchat.android.jpg", "Screenshot_20220207_102421_com.snapchat.androi.json")]
    [InlineData("PXL_20230809_203449253.LONG_EXPOSURE-02.ORIGINA.jpg", "PXL_20230809_203449253.LONG_EXPOSURE-02.ORIGIN.json")]
    [InlineData("13039_327707840323_537645323_9470255_27214_n(1).jpg", "13039_327707840323_537645323_9470255_27214_n.j(1).json")]
    [InlineData("05yqt21kruxwwlhhgrwrdyb6chhwszi9bqmzu16w0 2.jpg", "05yqt21kruxwwlhhgrwrdyb6chhwszi9bqmzu16w0 2.jp.json")]
    [InlineData("IMG_20120216_094016.jpg", "IMG_20120216_094016.jpg.suppl.json")]
    [InlineData("2013-12-23(1).jpg", "2013-12-23.supplemental-metadata(1).json")]
    [InlineData("😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉😌😍🥰😘😗😙😚😋😛.jpg", "😀😃😄😁😆😅😂🤣🥲☺️😊😇🙂🙃😉😌😍🥰😘😗😙😚😋.json")]
    public void The_json_Takeout_wrote_for_a_photo_is_found(string photo, string json) =>
        Assert.Equal("/takeout/" + json, TakeoutSidecarNames.Find(photo, Folder(json)));

    [Theory]
    [InlineData("DSC_0103.JPG", "DSC_0103.JPG(1).json")]
    [InlineData("DSC_0104(1).JPG", "DSC_0104.JPG.json")]
    [InlineData("DSC_0102(1).JPG", "DSC_0102.JPG(2).json")]
    [InlineData("PXL_20211013_220651958.jpg", "PXL_20211013_220651983.jpg.json")]
    [InlineData("IMG_1234.jpg.json", "IMG_1234.jpg.json.json")]
    public void The_json_of_another_photo_is_not_taken(string photo, string json) =>
        Assert.Null(TakeoutSidecarNames.Find(photo, Folder(json)));

    [Theory]
    [InlineData("IMG_1234.jpg.json", true)]
    [InlineData("IMG_1234.HEIC.supplemental-metadata(3).json", true)]
    [InlineData("Screenshot_2017-07-05-10-05-26.png.supplementa.json", true)]
    [InlineData("IMG_1234.mp4.s.json", true)]
    [InlineData("metadata.json", false)]
    [InlineData("package.json", false)]
    [InlineData("report.2024.json", false)]
    public void A_json_named_like_a_takeout_sidecar_is_recognized_without_its_photo(string json, bool looksLikeSidecar) =>
        Assert.Equal(looksLikeSidecar, TakeoutSidecarNames.LooksLikeSidecar(json));

    private static Dictionary<string, string> Folder(params string[] jsonNames) =>
        jsonNames.ToDictionary(name => name, name => "/takeout/" + name, StringComparer.OrdinalIgnoreCase);
}
