using System.Buffers.Binary;
using Rayray.Core.Extraction.Headers;

namespace Rayray.Core.Formats;

/// <summary>
/// The formats that no container family of <see cref="FormatSniffer"/> claims, each by a signature of its
/// own, checked after those families: the strong magic numbers first, then the formats whose few magic bytes
/// a random file could start with (ICO, PCX, Netpbm), which must also have a header that holds together, and
/// TGA, which has none and is taken only by its name and a plausible header (or its footer, see <see cref="Footer"/>).
/// </summary>
internal static class FormatSignatures
{
    private static readonly byte[] WtvMagic = [0xB7, 0xD8, 0x00, 0x20, 0x37, 0x49, 0xDA, 0x11, 0xA6, 0x4E, 0x00, 0x07, 0xE9, 0x5E, 0xAD, 0x8D];

    /// <summary>The MXF header partition pack key, up to its kind byte (SMPTE ST 377-1).</summary>
    private static readonly byte[] MxfPartitionKey = [0x06, 0x0E, 0x2B, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0D, 0x01, 0x02, 0x01, 0x01];

    public static MediaFormat? Sniff(ReadOnlySpan<byte> h, MediaFormat? byExtension)
    {
        if (h.StartsWith(Jpeg2000Header.Signature) || h.StartsWith(Jpeg2000Header.DraftSignature))
            return Jpeg2000Header.Variant(h);
        if (Jpeg2000Header.IsCodestream(h))
            return MediaFormats.J2c;
        if (h.StartsWith(JpegXlHeader.ContainerSignature) || (JpegXlHeader.IsCodestream(h) && JpegXlHeader.Size(h) is not null))
            return MediaFormats.Jxl;
        if (XcfHeader.IsXcf(h))
            return MediaFormats.Xcf;
        if (h.StartsWith(PspHeader.Signature))
            return MediaFormats.Psp;
        if (h.StartsWith(OpenExrHeader.Magic))
            return MediaFormats.Exr;
        if (DpxHeader.IsDpx(h))
            return MediaFormats.Dpx;
        if (RadianceHeader.IsRadiance(h))
            return MediaFormats.RadianceHdr;
        if (FlifHeader.IsFlif(h))
            return MediaFormats.Flif;
        if (BpgHeader.IsBpg(h))
            return MediaFormats.Bpg;
        if (AudioVideo(h, byExtension) is { } audioVideo)
            return audioVideo;
        if (IcoHeader.Type(h) is var icon and > 0)
            return icon == 1 ? MediaFormats.Ico : MediaFormats.Cur;
        if (IsPcx(h))
            return MediaFormats.Pcx;
        if (h.Length > 0 && h[0] == (byte)'P' && NetpbmHeader.Parse(h) is { } netpbm)
            return NetpbmVariant(netpbm.Magic);
        if (byExtension == MediaFormats.Tga && TgaHeader.IsPlausible(h))
            return MediaFormats.Tga;
        return null;
    }

    /// <summary>
    /// A TGA 2.0 recognized by the footer at the end of the file (<paramref name="tail"/>: its last bytes), whatever its
    /// name; asked only when nothing in the first bytes was recognized.
    /// </summary>
    public static MediaFormat? Footer(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail) =>
        TgaHeader.HasFooter(tail) && TgaHeader.IsPlausible(head) ? MediaFormats.Tga : null;

    private static MediaFormat? AudioVideo(ReadOnlySpan<byte> h, MediaFormat? byExtension)
    {
        if (h.Length < 16)
            return null;
        if (h.StartsWith("MAC "u8) && BinaryPrimitives.ReadUInt16LittleEndian(h[4..]) is >= 3000 and < 5000)
            return MediaFormats.Ape;
        if (h.StartsWith("wvpk"u8) && BinaryPrimitives.ReadUInt16LittleEndian(h[8..]) is >= 0x402 and <= 0x410)
            return MediaFormats.WavPack;
        if ((h.StartsWith("MP+"u8) && (h[3] & 0x0F) == 7) || h.StartsWith("MPCKSH"u8))
            return MediaFormats.Musepack;
        if (h.StartsWith("DSD "u8) && BinaryPrimitives.ReadUInt64LittleEndian(h[4..]) == 28)
            return MediaFormats.Dsf;
        if (h.StartsWith("FRM8"u8) && h[12..16].SequenceEqual("DSD "u8))
            return MediaFormats.Dff;
        if (h.StartsWith("FLV\x01"u8) && BinaryPrimitives.ReadUInt32BigEndian(h[5..]) >= 9)
            return MediaFormats.Flv;
        if (h.StartsWith(WtvMagic))
            return MediaFormats.Wtv;
        if (h.StartsWith(MxfPartitionKey))
            return MediaFormats.Mxf;
        // The first DIF block: a header section (ID 1F 07 00), then 3F for 525-line or BF for 625-line video.
        if (h[0] == 0x1F && h[1] == 0x07 && h[2] == 0x00 && h[3] is 0x3F or 0xBF)
            return MediaFormats.Dv;
        if (h.StartsWith(".RMF"u8))
            return byExtension == MediaFormats.RealAudio ? MediaFormats.RealAudio : MediaFormats.RealMedia;
        if (h.StartsWith(".ra"u8) && h[3] == 0xFD)
            return MediaFormats.RealAudio;
        return null;
    }

    /// <summary>
    /// A ZSoft PCX header: 0x0A, a version (0, 2–5), RLE encoding (1), 1/2/4/8 bits per plane, corners in order,
    /// 1 to 4 planes and enough bytes per line for the width.
    /// </summary>
    private static bool IsPcx(ReadOnlySpan<byte> h)
    {
        if (h.Length < 128 || h[0] != 0x0A || h[1] is not (0 or 2 or 3 or 4 or 5) || h[2] != 1 || h[3] is not (1 or 2 or 4 or 8))
            return false;
        var (xMin, yMin, xMax, yMax) = (BinaryPrimitives.ReadUInt16LittleEndian(h[4..]), BinaryPrimitives.ReadUInt16LittleEndian(h[6..]),
                                        BinaryPrimitives.ReadUInt16LittleEndian(h[8..]), BinaryPrimitives.ReadUInt16LittleEndian(h[10..]));
        var bytesPerLine = BinaryPrimitives.ReadUInt16LittleEndian(h[66..]);
        return xMax >= xMin && yMax >= yMin && h[65] is >= 1 and <= 4 && bytesPerLine > 0 && bytesPerLine * 8L >= (xMax - xMin + 1L) * h[3];
    }

    private static MediaFormat NetpbmVariant(char magic) => magic switch
    {
        '1' or '4' => MediaFormats.Pbm,
        '2' or '5' => MediaFormats.Pgm,
        '3' or '6' => MediaFormats.Ppm,
        '7' => MediaFormats.Pam,
        _ => MediaFormats.Pfm,
    };
}
