using Rayray.Core.Writing.Stacking;

namespace Rayray.Tests.Writing;

/// <summary>The base name files of one shot share, as cameras, phones and editors name them.</summary>
public sealed class StackNameTests
{
    [Theory]
    [InlineData("IMG_0001.JPG", "img_0001", false, false)]
    [InlineData("IMG_0001.CR3", "img_0001", false, false)]
    [InlineData("IMG_0001-edited.jpg", "img_0001", true, false)]
    [InlineData("IMG_0001 (edited).HEIC", "img_0001", true, false)]
    [InlineData("IMG_0001_edited.jpg", "img_0001", true, false)]
    [InlineData("IMG_0001-bearbeitet.jpg", "img_0001", true, false)]
    [InlineData("IMG_E0001.HEIC", "img_0001", true, false)]
    [InlineData("PXL_20240802_120000000.RAW-01.MP.COVER.jpg", "pxl_20240802_120000000", false, true)]
    [InlineData("PXL_20240802_120000000.RAW-02.ORIGINAL.dng", "pxl_20240802_120000000", false, false)]
    [InlineData("PXL_20240802_120000000.MP.jpg", "pxl_20240802_120000000", false, false)]
    [InlineData("2024.05.01 party.jpg", "2024.05.01 party", false, false)]
    [InlineData("IMG_EDIT.jpg", "img_edit", false, false)]
    public void A_file_name_gives_its_shot_and_whether_it_is_an_edit_or_a_cover(string name, string shot, bool isEdit, bool isCover) =>
        Assert.Equal(new StackName(shot, isEdit, isCover), StackName.Parse(name));
}
