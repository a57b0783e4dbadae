using System.Buffers.Binary;
using Rayray.Core.Extraction.Heif;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// Reads the first entry of a track's 'stsd' as ffmpeg names its stream. No library does: MetadataExtractor 2.4.3
/// reads no sample entry and TagLibSharp reads no codec configuration, and ffmpeg's codec, profile, pixel format and
/// colour come from inside them (avcC and hvcC parameter sets, 'colr', 'esds').
/// </summary>
internal static class SampleDescriptions
{
    /// <summary>VisualSampleEntry after its box header: 8 bytes of SampleEntry, then 70 of its own before the child boxes.</summary>
    private const int VisualEntryLength = 78;

    /// <summary>AudioSampleEntry after its box header (QuickTime version 0): 8 bytes of SampleEntry, then 20 of its own.</summary>
    private const int AudioEntryLength = 28;

    public static SampleEntry? Read(ReadOnlySpan<byte> stsd, string? handler)
    {
        // Version and flags, entry count, then the first entry as a box.
        if (stsd.Length < 16 || BinaryPrimitives.ReadUInt32BigEndian(stsd[4..]) == 0)
            return null;
        var entry = IsoBox.Children(stsd, 8, stsd.Length).FirstOrDefault();
        if (entry.Type is null)
            return null;
        var body = stsd.Slice(entry.PayloadStart, entry.PayloadLength);
        return handler switch
        {
            "vide" => Video(entry.Type, body),
            "soun" => Audio(entry.Type, body),
            _ => null,
        };
    }

    private static VideoSampleEntry Video(string format, ReadOnlySpan<byte> body)
    {
        var codec = format switch
        {
            "avc1" or "avc3" => "h264",
            "hvc1" or "hev1" or "dvh1" or "dvhe" => "hevc",
            _ => null,
        };
        if (codec is null || body.Length < VisualEntryLength)
            return new VideoSampleEntry(format) { Gap = $"its video codec '{RawBoxHeader.Printable(format)}' is not one rayray reads" };
        VideoUsability? colour = null;
        IsoBox? configuration = null;
        foreach (var child in IsoBox.Children(body, VisualEntryLength, body.Length))
        {
            if (child.Type == "colr")
                colour ??= ColourBox(body.Slice(child.PayloadStart, child.PayloadLength));
            else if (child.Type == (codec == "h264" ? "avcC" : "hvcC"))
                configuration ??= child;
        }
        if (configuration is null)
            return new VideoSampleEntry(format) { Codec = codec, Gap = $"its '{format}' entry has no decoder configuration" };
        var bytes = body.Slice(configuration.Value.PayloadStart, configuration.Value.PayloadLength);
        return codec == "h264" ? Avc(format, bytes, colour) : Hevc(format, bytes);
    }

    /// <summary>ffmpeg's H.264 decoder takes the SPS's colour and range where it has them, else keeps the 'colr' box's.</summary>
    private static VideoSampleEntry Avc(string format, ReadOnlySpan<byte> avcC, VideoUsability? colour)
    {
        var sps = AvcParameters.FromConfiguration(avcC);
        if (sps is null)
            return new VideoSampleEntry(format) { Codec = "h264", Gap = "its avcC holds no sequence parameter set" };
        var vui = sps.Usability;
        var box = colour ?? new VideoUsability(false, false, false, 2, 2, 2);
        var fullRange = vui.SignalTypePresent ? vui.FullRange : box.FullRange;
        var (primaries, transfer, matrix) = vui.ColourPresent ? (vui.Primaries, vui.Transfer, vui.Matrix) : (box.Primaries, box.Transfer, box.Matrix);
        return new VideoSampleEntry(format)
        {
            Codec = "h264",
            Profile = sps.ProfileName,
            Width = sps.Width,
            Height = sps.Height,
            PixelFormat = ColourNames.PixelFormat(sps.ChromaFormat, sps.BitDepth, fullRange, ColourNames.Matrix(matrix) == "gbr", monochromeAsGray: false),
            BitsPerRawSample = sps.BitDepth,
            ColorSpace = ColourNames.Matrix(matrix),
            ColorPrimaries = ColourNames.Primaries(primaries),
            ColorTransfer = ColourNames.Transfer(transfer),
        };
    }

