using System.Buffers.Binary;
using System.Text;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Fixtures;

public sealed class JpegFixtureTests
{
    private static readonly (int Width, int Height)[] Sizes = [(1, 1), (17, 9), (16, 16), (33, 47), (640, 480)];
    private static readonly int[] RestartIntervals = [0, 1, 2, 3, 7];

    [RequiresToolFact("exiftool")]
    public void Jpeg_with_exif_reads_back_identically_in_exiftool()
    {
        using var temp = new TempFolder();
        var path = temp.Write("full.jpg", TestImages.Jpeg(640, 480, SampleExif.Full));

        SampleExif.AssertReadBack(SampleExif.ReadWithExiftool(path, SampleExif.Tags), 640, 480);
    }

    [RequiresToolFact("exiftool")]
    public void Jpeg_with_xmp_and_iptc_keywords_reads_back_in_exiftool()
    {
        using var temp = new TempFolder();
        var xmp = TestImages.Xmp(title: "Bay <Bridge> & fog", subjects: ["bridge", "fog"], rating: 4, dateTimeOriginal: "2024-05-17T14:03:27.042-08:00");
        var path = temp.Write("meta.jpg", TestImages.Jpeg(32, 24, exif: null, xmp: xmp, iptcKeywords: ["sunset", "Zürich", "東京"], restartInterval: 2));

        var tags = SampleExif.ReadWithExiftool(path, "XMP:Title", "XMP:Subject", "XMP:Rating", "XMP:DateTimeOriginal", "IPTC:Keywords", "IPTC:CodedCharacterSet");

        SampleExif.AssertNoWarningOrError(tags);
        Assert.Equal("Bay <Bridge> & fog", SampleExif.Text(tags, "Title"));
        Assert.Equal(["bridge", "fog"], tags.GetProperty("Subject").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(4, tags.GetProperty("Rating").GetInt32());
        Assert.Equal("2024:05:17 14:03:27.042-08:00", SampleExif.Text(tags, "DateTimeOriginal"));
        Assert.Equal(["sunset", "Zürich", "東京"], tags.GetProperty("Keywords").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("\u001B%G", SampleExif.Text(tags, "CodedCharacterSet"));
    }

    [RequiresToolFact("djpeg")]
    public void Jpeg_decodes_in_djpeg_without_warnings_to_uniform_grey_at_any_size_and_restart_interval()
    {
        using var temp = new TempFolder();
        var failures = new List<string>();
        foreach (var subsampled in new[] { true, false })
        {
            foreach (var (width, height) in Sizes)
            {
                foreach (var interval in RestartIntervals)
                {
                    var name = $"grey-{(subsampled ? "420" : "444")}-{width}x{height}-r{interval}";
                    var jpeg = subsampled ? TestImages.Jpeg(width, height, restartInterval: interval) : TestImages.Jpeg444(width, height, restartInterval: interval);
                    var (exitCode, stdout, stderr) = ToolProcess.Run("djpeg", "-pnm", temp.Write(name + ".jpg", jpeg));
                    var header = Encoding.ASCII.GetBytes($"P6\n{width} {height}\n255\n");
                    if (exitCode != 0 || stderr.Length != 0)
                        failures.Add($"{name}: exit {exitCode}, stderr '{stderr.Trim()}'");
                    else if (!stdout.AsSpan().StartsWith(header) || stdout.Length != header.Length + (3 * width * height) || stdout.Skip(header.Length).Any(b => b != 128))
                        failures.Add($"{name}: not a {width}x{height} picture of grey 128");
                }
            }
        }
        Assert.Empty(failures);
    }

    [RequiresToolFact("djpeg", "exiftool")]
    public void Jpeg_with_every_segment_decodes_in_djpeg_and_reads_in_exiftool_without_warnings()
    {
        using var temp = new TempFolder();
        var jpeg = TestImages.Jpeg(17, 9, SampleExif.Full, TestImages.Xmp(title: "t"), ["k"], restartInterval: 1);
        var path = temp.Write("all.jpg", jpeg);

        var (exitCode, _, stderr) = ToolProcess.Run("djpeg", path);
        var tags = SampleExif.ReadWithExiftool(path, "ImageWidth", "ImageHeight");

        Assert.Equal(0, exitCode);
        Assert.Equal("", stderr);
        SampleExif.AssertNoWarningOrError(tags);
        Assert.Equal(17, tags.GetProperty("ImageWidth").GetInt32());
        Assert.Equal(9, tags.GetProperty("ImageHeight").GetInt32());
    }

    [Fact]
    public void Jpeg_segments_come_in_the_documented_order()
    {
        var jpeg = TestImages.Jpeg(20, 10, new ExifSpec { Make = "m" }, TestImages.Xmp(title: "t"), ["k"], restartInterval: 1);

        var markers = Segments(jpeg).Select(s => s.Marker).ToList();

        Assert.Equal([0xD8, 0xE1, 0xE1, 0xED, 0xDB, 0xC0, 0xC4, 0xDD, 0xDA, 0xD9], markers);
        var segments = Segments(jpeg).ToList();
        Assert.StartsWith("Exif\0\0II*\0", Encoding.Latin1.GetString(segments[1].Payload));
        Assert.StartsWith("http://ns.adobe.com/xap/1.0/\0<?xpacket", Encoding.UTF8.GetString(segments[2].Payload));
        Assert.StartsWith("Photoshop 3.0\08BIM\u0004\u0004", Encoding.Latin1.GetString(segments[3].Payload));
    }

    [Fact]
    public void Jpeg_without_metadata_or_restart_interval_has_no_app_or_dri_segments()
    {
        var markers = Segments(TestImages.Jpeg(8, 8)).Select(s => s.Marker);

        Assert.Equal([0xD8, 0xDB, 0xC0, 0xC4, 0xDA, 0xD9], markers);
    }

    [Fact]
    public void Jpeg_frame_header_is_baseline_ycbcr_420_at_the_requested_size()
    {
        var sof = Segments(TestImages.Jpeg(65535, 3)).Single(s => s.Marker == 0xC0).Payload;

        Assert.Equal([8, 0x00, 0x03, 0xFF, 0xFF, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1], sof);
    }

    [Fact]
    public void Jpeg_entropy_data_of_one_mcu_is_four_luminance_blocks_then_cb_and_cr_each_dc_zero_and_end_of_block()
    {
        // Y: DC "00" + EOB "1010", four times; Cb and Cr: DC "00" + EOB "00" = 00101000 10100010 10001010 00000000.
        Assert.Equal([0x28, 0xA2, 0x8A, 0x00], EntropyData(TestImages.Jpeg(16, 16)));
        Assert.Equal([0x28, 0xA2, 0x8A, 0x00, 0x28, 0xA2, 0x8A, 0x00], EntropyData(TestImages.Jpeg(17, 16)));
    }

    [Fact]
    public void Jpeg444_pads_the_last_byte_of_every_restart_interval_and_of_the_scan_with_one_bits()
    {
        Assert.Equal([1, 0x11, 0, 2, 0x11, 1, 3, 0x11, 1], Segments(TestImages.Jpeg444(8, 8)).Single(s => s.Marker == 0xC0).Payload[6..]);
        // One MCU = Y, Cb, Cr blocks of DC "00" + EOB = 00 1010 00 00 00 00: 14 bits, then "11".
        Assert.Equal([0x28, 0x03], EntropyData(TestImages.Jpeg444(8, 8)));
        Assert.Equal([0x28, 0x00, 0xA0, 0x0F], EntropyData(TestImages.Jpeg444(9, 8)));
        Assert.Equal([0x28, 0x03, 0xFF, 0xD0, 0x28, 0x03, 0xFF, 0xD1, 0x28, 0x03], EntropyData(TestImages.Jpeg444(24, 1, restartInterval: 1)));
        Assert.Equal([0x28, 0x00, 0xA0, 0x0F, 0xFF, 0xD0, 0x28, 0x03], EntropyData(TestImages.Jpeg444(17, 8, restartInterval: 2)));
    }

    [Theory]
    [InlineData(640, 480, 1, true)]
    [InlineData(640, 480, 3, true)]
    [InlineData(17, 9, 1, true)]
    [InlineData(33, 47, 2, true)]
    [InlineData(1, 1, 1, true)]
    [InlineData(640, 480, 7, false)]
    [InlineData(17, 9, 1, false)]
    [InlineData(33, 47, 3, false)]
    public void Jpeg_writes_a_restart_marker_after_every_interval_cycling_rst0_to_rst7(int width, int height, int interval, bool subsampled)
    {
        var mcuSize = subsampled ? 16 : 8;
        var mcus = ((width + mcuSize - 1) / mcuSize) * ((height + mcuSize - 1) / mcuSize);
        var jpeg = subsampled ? TestImages.Jpeg(width, height, restartInterval: interval) : TestImages.Jpeg444(width, height, restartInterval: interval);
        var data = EntropyData(jpeg);

        var restarts = new List<int>();
        for (var i = 0; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] is >= 0xD0 and <= 0xD7)
                restarts.Add(data[i + 1] - 0xD0);
        }

        Assert.Equal(Enumerable.Range(0, ((mcus + interval - 1) / interval) - 1).Select(n => n % 8), restarts);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(65536, 1)]
    [InlineData(1, 65536)]
    public void Jpeg_rejects_sizes_outside_1_to_65535(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => TestImages.Jpeg(width, height));

    [Fact]
    public void Jpeg_rejects_metadata_too_large_for_one_segment() =>
        Assert.Throws<ArgumentException>(() => TestImages.Jpeg(8, 8, xmp: new string('x', 70_000)));

    /// <summary>The marker segments up to SOS, SOS itself, and EOI (entropy-coded data is skipped).</summary>
    private static IEnumerable<(byte Marker, byte[] Payload)> Segments(byte[] jpeg)
    {
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        yield return (0xD8, []);
        var at = 2;
        while (true)
        {
            Assert.Equal(0xFF, jpeg[at]);
            var marker = jpeg[at + 1];
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
            yield return (marker, jpeg[(at + 4)..(at + 2 + length)]);
            at += 2 + length;
            if (marker == 0xDA)
                break;
        }
        Assert.Equal([0xFF, 0xD9], jpeg[^2..]);
        yield return (0xD9, []);
    }

    private static byte[] EntropyData(byte[] jpeg)
    {
        var sos = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]);
        var start = sos + 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(sos + 2));
        return jpeg[start..^2];
    }
}
