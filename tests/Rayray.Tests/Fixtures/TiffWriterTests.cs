using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Fixtures;

public sealed class TiffWriterTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Entries_are_sorted_by_tag_with_small_values_inline_and_large_ones_at_word_aligned_offsets(bool bigEndian)
    {
        var ifd = new TiffIfd()
            .AddAscii(0x0110, "odd")            // 4 bytes with NUL: inline
            .AddAscii(0x010F, "five")           // 5 bytes: out of line, odd length
            .AddRationals(0x011A, (72, 1))      // 8 bytes: out of line
            .AddShorts(0x0112, 6)
            .AddBytes(0x0000, 1, 2, 3)
            .AddUndefined(0x9000, "0232"u8.ToArray());

        var bytes = TiffWriter.Write(ifd, bigEndian);
        var tiff = new TiffStructure(bytes);

        Assert.Equal(bigEndian ? "MM" : "II", System.Text.Encoding.ASCII.GetString(bytes, 0, 2));
        Assert.Equal(8u, tiff.Ifd0.Offset);
        Assert.Equal([0x0000, 0x010F, 0x0110, 0x0112, 0x011A, 0x9000], tiff.Ifd0.Fields.Select(f => (int)f.Tag));
        Assert.Equal(0u, tiff.Ifd0.NextIfdOffset);
        Assert.All(tiff.Ifd0.Fields, f => Assert.Equal(0u, f.ValueOffset % 2));
        Assert.Equal(tiff.Ifd0[0x0110].EntryOffset + 8, tiff.Ifd0[0x0110].ValueOffset);
        Assert.Equal(tiff.Ifd0[0x0112].EntryOffset + 8, tiff.Ifd0[0x0112].ValueOffset);
        Assert.NotEqual(tiff.Ifd0[0x010F].EntryOffset + 8, tiff.Ifd0[0x010F].ValueOffset);
        Assert.Equal("five", tiff.Ascii(tiff.Ifd0[0x010F]));
        Assert.Equal("odd", tiff.Ascii(tiff.Ifd0[0x0110]));
        Assert.Equal((72u, 1u), tiff.Rational(tiff.Ifd0[0x011A]));
        Assert.Equal(6, tiff.Short(tiff.Ifd0[0x0112]));
        Assert.Equal([1, 2, 3], tiff.Bytes(tiff.Ifd0[0x0000]));
    }

    [Fact]
    public void Sub_ifds_and_data_blocks_are_written_after_the_directory_and_pointed_at()
    {
        var child = new TiffIfd().AddShorts(0x0001, 7);
        var blocks = new[] { new byte[] { 1, 2, 3 }, new byte[] { 4, 5 } };
        var ifd = new TiffIfd().AddSubIfd(0x8769, child).AddDataOffsets(0x0111, blocks).AddLongs(0x0117, 3, 2);

        var bytes = TiffWriter.Write(ifd);
        var tiff = new TiffStructure(bytes);
        var sub = tiff.SubIfd(tiff.Ifd0, 0x8769);

        Assert.True(sub.Offset > tiff.Ifd0.Offset);
        Assert.Equal(0u, sub.Offset % 2);
        Assert.Equal(7, tiff.Short(sub[0x0001]));
        var first = (int)tiff.Long(tiff.Ifd0[0x0111], 0);
        var second = (int)tiff.Long(tiff.Ifd0[0x0111], 1);
        Assert.Equal([1, 2, 3], bytes[first..(first + 3)]);
        Assert.Equal([4, 5], bytes[second..(second + 2)]);
        Assert.Equal(0, second % 2);
    }

    [Fact]
    public void Adding_a_tag_again_replaces_its_value()
    {
        var tiff = new TiffStructure(TiffWriter.Write(new TiffIfd().AddShorts(0x0112, 1).AddShorts(0x0112, 8)));

        Assert.Equal(8, tiff.Short(tiff.Ifd0.Fields.Single()));
    }
}