    private static VideoSampleEntry Hevc(string format, ReadOnlySpan<byte> hvcC)
    {
        var sps = HevcParameters.FromConfiguration(hvcC);
        if (sps is null)
            return new VideoSampleEntry(format) { Codec = "hevc", Gap = "its hvcC holds no sequence parameter set" };
        var vui = sps.Usability;
        var (primaries, transfer, matrix) = vui.ColourPresent ? (vui.Primaries, vui.Transfer, vui.Matrix) : (2, 2, 2);
        var rgb = vui.ColourPresent && ColourNames.Matrix(matrix) == "gbr" && sps.BitDepth <= 12;
        return new VideoSampleEntry(format)
        {
            Codec = "hevc",
            Profile = sps.ProfileName,
            Width = sps.Width,
            Height = sps.Height,
            PixelFormat = ColourNames.PixelFormat(sps.ChromaFormat, sps.BitDepth, vui.FullRange && sps.ChromaFormat == 1, rgb, monochromeAsGray: true),
            ColorSpace = ColourNames.Matrix(matrix),
            ColorPrimaries = ColourNames.Primaries(primaries),
            ColorTransfer = ColourNames.Transfer(transfer),
        };
    }

    /// <summary>A 'colr' box of type nclx (ISO 23001-8) or nclc (QuickTime): primaries, transfer, matrix, and nclx's range flag.</summary>
    private static VideoUsability? ColourBox(ReadOnlySpan<byte> colr)
    {
        if (colr.Length < 10 || !(colr[..4].SequenceEqual("nclx"u8) || colr[..4].SequenceEqual("nclc"u8)))
            return null;
        var fullRange = colr[..4].SequenceEqual("nclx"u8) && colr.Length >= 11 && (colr[10] & 0x80) != 0;
        return new VideoUsability(true, fullRange, true,
            BinaryPrimitives.ReadUInt16BigEndian(colr[4..]), BinaryPrimitives.ReadUInt16BigEndian(colr[6..]), BinaryPrimitives.ReadUInt16BigEndian(colr[8..]));
    }

    private static AudioSampleEntry Audio(string format, ReadOnlySpan<byte> body)
    {
        if (body.Length < AudioEntryLength)
            return new AudioSampleEntry(format) { Gap = "its audio sample entry is cut short" };
        var version = BinaryPrimitives.ReadUInt16BigEndian(body[8..]);
        int channels = BinaryPrimitives.ReadUInt16BigEndian(body[16..]);
        var sampleRate = (int)(BinaryPrimitives.ReadUInt32BigEndian(body[24..]) >> 16);
        var childrenStart = AudioEntryLength + version switch { 1 => 16, 2 => 36, _ => 0 };
        if (version == 2 && body.Length >= 44)
        {
            sampleRate = (int)BitConverter.Int64BitsToDouble(BinaryPrimitives.ReadInt64BigEndian(body[32..]));
            channels = (int)BinaryPrimitives.ReadUInt32BigEndian(body[40..]);
        }
        if (format != "mp4a")
            return new AudioSampleEntry(format) { Gap = $"its audio codec '{RawBoxHeader.Printable(format)}' is not one rayray reads" };
        var esds = FindEsds(body, childrenStart);
        var descriptor = esds is null ? null : ElementaryStreamDescriptor.Read(esds);
        if (descriptor?.AudioCodec is not { } codec)
            return new AudioSampleEntry(format) { Gap = $"its 'mp4a' entry names no audio codec rayray reads (object type {descriptor?.ObjectType})" };
        if (codec == "aac" && (descriptor.Channels is null || descriptor.SampleRate is null))
            return new AudioSampleEntry(format) { Codec = codec, Gap = "its AAC configuration gives no channel layout or sample rate" };
        return new AudioSampleEntry(format)
        {
            Codec = codec,
            SampleRate = codec == "aac" ? descriptor.SampleRate : sampleRate,
            Channels = codec == "aac" ? descriptor.Channels : channels,
        };
    }

    /// <summary>The esds payload: a child of the entry, or (QuickTime) inside its 'wave' box.</summary>
    private static byte[]? FindEsds(ReadOnlySpan<byte> body, int childrenStart)
    {
        if (childrenStart > body.Length)
            return null;
        foreach (var child in IsoBox.Children(body, childrenStart, body.Length))
        {
            if (child.Type == "esds")
                return body.Slice(child.PayloadStart, child.PayloadLength).ToArray();
            if (child.Type == "wave")
            {
                var wave = body.Slice(child.PayloadStart, child.PayloadLength);
                var inner = IsoBox.Children(wave, 0, wave.Length).FirstOrDefault(c => c.Type == "esds");
                if (inner.Type is not null)
                    return wave.Slice(inner.PayloadStart, inner.PayloadLength).ToArray();
            }
        }
        return null;
    }

}
