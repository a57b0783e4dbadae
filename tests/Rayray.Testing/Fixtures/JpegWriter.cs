using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Writes a baseline (SOF0) JPEG of a uniform mid-grey picture: three components Y, Cb, Cr sampled 4:2:0 (one MCU is
/// 16x16 pixels: four Y blocks, one Cb, one Cr; 32 bits) or 4:4:4 (one MCU is 8x8 pixels: one block each; 14 bits, so
/// bytes end in 1-bit padding), the Annex K quantization and Huffman tables, and for every block a DC difference of 0
/// and an immediate end-of-block. With a restart interval it writes DRI and RST0..RST7 in turn.
/// </summary>
internal static class JpegWriter
{
    public const string XmpSignature = "http://ns.adobe.com/xap/1.0/";

    private const int MaxSegmentPayload = 65533;

    private static readonly byte[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    // Annex K.1, natural (row-major) order.
    private static readonly byte[] LuminanceQuantization =
    [
        16, 11, 10, 16, 24, 40, 51, 61,
        12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56,
        14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77,
        24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101,
        72, 92, 95, 98, 112, 100, 103, 99,
    ];

    private static readonly byte[] ChrominanceQuantization =
    [
        17, 18, 24, 47, 99, 99, 99, 99,
        18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99,
        47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99,
    ];

    public static byte[] Write(int width, int height, byte[]? exifTiff, string? xmp, IReadOnlyList<string>? iptcKeywords, int restartInterval, bool subsampled = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 65535);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 65535);
        ArgumentOutOfRangeException.ThrowIfNegative(restartInterval);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(restartInterval, 65535);

        var jpeg = new ByteBuffer(bigEndian: true);
        Marker(jpeg, 0xD8);
        if (exifTiff is not null)
            Segment(jpeg, 0xE1, [.. "Exif\0\0"u8, .. exifTiff]);
        if (xmp is not null)
            Segment(jpeg, 0xE1, [.. Encoding.ASCII.GetBytes(XmpSignature), 0, .. Encoding.UTF8.GetBytes(xmp)]);
        if (iptcKeywords is not null)
            Segment(jpeg, 0xED, IptcWriter.PhotoshopApp13(iptcKeywords));

        Segment(jpeg, 0xDB, [0x00, .. ZigZag.Select(i => LuminanceQuantization[i]), 0x01, .. ZigZag.Select(i => ChrominanceQuantization[i])]);
        Segment(jpeg, 0xC0,
        [
            8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3,
            1, subsampled ? (byte)0x22 : (byte)0x11, 0, // Y: 2x2 (4:2:0) or 1x1 (4:4:4) sampling, quantization table 0
            2, 0x11, 1, // Cb: 1x1, table 1
            3, 0x11, 1, // Cr: 1x1, table 1
        ]);
        Segment(jpeg, 0xC4,
        [
            .. HuffmanTable(0x00, JpegHuffmanTable.LuminanceDc),
            .. HuffmanTable(0x10, JpegHuffmanTable.LuminanceAc),
            .. HuffmanTable(0x01, JpegHuffmanTable.ChrominanceDc),
            .. HuffmanTable(0x11, JpegHuffmanTable.ChrominanceAc),
        ]);
        if (restartInterval > 0)
            Segment(jpeg, 0xDD, [(byte)(restartInterval >> 8), (byte)restartInterval]);
        Segment(jpeg, 0xDA, [3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]);
        EntropyCodedData(jpeg, width, height, restartInterval, subsampled);
        Marker(jpeg, 0xD9);
        return jpeg.ToArray();
    }

    private static void EntropyCodedData(ByteBuffer jpeg, int width, int height, int restartInterval, bool subsampled)
    {
        var bits = new JpegBitWriter(jpeg);
        var mcuSize = subsampled ? 16 : 8;
        var mcus = (long)((width + mcuSize - 1) / mcuSize) * ((height + mcuSize - 1) / mcuSize);
        // Y, Cb, Cr: blocks per MCU and tables.
        var components = new[]
        {
            (Blocks: subsampled ? 4 : 1, Dc: JpegHuffmanTable.LuminanceDc, Ac: JpegHuffmanTable.LuminanceAc),
            (Blocks: 1, Dc: JpegHuffmanTable.ChrominanceDc, Ac: JpegHuffmanTable.ChrominanceAc),
            (Blocks: 1, Dc: JpegHuffmanTable.ChrominanceDc, Ac: JpegHuffmanTable.ChrominanceAc),
        };
        var predictors = new int[components.Length];
        var restarts = 0;
        for (long mcu = 0; mcu < mcus; mcu++)
        {
            if (restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0)
            {
                bits.Restart(restarts++);
                Array.Clear(predictors);
            }
            for (var c = 0; c < components.Length; c++)
            {
                for (var block = 0; block < components[c].Blocks; block++)
                {
                    // Every block of the grey picture: DC coefficient 0 (level 128 after the level shift), no AC.
                    const int Dc = 0;
                    EncodeDc(bits, components[c].Dc, Dc - predictors[c]);
                    predictors[c] = Dc;
                    var (eob, eobLength) = components[c].Ac.CodeOf(0x00);
                    bits.Write(eob, eobLength);
                }
            }
        }
        bits.PadToByte();
    }

    /// <summary>F.1.2.1: the size category's code, then the low bits of the difference (one's complement when negative).</summary>
    private static void EncodeDc(JpegBitWriter bits, JpegHuffmanTable table, int difference)
    {
        var magnitude = Math.Abs(difference);
        var category = magnitude == 0 ? 0 : 32 - int.LeadingZeroCount(magnitude);
        var (code, length) = table.CodeOf((byte)category);
        bits.Write(code, length);
        if (category > 0)
            bits.Write(difference < 0 ? difference - 1 : difference, category);
    }

    private static byte[] HuffmanTable(byte classAndId, JpegHuffmanTable table) => [classAndId, .. table.Counts, .. table.Symbols];

    private static void Marker(ByteBuffer jpeg, byte code)
    {
        jpeg.U8(0xFF);
        jpeg.U8(code);
    }

    private static void Segment(ByteBuffer jpeg, byte code, byte[] payload)
    {
        if (payload.Length > MaxSegmentPayload)
            throw new ArgumentException($"JPEG segment 0x{code:X2} payload is {payload.Length} bytes; at most {MaxSegmentPayload} fit");
        Marker(jpeg, code);
        jpeg.U16(payload.Length + 2);
        jpeg.Bytes(payload);
    }
}
