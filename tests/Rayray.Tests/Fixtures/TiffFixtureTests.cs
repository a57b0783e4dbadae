using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Fixtures;

public sealed class TiffFixtureTests
{
    [RequiresToolFact("exiftool")]
    public void Tiff_with_exif_reads_back_identically_in_exiftool()
    {
        using var temp = new TempFolder();
        var path = temp.Write("full.tif", TestImages.Tiff(640, 480, SampleExif.Full));

        SampleExif.AssertReadBack(SampleExif.ReadWithExiftool(path, SampleExif.Tags), 640, 480);
    }

    [RequiresToolFact("exiftool")]
    public void Big_endian_tiff_with_exif_reads_back_identically_in_exiftool()
    {
        using var temp = new TempFolder();
        var path = temp.Write("full-mm.tif", TestImages.Tiff(17, 9, SampleExif.Full, bigEndian: true));

        var tags = SampleExif.ReadWithExiftool(path, [.. SampleExif.Tags, "ExifByteOrder"]);

        SampleExif.AssertReadBack(tags, 17, 9);
        Assert.Equal("MM", SampleExif.Text(tags, "ExifByteOrder"));
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(640, 480, false)]
    [InlineData(640, 480, true)]
    [InlineData(10_000, 3, false)]
    public void Tiff_strips_hold_every_row_of_grey_pixels_in_at_most_8_KB_unless_one_row_is_larger(int width, int height, bool bigEndian)
    {
        var tiff = TestImages.Tiff(width, height, bigEndian: bigEndian);
        var structure = new TiffStructure(tiff);
        var ifd0 = structure.Ifd0;

        Assert.Equal(bigEndian, structure.BigEndian);
        Assert.Equal((uint)width, structure.Long(ifd0[0x0100]));
        Assert.Equal((uint)height, structure.Long(ifd0[0x0101]));
        Assert.Equal(8, structure.Short(ifd0[0x0102]));
        Assert.Equal(1, structure.Short(ifd0[0x0103]));
        Assert.Equal(1, structure.Short(ifd0[0x0106]));
        Assert.Equal(1, structure.Short(ifd0[0x0115]));
        var rowsPerStrip = (int)structure.Long(ifd0[0x0116]);
        var offsets = ifd0[0x0111];
        var counts = ifd0[0x0117];
        Assert.Equal((uint)((height + rowsPerStrip - 1) / rowsPerStrip), offsets.Count);
        Assert.Equal(offsets.Count, counts.Count);
        long total = 0;
        for (var i = 0; i < (int)offsets.Count; i++)
        {
            var offset = (int)structure.Long(offsets, i);
            var count = (int)structure.Long(counts, i);
            Assert.True(count <= Math.Max(8192, width), $"strip {i} is {count} bytes");
            Assert.Equal(0, offset % 2);
            Assert.All(tiff[offset..(offset + count)], b => Assert.Equal(128, b));
            total += count;
        }
        Assert.Equal((long)width * height, total);
    }

    [Fact]
    public void Tiff_without_exif_has_only_the_baseline_tags()
    {
        var ifd0 = new TiffStructure(TestImages.Tiff(4, 4)).Ifd0;

        Assert.Equal(
            [0x0100, 0x0101, 0x0102, 0x0103, 0x0106, 0x0111, 0x0115, 0x0116, 0x0117, 0x011A, 0x011B, 0x0128],
            ifd0.Fields.Select(f => (int)f.Tag));
        Assert.Equal(0u, ifd0.NextIfdOffset);
    }
}
