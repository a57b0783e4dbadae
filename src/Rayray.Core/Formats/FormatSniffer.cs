using System.Buffers.Binary;
using System.Text;
using Rayray.Core.Documents;

namespace Rayray.Core.Formats;

/// <summary>
/// Recognizes a media format from a file's first bytes. The content decides the format; the
/// extension only picks between formats that share a container (a TIFF header is TIFF, DNG or NEF
/// depending on the name) and fills in when the content alone is ambiguous.
/// </summary>
public static class FormatSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at; fewer are fine for short files.</summary>
    public const int HeaderLength = 4096;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] EbmlMagic = [0x1A, 0x45, 0xDF, 0xA3];
    private static readonly byte[] AsfMagic = [0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11];
    private static readonly byte[] MpegPackHeader = [0x00, 0x00, 0x01, 0xBA];

    /// <summary>How many of a file's last bytes <see cref="SniffTail"/> looks at.</summary>
    public const int TailLength = 26;

    /// <summary>A format that names itself only at the end of the file (TGA 2.0's footer), for a file whose first bytes <see cref="Sniff"/> did not recognize.</summary>
    public static MediaFormat? SniffTail(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail) => FormatSignatures.Footer(head, tail);

    public static MediaFormat? Sniff(ReadOnlySpan<byte> head, MediaFormat? byExtension)
    {
        var family = SniffFamily(head);
        return family switch
        {
            ContainerFamily.Unknown => FormatSignatures.Sniff(head, byExtension),
            ContainerFamily.Jpeg => MediaFormats.Jpeg,
            ContainerFamily.Png => MediaFormats.Png,
            ContainerFamily.Gif => MediaFormats.Gif,
            ContainerFamily.Bmp => MediaFormats.Bmp,
            ContainerFamily.Psd => MediaFormats.Psd,
            ContainerFamily.Tiff => TiffVariant(head, byExtension),
            ContainerFamily.Riff => RiffVariant(head),
            ContainerFamily.IsoMedia => IsoMediaVariant(head, byExtension),
            ContainerFamily.Matroska => ContainsAscii(head, "webm") ? MediaFormats.WebM : MediaFormats.Matroska,
            ContainerFamily.MpegTransportStream => MediaFormats.M2ts,
            ContainerFamily.MpegProgramStream => MediaFormats.Mpeg,
            ContainerFamily.Asf => byExtension == MediaFormats.Wma ? MediaFormats.Wma : MediaFormats.Wmv,
            ContainerFamily.Mp3 => AfterId3(head, byExtension),
            ContainerFamily.Adts => MediaFormats.Aac,
            ContainerFamily.Flac => MediaFormats.Flac,
            ContainerFamily.Ogg => OggVariant(head),
            ContainerFamily.Aiff => MediaFormats.Aiff,
            ContainerFamily.OtherRaw => OtherRawVariant(head),
            _ => null,
        };
    }

    private static ContainerFamily SniffFamily(ReadOnlySpan<byte> h)
    {
        if (h.Length < 4)
            return ContainerFamily.Unknown;
        if (h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
            return ContainerFamily.Jpeg;
        if (h.StartsWith(PngSignature))
            return ContainerFamily.Png;
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8))
            return ContainerFamily.Gif;
        if (h.StartsWith("II*\0"u8) || h.StartsWith("MM\0*"u8) || h.StartsWith("II+\0"u8) || h.StartsWith("MM\0+"u8) ||
            h.StartsWith("IIRO"u8) || h.StartsWith("IIRS"u8) || h.StartsWith("MMOR"u8) || h.StartsWith("IIU\0"u8))
            return ContainerFamily.Tiff;
        if (h.Length >= 12 && h[4..8].SequenceEqual("ftyp"u8))
            return ContainerFamily.IsoMedia;
        if (h.Length >= 8 && IsQuickTimeAtom(h[4..8]) && BinaryPrimitives.ReadUInt32BigEndian(h) is >= 8 or 1)
            return ContainerFamily.IsoMedia;
        if (h.Length >= 12 && h.StartsWith("RIFF"u8) && (h[8..12].SequenceEqual("WEBP"u8) || h[8..12].SequenceEqual("AVI "u8) || h[8..12].SequenceEqual("WAVE"u8)))
            return ContainerFamily.Riff;
        if (h.StartsWith(EbmlMagic))
            return ContainerFamily.Matroska;
        if (h.StartsWith("8BPS"u8))
            return ContainerFamily.Psd;
        if (h.StartsWith("fLaC"u8))
            return ContainerFamily.Flac;
        if (h.StartsWith("OggS"u8))
            return ContainerFamily.Ogg;
        if (h.Length >= 12 && h.StartsWith("FORM"u8) && (h[8..12].SequenceEqual("AIFF"u8) || h[8..12].SequenceEqual("AIFC"u8)))
            return ContainerFamily.Aiff;
        if (h.StartsWith(AsfMagic))
            return ContainerFamily.Asf;
        if (h.StartsWith("FUJIFILMCCD-RAW"u8) || h.StartsWith("\0MRM"u8) || h.StartsWith("FOVb"u8) ||
            (h.Length >= 14 && h[6..14].SequenceEqual("HEAPCCDR"u8)))
            return ContainerFamily.OtherRaw;
        if (IsTransportStream(h))
            return ContainerFamily.MpegTransportStream;
        if (h.StartsWith(MpegPackHeader))
            return ContainerFamily.MpegProgramStream;
        if (h.StartsWith("ID3"u8) || IsMpegAudioFrame(h))
            return ContainerFamily.Mp3;
        if (h[0] == 0xFF && (h[1] & 0xF6) == 0xF0)
            return ContainerFamily.Adts;
        if (IsBmp(h))
            return ContainerFamily.Bmp;
        return ContainerFamily.Unknown;
    }

    private static MediaFormat TiffVariant(ReadOnlySpan<byte> h, MediaFormat? byExtension)
    {
        if (h.StartsWith("IIRO"u8) || h.StartsWith("IIRS"u8) || h.StartsWith("MMOR"u8))
            return MediaFormats.Orf;
        if (h.StartsWith("IIU\0"u8))
            return MediaFormats.Rw2;
        if (h.Length >= 10 && h[8] == (byte)'C' && h[9] == (byte)'R')
            return MediaFormats.Cr2;
        return byExtension is { Family: ContainerFamily.Tiff } ? byExtension : MediaFormats.Tiff;
    }

    private static MediaFormat? RiffVariant(ReadOnlySpan<byte> h) => Encoding.ASCII.GetString(h[8..12]) switch
    {
        "WEBP" => MediaFormats.WebP,
        "AVI " => MediaFormats.Avi,
        "WAVE" => MediaFormats.Wav,
        _ => null,
    };

    private static MediaFormat IsoMediaVariant(ReadOnlySpan<byte> h, MediaFormat? byExtension)
    {
        if (!h[4..8].SequenceEqual("ftyp"u8))
            return MediaFormats.QuickTime;
        var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(h), (uint)h.Length);
        var brands = new List<string> { Encoding.ASCII.GetString(h[8..12]) };
        for (var at = 16; at + 4 <= size; at += 4)
            brands.Add(Encoding.ASCII.GetString(h[at..(at + 4)]));

        bool Has(params string[] wanted) => brands.Any(b => wanted.Contains(b, StringComparer.Ordinal));
        var major = brands[0];
        if (major is "crx ")
            return MediaFormats.Cr3;
        if (major is "avif" or "avis")
            return MediaFormats.Avif;
        if (major is "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx")
            return byExtension == MediaFormats.Heif ? MediaFormats.Heif : MediaFormats.Heic;
        if (major is "mif1" or "msf1")
        {
            if (Has("avif", "avis"))
                return MediaFormats.Avif;
            return Has("heic", "heix") && byExtension != MediaFormats.Heif ? MediaFormats.Heic : MediaFormats.Heif;
        }
        if (major is "qt  ")
            return MediaFormats.QuickTime;
        if (major.StartsWith("3g", StringComparison.Ordinal))
            return MediaFormats.ThreeGpp;
        if (major is "M4A " or "M4B " or "M4P ")
            return MediaFormats.M4a;
        if (byExtension is { Family: ContainerFamily.IsoMedia })
            return byExtension;
        return MediaFormats.Mp4;
    }

    /// <summary>
    /// An ID3v2 tag is put before FLAC, APE, Musepack and AAC too: the format is what follows the tag, or, when the
    /// tag runs past the bytes given, the audio format the name says; else MP3.
    /// </summary>
    private static MediaFormat AfterId3(ReadOnlySpan<byte> h, MediaFormat? byExtension)
    {
        if (!h.StartsWith("ID3"u8) || h.Length < 10)
            return MediaFormats.Mp3;
        // The size is 28 bits in four 7-bit bytes, without the 10-byte header and the footer (flag 0x10) of as many.
        var end = 10L + ((h[6] & 0x7F) << 21) + ((h[7] & 0x7F) << 14) + ((h[8] & 0x7F) << 7) + (h[9] & 0x7F) + ((h[5] & 0x10) != 0 ? 10 : 0);
        if (end + 4 <= h.Length)
            return Sniff(h[(int)end..], byExtension) is { Kind: MediaKind.Audio } audio ? audio : MediaFormats.Mp3;
        return byExtension is { Kind: MediaKind.Audio, Family: not (ContainerFamily.IsoMedia or ContainerFamily.Riff or ContainerFamily.Ogg or ContainerFamily.Asf) }
            ? byExtension
            : MediaFormats.Mp3;
    }

    /// <summary>
    /// Video when a stream that begins on the first pages (Ogg puts every stream's first page before any other
    /// page) is Theora, VP8 or Dirac; Opus when the first stream is; else Ogg audio (Vorbis, Speex, FLAC).
    /// </summary>
    private static MediaFormat OggVariant(ReadOnlySpan<byte> h)
    {
        var first = true;
        var opus = false;
        for (var at = 0; at + 27 <= h.Length && h[at..].StartsWith("OggS"u8) && (h[at + 5] & 0x02) != 0;)
        {
            var segments = h[at + 26];
            var payload = at + 27 + segments;
            if (payload > h.Length)
                break;
            var packet = h[payload..];
            if ((packet.Length >= 7 && packet[0] == 0x80 && packet[1..7].SequenceEqual("theora"u8)) || packet.StartsWith("OVP80"u8) || packet.StartsWith("BBCD\0"u8))
                return MediaFormats.OggVideo;
            opus |= first && packet.StartsWith("OpusHead"u8);
            first = false;
            var length = 0;
            foreach (var lacing in h.Slice(at + 27, segments))
                length += lacing;
            at = payload + length;
        }
        // No whole page in the bytes given: an Opus header anywhere in them still says Opus.
        return opus || (first && ContainsAscii(h, "OpusHead")) ? MediaFormats.Opus : MediaFormats.Ogg;
    }

    private static MediaFormat OtherRawVariant(ReadOnlySpan<byte> h) =>
        h.StartsWith("FUJIFILMCCD-RAW"u8) ? MediaFormats.Raf
        : h.StartsWith("\0MRM"u8) ? MediaFormats.Mrw
        : h.StartsWith("FOVb"u8) ? MediaFormats.X3f
        : MediaFormats.Crw;

    private static bool IsQuickTimeAtom(ReadOnlySpan<byte> type) =>
        type.SequenceEqual("moov"u8) || type.SequenceEqual("mdat"u8) || type.SequenceEqual("wide"u8) ||
        type.SequenceEqual("free"u8) || type.SequenceEqual("skip"u8) || type.SequenceEqual("pnot"u8);

    private static bool IsTransportStream(ReadOnlySpan<byte> h)
    {
        // 188-byte packets (TS) or 192-byte packets with a 4-byte timestamp (M2TS), checked over three packets.
        static bool Synced(ReadOnlySpan<byte> h, int first, int stride) =>
            h.Length > first + (2 * stride) && h[first] == 0x47 && h[first + stride] == 0x47 && h[first + (2 * stride)] == 0x47;
        return Synced(h, 0, 188) || Synced(h, 4, 192);
    }

    private static bool IsMpegAudioFrame(ReadOnlySpan<byte> h)
    {
        // Frame sync, MPEG version not reserved, layer III, bitrate and sample-rate indexes not reserved.
        if (h[0] != 0xFF || (h[1] & 0xE0) != 0xE0)
            return false;
        var version = (h[1] >> 3) & 0x3;
        var layer = (h[1] >> 1) & 0x3;
        var bitrate = h[2] >> 4;
        var sampleRate = (h[2] >> 2) & 0x3;
        return version != 1 && layer == 1 && bitrate is not (0 or 15) && sampleRate != 3;
    }

    private static bool IsBmp(ReadOnlySpan<byte> h)
    {
        if (h.Length < 18 || h[0] != (byte)'B' || h[1] != (byte)'M')
            return false;
        var dibHeaderSize = BinaryPrimitives.ReadUInt32LittleEndian(h[14..18]);
        return dibHeaderSize is 12 or 40 or 52 or 56 or 64 or 108 or 124;
    }

    private static bool ContainsAscii(ReadOnlySpan<byte> h, string text) =>
        h.IndexOf(Encoding.ASCII.GetBytes(text)) >= 0;
}
