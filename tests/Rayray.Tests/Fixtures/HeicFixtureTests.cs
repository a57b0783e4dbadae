using System.Buffers.Binary;
using System.Text;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Fixtures;

public sealed class HeicFixtureTests
{
    [RequiresToolFact("exiftool")]
    public void Heic_with_exif_reads_back_identically_in_exiftool()
    {
        using var temp = new TempFolder();
        var path = temp.Write("full.heic", TestImages.Heic(640, 480, SampleExif.Full));

        SampleExif.AssertReadBack(SampleExif.ReadWithExiftool(path, SampleExif.Tags), 640, 480);
    }

    [RequiresToolFact("exiftool")]
    public void Heic_rotation_and_xmp_read_back_in_exiftool()
    {
        using var temp = new TempFolder();
        var xmp = TestImages.Xmp(title: "Rotated", latitude: -33.8688, longitude: 151.2093);
        var path = temp.Write("rotated.heic", TestImages.Heic(4032, 3024, exif: new ExifSpec { Make = "Apple" }, xmp: xmp, rotationAnticlockwiseDegrees: 270));

        var tags = SampleExif.ReadWithExiftool(path, "ImageWidth", "ImageHeight", "Rotation", "Make", "XMP:Title", "XMP:GPSLatitude", "XMP:GPSLongitude", "MajorBrand");

        SampleExif.AssertNoWarningOrError(tags);
        Assert.Equal(4032, tags.GetProperty("ImageWidth").GetInt32());
        Assert.Equal(3024, tags.GetProperty("ImageHeight").GetInt32());
        Assert.Equal(270, tags.GetProperty("Rotation").GetInt32());
        Assert.Equal("Apple", SampleExif.Text(tags, "Make"));
        Assert.Equal("Rotated", SampleExif.Text(tags, "Title"));
        Assert.Equal(-33.8688, tags.GetProperty("GPSLatitude").GetDouble(), 1e-9);
        Assert.Equal(151.2093, tags.GetProperty("GPSLongitude").GetDouble(), 1e-9);
        Assert.Equal("heic", SampleExif.Text(tags, "MajorBrand").Trim());
    }

    [Fact]
    public void Heic_starts_with_ftyp_then_meta_then_mdat()
    {
        var heic = TestImages.Heic(8, 8);

        var boxes = Boxes(heic, 0, heic.Length).ToList();

        Assert.Equal(["ftyp", "meta", "mdat"], boxes.Select(b => b.Type));
        Assert.Equal("heic\0\0\0\0mif1heic", Encoding.Latin1.GetString(heic, boxes[0].Start, boxes[0].Length));
        Assert.Equal(["hdlr", "pitm", "iloc", "iinf", "iprp"], Boxes(heic, boxes[1].Start + 4, boxes[1].Length - 4).Select(b => b.Type));
    }

    [Fact]
    public void Heic_item_locations_point_at_the_exif_and_xmp_payloads_in_mdat()
    {
        const string Xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>";
        var heic = TestImages.Heic(8, 8, new ExifSpec { Make = "m" }, Xmp);
        var meta = Boxes(heic, 0, heic.Length).Single(b => b.Type == "meta");
        var iloc = Boxes(heic, meta.Start + 4, meta.Length - 4).Single(b => b.Type == "iloc");
        var mdat = Boxes(heic, 0, heic.Length).Single(b => b.Type == "mdat");

        var extents = ItemExtents(heic.AsSpan(iloc.Start, iloc.Length));

        Assert.Equal([1, 2, 3], extents.Keys.Order());
        Assert.All(extents.Values, e => Assert.InRange(e.Offset, mdat.Start, mdat.Start + mdat.Length - e.Length));
        Assert.StartsWith("\0\0\0\0MM\0*", Encoding.Latin1.GetString(heic, extents[2].Offset, extents[2].Length));
        Assert.Equal(Xmp, Encoding.UTF8.GetString(heic, extents[3].Offset, extents[3].Length));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(90, 1)]
    [InlineData(180, 2)]
    [InlineData(270, 3)]
    [InlineData(-90, 3)]
    public void Heic_writes_irot_as_quarter_turns_anticlockwise_only_when_rotated(int degrees, int? angle)
    {
        var heic = TestImages.Heic(8, 8, rotationAnticlockwiseDegrees: degrees);
        var meta = Boxes(heic, 0, heic.Length).Single(b => b.Type == "meta");
        var iprp = Boxes(heic, meta.Start + 4, meta.Length - 4).Single(b => b.Type == "iprp");
        var ipco = Boxes(heic, iprp.Start, iprp.Length).Single(b => b.Type == "ipco");
        var properties = Boxes(heic, ipco.Start, ipco.Length).ToList();

        var irot = properties.SingleOrDefault(b => b.Type == "irot");
        Assert.Equal(angle, irot.Type is null ? null : (int?)heic[irot.Start]);
        var ispe = properties.Single(b => b.Type == "ispe");
        Assert.Equal(8u, BinaryPrimitives.ReadUInt32BigEndian(heic.AsSpan(ispe.Start + 4)));
        Assert.Equal(8u, BinaryPrimitives.ReadUInt32BigEndian(heic.AsSpan(ispe.Start + 8)));
    }

    [Fact]
    public void Heic_rejects_a_rotation_that_is_not_a_quarter_turn() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TestImages.Heic(8, 8, rotationAnticlockwiseDegrees: 45));

    /// <summary>The boxes in [start, start + length): type, content start (after the 8-byte header) and content length.</summary>
    private static IEnumerable<(string Type, int Start, int Length)> Boxes(byte[] data, int start, int length)
    {
        var at = start;
        while (at < start + length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));
            Assert.True(size >= 8 && at + size <= start + length, $"box at {at} has size {size}");
            yield return (Encoding.ASCII.GetString(data, at + 4, 4), at + 8, size - 8);
            at += size;
        }
    }

    /// <summary>iloc version 1, offset and length sizes 4, no base offset: item id -> (offset, length) of its single extent.</summary>
    private static Dictionary<int, (int Offset, int Length)> ItemExtents(ReadOnlySpan<byte> iloc)
    {
        Assert.Equal(1, iloc[0]);
        Assert.Equal(0x44, iloc[4]);
        Assert.Equal(0x00, iloc[5]);
        var count = BinaryPrimitives.ReadUInt16BigEndian(iloc[6..]);
        var extents = new Dictionary<int, (int, int)>();
        var at = 8;
        for (var i = 0; i < count; i++)
        {
            var id = BinaryPrimitives.ReadUInt16BigEndian(iloc[at..]);
            Assert.Equal(1, BinaryPrimitives.ReadUInt16BigEndian(iloc[(at + 6)..]));
            extents[id] = ((int)BinaryPrimitives.ReadUInt32BigEndian(iloc[(at + 8)..]), (int)BinaryPrimitives.ReadUInt32BigEndian(iloc[(at + 12)..]));
            at += 16;
        }
        return extents;
    }
}
