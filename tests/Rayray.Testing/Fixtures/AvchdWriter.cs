using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Writes what AVCHD camcorders write: H.264 access units (delimiter, sequence and picture parameter sets, the SEI
/// user data with the camera's MDPM entries) in an MPEG transport stream — 188-byte TS packets or 192-byte M2TS
/// packets — with its program tables (PAT, PMT naming one H.264 stream), one PES packet per access unit.
/// </summary>
public static class AvchdWriter
{
    public const int VideoPid = 0x1011;
    private const int ProgramMapPid = 0x0100;

    private static readonly byte[] MdpmUuid = [0x17, 0xEE, 0x8C, 0x60, 0xF8, 0x4D, 0x11, 0xD9, 0x8C, 0xD6, 0x08, 0x00, 0x20, 0x0C, 0x9A, 0x66];

    /// <summary>One MDPM entry: its tag and its 4 data bytes.</summary>
    public readonly record struct Entry(byte Tag, byte[] Data);

    /// <summary>
    /// The recording time as entries 0x18 and 0x19: the time-zone byte (sign 0x20, hours × 2, half hour 0x01, DST
    /// 0x40; 0xff when the camera has none), then year, month, day, hour, minute, second in BCD.
    /// </summary>
    public static Entry[] RecordedAt(DateTime wallClock, byte zone)
    {
        static byte Bcd(int value) => (byte)(((value / 10) << 4) | (value % 10));
        return
        [
            new(0x18, [zone, Bcd(wallClock.Year / 100), Bcd(wallClock.Year % 100), Bcd(wallClock.Month)]),
            new(0x19, [Bcd(wallClock.Day), Bcd(wallClock.Hour), Bcd(wallClock.Minute), Bcd(wallClock.Second)]),
        ];
    }

    /// <summary>The maker's code (0x0103 Panasonic, 0x0108 Sony, 0x1011 Canon, 0x1104 JVC) as entry 0xe0.</summary>
    public static Entry Maker(int code) => new(0xE0, [(byte)(code >> 8), (byte)code, 0xFF, 0xFF]);

    /// <summary>Text over consecutive entries from <paramref name="firstTag"/> (Sony's model in 0xe4–0xe6), NUL-padded.</summary>
    public static Entry[] Text(byte firstTag, string text, int entries)
    {
        var bytes = new byte[entries * 4];
        Encoding.ASCII.GetBytes(text, bytes);
        return [.. Enumerable.Range(0, entries).Select(i => new Entry((byte)(firstTag + i), bytes[(i * 4)..((i * 4) + 4)]))];
    }

    /// <summary>A value as exiftool's rational32u: a 16-bit numerator and denominator, big-endian.</summary>
    public static Entry Fraction(byte tag, int numerator, int denominator) =>
        new(tag, [(byte)(numerator >> 8), (byte)numerator, (byte)(denominator >> 8), (byte)denominator]);

    /// <summary>An access unit: delimiter, then the parameter sets when <paramref name="width"/> is given, then the MDPM SEI when there are entries.</summary>
    public static byte[] AccessUnit(int? width = null, int height = 0, IReadOnlyList<Entry>? mdpm = null, int? count = null)
    {
        var unit = new List<byte>();
        unit.AddRange(Nal(0x09, [0xF0]));
        if (width is { } w)
        {
            unit.AddRange(Nal(0x67, SequenceParameterSet(w, height)));
            unit.AddRange(Nal(0x68, PictureParameterSet()));
        }
        if (mdpm is not null)
            unit.AddRange(MdpmSei(mdpm, count));
        return [.. unit];
    }

    /// <summary>The SEI NAL unit (start code included, emulation prevention applied) carrying the MDPM entries; <paramref name="count"/> overrides the count byte.</summary>
    public static byte[] MdpmSei(IReadOnlyList<Entry> entries, int? count = null)
    {
        var payload = new List<byte>();
        payload.AddRange(MdpmUuid);
        payload.AddRange("MDPM"u8.ToArray());
        payload.Add((byte)(count ?? entries.Count));
        foreach (var entry in entries)
        {
            payload.Add(entry.Tag);
            payload.AddRange(entry.Data);
        }
        var sei = new List<byte> { 0x05 }; // user_data_unregistered
        var size = payload.Count;
        for (; size >= 255; size -= 255)
            sei.Add(0xFF);
        sei.Add((byte)size);
        sei.AddRange(payload);
        sei.Add(0x80); // rbsp_trailing_bits
        return Nal(0x06, [.. sei]);
    }

    /// <summary>An Annex B stream with <paramref name="nal"/> (start code included) after its first picture parameter set.</summary>
    public static byte[] InsertAfterParameterSets(byte[] annexB, byte[] nal)
    {
        for (var at = 0; at + 4 < annexB.Length; at++)
        {
            if (annexB[at] == 0 && annexB[at + 1] == 0 && annexB[at + 2] == 1 && (annexB[at + 3] & 0x1F) == 8)
            {
                var next = annexB.AsSpan(at + 3).IndexOf((ReadOnlySpan<byte>)[0, 0, 1]);
                var end = next < 0 ? annexB.Length : at + 3 + next - (annexB[at + 3 + next - 1] == 0 ? 1 : 0);
                return [.. annexB[..end], .. nal, .. annexB[end..]];
            }
        }
        throw new InvalidOperationException("the stream has no picture parameter set");
    }

    /// <summary>A transport stream (M2TS when <paramref name="m2ts"/>) of the access units, one PES packet each.</summary>
    public static byte[] TransportStream(IReadOnlyList<byte[]> accessUnits, bool m2ts = true)
    {
        var output = new List<byte>();
        var counters = new Dictionary<int, int>();
        void Packet(int pid, bool unitStart, ReadOnlySpan<byte> payload)
        {
            var counter = counters.GetValueOrDefault(pid);
            counters[pid] = (counter + 1) & 0x0F;
            if (m2ts)
                output.AddRange(new byte[4]); // arrival timestamp
            output.AddRange([0x47, (byte)((unitStart ? 0x40 : 0) | (pid >> 8)), (byte)pid]);
            if (payload.Length >= 184)
            {
                output.Add((byte)(0x10 | counter));
                output.AddRange(payload[..184]);
                return;
            }
            // Stuffing in an adaptation field fills the packet.
            output.Add((byte)(0x30 | counter));
            var stuffing = 183 - payload.Length;
            output.Add((byte)stuffing);
            if (stuffing > 0)
                output.AddRange([0x00, .. Enumerable.Repeat((byte)0xFF, stuffing - 1)]);
            output.AddRange(payload);
        }
        void Table(int pid, byte[] section)
        {
            var payload = new byte[184];
            Array.Fill(payload, (byte)0xFF);
            payload[0] = 0; // pointer_field
            section.CopyTo(payload, 1);
            Packet(pid, true, payload);
        }

        Table(0, Section(0x00, 0x0001, [0x00, 0x01, (byte)(0xE0 | (ProgramMapPid >> 8)), ProgramMapPid & 0xFF]));
        Table(ProgramMapPid, Section(0x02, 0x0001,
            [(byte)(0xE0 | (VideoPid >> 8)), VideoPid & 0xFF, 0xF0, 0x00, 0x1B, (byte)(0xE0 | (VideoPid >> 8)), VideoPid & 0xFF, 0xF0, 0x00]));
        for (var i = 0; i < accessUnits.Count; i++)
        {
            var pts = 90000L + (i * 3600L);
            byte[] pes =
            [
                0, 0, 1, 0xE0, 0, 0, 0x80, 0x80, 5,
                (byte)(0x21 | ((pts >> 29) & 0x0E)), (byte)(pts >> 22), (byte)(0x01 | ((pts >> 14) & 0xFE)), (byte)(pts >> 7), (byte)(0x01 | ((pts << 1) & 0xFE)),
                .. accessUnits[i],
            ];
            for (var at = 0; at < pes.Length; at += 184)
                Packet(VideoPid, at == 0, pes.AsSpan(at, Math.Min(184, pes.Length - at)));
        }
        return [.. output];
    }

    /// <summary>A PSI section with the syntax header, version 0, one section, and its CRC-32/MPEG-2.</summary>
    private static byte[] Section(byte tableId, int idExtension, byte[] body)
    {
        var length = 5 + body.Length + 4;
        byte[] section = [tableId, (byte)(0xB0 | (length >> 8)), (byte)length, (byte)(idExtension >> 8), (byte)idExtension, 0xC1, 0, 0, .. body, 0, 0, 0, 0];
        var crc = Crc32Mpeg(section.AsSpan(0, section.Length - 4));
        section[^4] = (byte)(crc >> 24);
        section[^3] = (byte)(crc >> 16);
        section[^2] = (byte)(crc >> 8);
        section[^1] = (byte)crc;
        return section;
    }

    private static uint Crc32Mpeg(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= (uint)b << 24;
            for (var i = 0; i < 8; i++)
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
        }
        return crc;
    }

    /// <summary>A Main-profile SPS for the size (4:2:0, progressive, cropped to the height), without VUI.</summary>
    private static byte[] SequenceParameterSet(int width, int height)
    {
        var bits = new BitWriter();
        bits.Bits(77, 8).Bits(0, 8).Bits(40, 8); // profile_idc, constraint flags, level_idc
        bits.Unsigned(0).Unsigned(0).Unsigned(2).Unsigned(1).Bits(0, 1); // sps id, log2_max_frame_num-4, POC type, refs, gaps
        var (widthInMacroblocks, heightInMacroblocks) = ((width + 15) / 16, (height + 15) / 16);
        bits.Unsigned(widthInMacroblocks - 1).Unsigned(heightInMacroblocks - 1).Bits(1, 1).Bits(1, 1); // size, frame_mbs_only, direct_8x8
        var (cropRight, cropBottom) = (((widthInMacroblocks * 16) - width) / 2, ((heightInMacroblocks * 16) - height) / 2);
        if (cropRight > 0 || cropBottom > 0)
            bits.Bits(1, 1).Unsigned(0).Unsigned(cropRight).Unsigned(0).Unsigned(cropBottom);
        else
            bits.Bits(0, 1);
        bits.Bits(0, 1); // vui_parameters_present_flag
        return bits.Trailing();
    }

    private static byte[] PictureParameterSet()
    {
        var bits = new BitWriter();
        bits.Unsigned(0).Unsigned(0).Bits(0, 2).Unsigned(0).Unsigned(0).Unsigned(0).Bits(0, 3); // ids, CAVLC, slice groups, refs, weights
        bits.Unsigned(0).Unsigned(0).Unsigned(0).Bits(0b100, 3); // QP and chroma offsets (se 0), deblocking control
        return bits.Trailing();
    }

    /// <summary>A NAL unit with a four-byte start code; 00 00 followed by 0–3 inside it gets an emulation prevention byte.</summary>
    private static byte[] Nal(byte header, byte[] payload)
    {
        var nal = new List<byte> { 0, 0, 0, 1, header };
        var zeros = 0;
        foreach (var b in payload)
        {
            if (zeros >= 2 && b <= 3)
            {
                nal.Add(3);
                zeros = 0;
            }
            nal.Add(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return [.. nal];
    }

    private sealed class BitWriter
    {
        private readonly List<byte> _bytes = [];
        private int _bit;

        public BitWriter Bits(int value, int count)
        {
            for (var i = count - 1; i >= 0; i--)
            {
                if (_bit % 8 == 0)
                    _bytes.Add(0);
                _bytes[^1] |= (byte)(((value >> i) & 1) << (7 - (_bit % 8)));
                _bit++;
            }
            return this;
        }

        /// <summary>ue(v): as many zeros as the bits of value + 1 after the first, then value + 1.</summary>
        public BitWriter Unsigned(int value)
        {
            var code = value + 1;
            var length = 32 - int.LeadingZeroCount(code);
            return Bits(0, length - 1).Bits(code, length);
        }

        /// <summary>The stop bit and the zero bits to the byte's end.</summary>
        public byte[] Trailing()
        {
            Bits(1, 1);
            return [.. _bytes];
        }
    }
}
