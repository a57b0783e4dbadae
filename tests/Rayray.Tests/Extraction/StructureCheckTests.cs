using System.Text;
using Rayray.Core.Extraction.Integrity;
using Rayray.Testing.Fixtures;
using Crc32 = Rayray.Core.Extraction.Integrity.Crc32;

namespace Rayray.Tests.Extraction;

/// <summary>The structure checks that decide whether a file is intact, fed the way the hashing loop feeds them.</summary>
public sealed class StructureCheckTests
{
    private static string? Run(IStreamingCheck check, byte[] bytes, int chunkSize = 4096)
    {
        for (var at = 0; at < bytes.Length; at += chunkSize)
            check.Append(bytes.AsSpan(at, Math.Min(chunkSize, bytes.Length - at)));
        return check.Finish();
    }

    private static string? Jpeg(byte[] bytes, int chunkSize = 4096) => Run(new JpegStructureCheck(), bytes, chunkSize);

    private static string? Png(byte[] bytes, int chunkSize = 4096) => Run(new PngStructureCheck(), bytes, chunkSize);

    [Fact]
    public void Crc32_matches_the_standard_check_value()
    {
        var data = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Update(0xFFFFFFFF, data) ^ 0xFFFFFFFF);
        var longer = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        Assert.Equal(Rayray.Testing.Fixtures.Crc32.Compute(longer), Crc32.Update(0xFFFFFFFF, longer) ^ 0xFFFFFFFF);
    }

    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(640, 480, 0)]
    [InlineData(333, 77, 1)]
    [InlineData(333, 77, 3)]
    [InlineData(64, 64, 7)]
    public void Intact_jpegs_pass_in_any_chunking(int width, int height, int restartInterval)
    {
        foreach (var bytes in new[] { TestImages.Jpeg(width, height, SampleExif(), restartInterval: restartInterval), TestImages.Jpeg444(width, height, restartInterval: restartInterval) })
        {
            foreach (var chunk in new[] { 1, 7, 4096, bytes.Length })
                Assert.Null(Jpeg(bytes, chunk));
        }
    }

    [Fact]
    public void Bytes_after_the_end_of_image_marker_are_allowed()
    {
        var bytes = TestImages.Jpeg(64, 64).Concat("rayray-bench-00000042"u8.ToArray()).ToArray();
        Assert.Null(Jpeg(bytes));
    }

    [Fact]
    public void A_jpeg_cut_anywhere_is_reported_truncated()
    {
        var bytes = TestImages.Jpeg(200, 120, SampleExif(), restartInterval: 2);
        for (var length = 2; length < bytes.Length; length += Math.Max(1, bytes.Length / 97))
        {
            var reason = Jpeg(bytes[..length]);
            Assert.True(reason is not null, $"cut at {length} of {bytes.Length} passed");
        }
    }

    [Fact]
    public void A_block_overwritten_with_ff_bytes_is_corrupt_scan_data()
    {
        var bytes = TestImages.Jpeg444(256, 256, restartInterval: 1);
        var scanStart = LastIndexOf(bytes, [0xFF, 0xDA]) + 20;
        Array.Fill(bytes, (byte)0xFF, scanStart, 64);
        bytes[scanStart + 64] = 0x9F;

        var reason = Jpeg(bytes);

        Assert.NotNull(reason);
        Assert.Contains("scan data is corrupt", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_restart_interval_is_detected()
    {
        var bytes = TestImages.Jpeg444(64, 64, restartInterval: 1).ToList();
        var rst = bytes.FindIndex(20, b => b == 0xFF);
        for (var i = 0; i < bytes.Count - 1; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] == 0xD3)
            {
                bytes.RemoveRange(i, 2);
                break;
            }
        }
        _ = rst;
        var reason = Jpeg([.. bytes]);
        Assert.NotNull(reason);
        Assert.Contains("RST", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Non_jpeg_bytes_are_not_a_jpeg()
    {
        Assert.StartsWith("not a JPEG", Jpeg("hello world"u8.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Intact_pngs_pass_with_trailing_bytes_allowed()
    {
        var bytes = TestImages.Png(100, 60, SampleExif(), new Dictionary<string, string> { ["Comment"] = "hi" });
        foreach (var chunk in new[] { 1, 5, 4096 })
            Assert.Null(Png(bytes, chunk));
        Assert.Null(Png([.. bytes, .. "trailing"u8.ToArray()]));
    }

    [Fact]
    public void A_png_cut_anywhere_or_with_a_flipped_byte_is_rejected()
    {
        var bytes = TestImages.Png(100, 60);
        for (var length = 1; length < bytes.Length; length += 3)
            Assert.NotNull(Png(bytes[..length]));
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x10;
        Assert.Contains("fails its CRC", Png(flipped), StringComparison.Ordinal);
    }

    private static ExifSpec SampleExif() => new() { Make = "Canon", Model = "EOS R5", DateTimeOriginal = "2024:01:15 10:30:00" };

    private static int LastIndexOf(byte[] bytes, byte[] pattern) => bytes.AsSpan().LastIndexOf(pattern);
}
