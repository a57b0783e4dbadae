using System.Text;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Fixtures;

public sealed class ExifEncoderTests
{
    [Fact]
    public void Exif_tags_go_to_ifd0_the_exif_ifd_and_the_gps_ifd()
    {
        var tiff = new TiffStructure(ExifEncoder.ToTiff(SampleExif.Full));
        var exif = tiff.SubIfd(tiff.Ifd0, 0x8769);
        var gps = tiff.SubIfd(tiff.Ifd0, 0x8825);

        Assert.Equal([0x010E, 0x010F, 0x0110, 0x0112, 0x0131, 0x0132, 0x013B, 0x8298, 0x8769, 0x8825, 0x9C9E], Tags(tiff.Ifd0));
        Assert.Equal(
            [0x829A, 0x829D, 0x8827, 0x9000, 0x9003, 0x9004, 0x9010, 0x9011, 0x920A, 0x9291, 0xA002, 0xA003, 0xA434],
            Tags(exif));
        Assert.Equal([0x0000, 0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0007, 0x0009, 0x001D], Tags(gps));
    }

    [Fact]
    public void Exif_values_are_written_with_their_exif_types()
    {
        var tiff = new TiffStructure(ExifEncoder.ToTiff(SampleExif.Full));
        var exif = tiff.SubIfd(tiff.Ifd0, 0x8769);

        Assert.Equal("Rayray Optics", tiff.Ascii(tiff.Ifd0[0x010F]));
        Assert.Equal((3, 1u), (tiff.Ifd0[0x0112].Type, tiff.Ifd0[0x0112].Count));
        Assert.Equal(6, tiff.Short(tiff.Ifd0[0x0112]));
        Assert.Equal((5, (1u, 250u)), (exif[0x829A].Type, tiff.Rational(exif[0x829A])));
        Assert.Equal((28u, 10u), tiff.Rational(exif[0x829D]));
        Assert.Equal((50u, 1u), tiff.Rational(exif[0x920A]));
        Assert.Equal((3, 800), (exif[0x8827].Type, tiff.Short(exif[0x8827])));
        Assert.Equal((7, "0232"), (exif[0x9000].Type, Encoding.ASCII.GetString(tiff.Bytes(exif[0x9000]))));
        Assert.Equal("2024:05:17 14:03:27", tiff.Ascii(exif[0x9003]));
        Assert.Equal(20u, exif[0x9003].Count);
        Assert.Equal("042", tiff.Ascii(exif[0x9291]));
        Assert.Equal("-08:00", tiff.Ascii(exif[0x9011]));
        Assert.Equal((4, 640u), (exif[0xA002].Type, tiff.Long(exif[0xA002])));
    }

    [Fact]
    public void Xp_keywords_are_ucs2_little_endian_bytes_with_a_terminating_nul_pair()
    {
        var tiff = new TiffStructure(ExifEncoder.ToTiff(new ExifSpec { XpKeywords = "sunset;urban" }, bigEndian: true));
        var field = tiff.Ifd0[0x9C9E];

        Assert.Equal(1, field.Type);
        Assert.Equal([.. Encoding.Unicode.GetBytes("sunset;urban"), 0, 0], tiff.Bytes(field));
    }

    [Theory]
    [InlineData(37.7749, -122.4194, "N", "W", 37u, 46u, 29_640_000u, 122u, 25u, 9_840_000u)]
    [InlineData(-33.8688, 151.2093, "S", "E", 33u, 52u, 7_680_000u, 151u, 12u, 33_480_000u)]
    [InlineData(0.0000001, -0.0000001, "N", "W", 0u, 0u, 360u, 0u, 0u, 360u)]
    public void Gps_coordinates_are_a_hemisphere_and_degrees_minutes_and_micro_seconds(
        double latitude, double longitude, string latitudeRef, string longitudeRef,
        uint latDeg, uint latMin, uint latMicroSec, uint lonDeg, uint lonMin, uint lonMicroSec)
    {
        var tiff = new TiffStructure(ExifEncoder.ToTiff(new ExifSpec { Latitude = latitude, Longitude = longitude }));
        var gps = tiff.SubIfd(tiff.Ifd0, 0x8825);

        Assert.Equal([2, 3, 0, 0], tiff.Bytes(gps[0x0000]));
        Assert.Equal(latitudeRef, tiff.Ascii(gps[0x0001]));
        Assert.Equal([(latDeg, 1u), (latMin, 1u), (latMicroSec, 1_000_000u)], Enumerable.Range(0, 3).Select(i => tiff.Rational(gps[0x0002], i)));
        Assert.Equal(longitudeRef, tiff.Ascii(gps[0x0003]));
        Assert.Equal([(lonDeg, 1u), (lonMin, 1u), (lonMicroSec, 1_000_000u)], Enumerable.Range(0, 3).Select(i => tiff.Rational(gps[0x0004], i)));
    }

    [Theory]
    [InlineData(-12.5, 1, 12_500u)]
    [InlineData(8848.86, 0, 8_848_860u)]
    [InlineData(0.0, 0, 0u)]
    public void Gps_altitude_is_a_reference_byte_and_the_absolute_value_in_millimetres(double altitude, byte reference, uint millimetres)
    {
        var tiff = new TiffStructure(ExifEncoder.ToTiff(new ExifSpec { Altitude = altitude }));
        var gps = tiff.SubIfd(tiff.Ifd0, 0x8825);

        Assert.Equal([reference], tiff.Bytes(gps[0x0005]));
        Assert.Equal((millimetres, 1000u), tiff.Rational(gps[0x0006]));
        Assert.False(gps.Has(0x0001));
    }

    [Fact]
    public void Gps_time_stamp_is_three_whole_rationals()
    {
        var tiff = new TiffStructure(ExifEncoder.ToTiff(new ExifSpec { GpsTimeStamp = (22, 3, 27), GpsDateStamp = "2024:05:17", GpsStatus = "V" }));
        var gps = tiff.SubIfd(tiff.Ifd0, 0x8825);

        Assert.Equal([(22u, 1u), (3u, 1u), (27u, 1u)], Enumerable.Range(0, 3).Select(i => tiff.Rational(gps[0x0007], i)));
        Assert.Equal("2024:05:17", tiff.Ascii(gps[0x001D]));
        Assert.Equal("V", tiff.Ascii(gps[0x0009]));
    }

    [Fact]
    public void An_empty_spec_writes_only_the_exif_ifd_with_its_version()
    {
        var tiff = new TiffStructure(ExifEncoder.ToTiff(new ExifSpec()));

        Assert.Equal([0x8769], Tags(tiff.Ifd0));
        Assert.Equal([0x9000], Tags(tiff.SubIfd(tiff.Ifd0, 0x8769)));
    }

    private static int[] Tags(TiffStructure.Ifd ifd) => ifd.Fields.Select(f => (int)f.Tag).ToArray();
}
