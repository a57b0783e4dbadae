namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// An 'esds' box (ISO 14496-1 ES_Descriptor): the object type that names an 'mp4a' track's codec, and for AAC the
/// AudioSpecificConfig's sample rate and channel configuration, which ffmpeg takes over the sample entry's.
/// </summary>
internal sealed record ElementaryStreamDescriptor(int ObjectType, int? AudioObjectType, int? SampleRate, int? ChannelConfiguration)
{
    private static readonly int[] SampleRates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    /// <summary>ffmpeg's codec for an MPEG-4 object type (ff_mp4_obj_type), for the audio types rayray reads; null for the others.</summary>
    public string? AudioCodec => ObjectType switch
    {
        0x40 when AudioObjectType is 36 => null, // MPEG-4 ALS
        0x40 or 0x66 or 0x67 or 0x68 => "aac",
        0x69 or 0x6B => "mp3",
        _ => null,
    };

    /// <summary>The channels of an AAC channel configuration (ff_mpeg4audio_channels); null for 0 (a program config element says).</summary>
    public int? Channels => ChannelConfiguration switch
    {
        >= 1 and <= 6 => ChannelConfiguration,
        7 or 12 or 14 => 8,
        11 => 7,
        13 => 24,
        _ => null,
    };

    public static ElementaryStreamDescriptor? Read(ReadOnlySpan<byte> esds)
    {
        // Version and flags, then descriptors: tag, a length of up to four 7-bit bytes, the body.
        var at = 4;
        if (!Descriptor(esds, ref at, 0x03, out var esEnd))
            return null;
        if (at + 3 > esEnd)
            return null;
        var flags = esds[at + 2];
        at += 3;
        if ((flags & 0x80) != 0)
            at += 2; // dependsOn_ES_ID
        if ((flags & 0x40) != 0)
        {
            if (at >= esEnd)
                return null;
            at += 1 + esds[at]; // URL
        }
        if ((flags & 0x20) != 0)
            at += 2; // OCR_ES_Id
        if (!Descriptor(esds, ref at, 0x04, out var configEnd) || at + 13 > configEnd)
            return null;
        var objectType = esds[at];
        at += 13;
        if (!Descriptor(esds, ref at, 0x05, out var specificEnd) || specificEnd - at < 2)
            return new ElementaryStreamDescriptor(objectType, null, null, null);
        return FromAudioSpecificConfig(objectType, esds[at..specificEnd]);
    }

    /// <summary>AudioSpecificConfig (ISO 14496-3 1.6.2.1): object type, sampling frequency, channel configuration, and the SBR extension's rate.</summary>
    private static ElementaryStreamDescriptor FromAudioSpecificConfig(int objectType, ReadOnlySpan<byte> config)
    {
        var bits = new NalBitReader(config, escaped: false);
        try
        {
            var audioObjectType = ReadAudioObjectType(bits);
            var sampleRate = Frequency(bits);
            var channels = (int)bits.Bits(4);
            // Explicit SBR/PS (HE-AAC): the output rate is the extension's.
            if (audioObjectType is 5 or 29)
            {
                sampleRate = Frequency(bits);
                audioObjectType = ReadAudioObjectType(bits);
            }
            return new ElementaryStreamDescriptor(objectType, audioObjectType, sampleRate, channels);
        }
        catch (IsoMediaLimitException)
        {
            return new ElementaryStreamDescriptor(objectType, null, null, null);
        }
    }

    private static int ReadAudioObjectType(NalBitReader bits)
    {
        var type = (int)bits.Bits(5);
        return type == 31 ? 32 + (int)bits.Bits(6) : type;
    }

    private static int? Frequency(NalBitReader bits)
    {
        var index = (int)bits.Bits(4);
        return index == 15 ? (int)bits.Bits(24) : index < SampleRates.Length ? SampleRates[index] : null;
    }

    private static bool Descriptor(ReadOnlySpan<byte> data, ref int at, byte tag, out int end)
    {
        end = 0;
        if (at >= data.Length || data[at] != tag)
            return false;
        at++;
        var length = 0;
        for (var i = 0; i < 4; i++)
        {
            if (at >= data.Length)
                return false;
            var b = data[at++];
            length = (length << 7) | (b & 0x7F);
            if ((b & 0x80) == 0)
                break;
        }
        end = at + length;
        return end <= data.Length;
    }
}
