using Rayray.Core.Extraction.IsoMedia;

namespace Rayray.Core.Extraction.CameraVideo;

/// <summary>
/// What a camcorder's H.264 stream says besides the pictures: their size (the first sequence parameter set) and the
/// AVCHD camera data (<see cref="Mdpm"/>), an SEI user_data_unregistered message whose payload is the UUID
/// 17ee8c60-f84d-11d9-8cd6-0800200c9a66 and "MDPM". Only the first MDPM message is read, as exiftool does without -ee.
/// </summary>
internal static class H264UserData
{
    private const int SeiNal = 6;
    private const int SequenceParameterSetNal = 7;
    private const int AccessUnitDelimiterNal = 9;
    private const int UserDataUnregistered = 5;

    private static ReadOnlySpan<byte> MdpmPrefix =>
        [0x17, 0xEE, 0x8C, 0x60, 0xF8, 0x4D, 0x11, 0xD9, 0x8C, 0xD6, 0x08, 0x00, 0x20, 0x0C, 0x9A, 0x66, (byte)'M', (byte)'D', (byte)'P', (byte)'M'];

    private static ReadOnlySpan<byte> StartCode => [0, 0, 1];

    /// <param name="elementary">The stream's first bytes, in Annex B form (start codes before each NAL unit).</param>
    /// <param name="trusted">
    /// False for a stream only guessed to be H.264 (no program map said so): it must then begin as H.264 in a transport
    /// stream must, with an access unit delimiter — an MPEG-2 slice's start code would otherwise read as a NAL unit.
    /// </param>
    public static CameraExifDirectory? Read(ReadOnlySpan<byte> elementary, bool trusted)
    {
        var directory = new CameraExifDirectory("H264");
        bool sawSize = false, sawMdpm = false, first = true;
        var next = elementary.IndexOf(StartCode);
        while (next >= 0 && !(sawSize && sawMdpm))
        {
            var start = next + StartCode.Length;
            var following = elementary[start..].IndexOf(StartCode);
            next = following < 0 ? -1 : start + following;
            // The zero before a four-byte start code (00 00 00 01) belongs to the start code, not to this unit.
            var nal = elementary[start..(next < 0 ? elementary.Length : next)].TrimEnd((byte)0);
            if (nal.IsEmpty || (nal[0] & 0x80) != 0) // forbidden_zero_bit
                continue;
            var type = nal[0] & 0x1F;
            if (first && !trusted && type != AccessUnitDelimiterNal)
                return null;
            first = false;
            if (type == SequenceParameterSetNal && !sawSize)
            {
                sawSize = true;
                ReadSize(nal[1..], directory);
            }
            else if (type == SeiNal && !sawMdpm)
            {
                sawMdpm = ReadSei(Unescape(nal[1..]), directory);
            }
        }
        return directory.TagCount > 0 ? directory : null;
    }

    private static void ReadSize(ReadOnlySpan<byte> sps, CameraExifDirectory directory)
    {
        try
        {
            var parameters = AvcParameters.FromSequenceParameterSet(sps);
            directory.Set(CameraExifDirectory.ImageWidth, parameters.Width);
            directory.Set(CameraExifDirectory.ImageHeight, parameters.Height);
        }
        catch (IsoMediaLimitException)
        {
            // A parameter set cut short or out of range: the size is simply not known.
        }
    }

    /// <summary>The SEI messages of one NAL unit (H.264 7.3.2.3): a type and a size, each a run of 0xFF bytes plus a last byte.</summary>
    private static bool ReadSei(ReadOnlySpan<byte> sei, CameraExifDirectory directory)
    {
        var at = 0;
        while (at < sei.Length)
        {
            if (sei[at] == 0x80 && at == sei.Length - 1)
                return false; // rbsp_trailing_bits
            if (Varying(sei, ref at) is not { } type || Varying(sei, ref at) is not { } size || size > sei.Length - at)
                return false;
            var payload = sei.Slice(at, size);
            if (type == UserDataUnregistered && payload.Length > MdpmPrefix.Length && payload.StartsWith(MdpmPrefix))
            {
                Mdpm.Read(payload[MdpmPrefix.Length..], directory);
                return true;
            }
            at += size;
        }
        return false;
    }

    private static int? Varying(ReadOnlySpan<byte> bytes, ref int at)
    {
        var value = 0;
        while (at < bytes.Length)
        {
            var b = bytes[at++];
            value += b;
            if (b != 0xFF)
                return value;
        }
        return null;
    }

    /// <summary>The NAL unit's payload without its emulation prevention bytes (00 00 03 stands for 00 00).</summary>
    private static byte[] Unescape(ReadOnlySpan<byte> nal)
    {
        var bytes = new byte[nal.Length];
        int length = 0, zeros = 0;
        foreach (var b in nal)
        {
            if (zeros >= 2 && b == 3)
            {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            bytes[length++] = b;
        }
        return bytes[..length];
    }
}
