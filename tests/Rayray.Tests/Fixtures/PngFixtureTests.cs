using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Fixtures;

public sealed class PngFixtureTests
{
    [RequiresToolFact("exiftool")]
    public void Png_with_exif_reads_back_identically_in_exiftool()
    {
        using var temp = new TempFolder();
        var path = temp.Write("full.png", TestImages.Png(640, 480, SampleExif.Full));

        SampleExif.AssertReadBack(SampleExif.ReadWithExiftool(path, SampleExif.Tags), 640, 480);
    }

    [RequiresToolFact("exiftool")]
    public void Png_text_chunks_read_back_in_exiftool()
    {
        using var temp = new TempFolder();
        var text = new Dictionary<string, string> { ["Title"] = "Harbour at noon", ["Author"] = "Zoë", ["Comment"] = "東京 (iTXt)" };
        var path = temp.Write("text.png", TestImages.Png(3, 2, text: text));

        var tags = SampleExif.ReadWithExiftool(path, "PNG:Title", "PNG:Author", "PNG:Comment", "ImageWidth", "ImageHeight");

        SampleExif.AssertNoWarningOrError(tags);
        Assert.Equal("Harbour at noon", SampleExif.Text(tags, "Title"));
        Assert.Equal("Zoë", SampleExif.Text(tags, "Author"));
        Assert.Equal("東京 (iTXt)", SampleExif.Text(tags, "Comment"));
        Assert.Equal(3, tags.GetProperty("ImageWidth").GetInt32());
        Assert.Equal(2, tags.GetProperty("ImageHeight").GetInt32());
    }

    [Fact]
    public void Png_chunks_have_correct_crcs_in_the_documented_order()
    {
        var png = TestImages.Png(5, 3, new ExifSpec { Make = "m" }, new Dictionary<string, string> { ["Title"] = "t", ["Comment"] = "ключ" });

        var chunks = Chunks(png).ToList();

        Assert.Equal(["IHDR", "eXIf", "tEXt", "iTXt", "IDAT", "IEND"], chunks.Select(c => c.Type));
        Assert.All(chunks, c => Assert.True(c.CrcMatches, $"{c.Type} CRC"));
        Assert.Equal([0, 0, 0, 5, 0, 0, 0, 3, 8, 0, 0, 0, 0], chunks[0].Data);
        Assert.StartsWith("II*\0", Encoding.Latin1.GetString(chunks[1].Data));
        Assert.Equal("Title\0t", Encoding.Latin1.GetString(chunks[2].Data));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(300, 7)]
    public void Png_idat_inflates_to_unfiltered_rows_of_grey(int width, int height)
    {
        var idat = Chunks(TestImages.Png(width, height)).Single(c => c.Type == "IDAT").Data;

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(idat), CompressionMode.Decompress))
            zlib.CopyTo(inflated);
        var rows = inflated.ToArray().Chunk(width + 1).ToList();

        Assert.Equal(height, rows.Count);
        Assert.All(rows, row => Assert.Equal([0, .. Enumerable.Repeat((byte)128, width)], row));
    }

    [Fact]
    public void Png_rejects_an_invalid_text_keyword() =>
        Assert.Throws<ArgumentException>(() => TestImages.Png(1, 1, text: new Dictionary<string, string> { [""] = "x" }));

    [Fact]
    public void Crc32_matches_the_standard_check_value() =>
        Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    private static IEnumerable<(string Type, byte[] Data, bool CrcMatches)> Chunks(byte[] png)
    {
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        var at = 8;
        while (at < png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            var typeAndData = png.AsSpan(at + 4, length + 4);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            yield return (Encoding.ASCII.GetString(typeAndData[..4]), typeAndData[4..].ToArray(), crc == Crc32.Compute(typeAndData));
            at += 12 + length;
        }
    }
}
