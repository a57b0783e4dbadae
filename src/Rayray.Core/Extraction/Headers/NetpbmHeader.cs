using System.Globalization;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// A Netpbm header (netpbm.sourceforge.net/doc): P1–P6 (width, height and, but for bitmaps, the maximum
/// value, as text with # comments), P7 (PAM: WIDTH, HEIGHT, DEPTH, MAXVAL and TUPLTYPE lines up to ENDHDR) and
/// PF/Pf (PFM: width, height and a scale whose sign gives the byte order). MetadataExtractor 2.4.3 reads
/// neither P7 nor PFM and fails on P4 (it takes the first pixel byte for a maximum value); the sniffer needs
/// the whole header parsed anyway, so that a text file starting with "P6" is not taken for a picture.
/// </summary>
internal sealed record NetpbmHeader(char Magic, long Width, long Height, int MaxValue, int Channels, string ColorType, int DataOffset)
{
    /// <summary>The longest header read; one longer (comments of kilobytes) is not recognized.</summary>
    public const int MaxLength = 4096;

    public bool IsAscii => Magic is '1' or '2' or '3';

    /// <summary>Bytes of pixel data after the header for binary variants; null for the text ones or an overflowing size.</summary>
    public long? DataLength
    {
        get
        {
            if (IsAscii)
                return null;
            var sampleBytes = Magic is 'F' or 'f' ? 4 : MaxValue > 255 ? 2 : 1;
            var rowBytes = Magic == '4' ? (Width + 7) / 8 : Width * Channels * sampleBytes;
            return rowBytes <= long.MaxValue / Height ? rowBytes * Height : null;
        }
    }

    public int BitsPerSample => Magic is 'F' or 'f' ? 32 : Magic is '1' or '4' ? 1 : 32 - int.LeadingZeroCount(MaxValue);

    public static HeaderRead Read(Stream stream, long length)
    {
        var bytes = ImageHeaders.ReadAt(stream, 0, MaxLength, length);
        if (Parse(bytes) is not { } header)
            return new HeaderRead(new ImageHeaderDirectory("Netpbm"), "damaged: the Netpbm header cannot be read");
        var name = header.Magic switch { '1' or '4' => "PBM", '2' or '5' => "PGM", '3' or '6' => "PPM", '7' => "PAM", _ => "PFM" };
        var directory = new ImageHeaderDirectory(name);
        var damage = directory.SetSize(header.Width, header.Height);
        directory.Set(ImageHeaderDirectory.TagBitsPerSample, header.BitsPerSample);
        directory.Set(ImageHeaderDirectory.TagChannels, header.Channels);
        directory.Set(ImageHeaderDirectory.TagColorType, header.ColorType);
        directory.Set(ImageHeaderDirectory.TagCompression, header.IsAscii ? "plain (text)" : "raw");
        if (damage is null && header.DataLength is { } data && length - header.DataOffset < data)
            damage = string.Create(CultureInfo.InvariantCulture, $"truncated: the {header.Width}×{header.Height} {name}'s pixels need {data} bytes after the header but the file has {length - header.DataOffset}");
        return new HeaderRead(directory, damage);
    }

    public static NetpbmHeader? Parse(ReadOnlySpan<byte> bytes)
    {
        bytes = bytes[..Math.Min(bytes.Length, MaxLength)];
        if (bytes.Length < 3 || bytes[0] != (byte)'P' || !IsSpace(bytes[2]))
            return null;
        var magic = (char)bytes[1];
        var at = 2;
        return magic switch
        {
            '1' or '4' => Plain(bytes, magic, ref at, 1, "bilevel", hasMaxValue: false),
            '2' or '5' => Plain(bytes, magic, ref at, 1, "grayscale", hasMaxValue: true),
            '3' or '6' => Plain(bytes, magic, ref at, 3, "RGB", hasMaxValue: true),
            'F' => Float(bytes, magic, ref at, 3, "RGB float"),
            'f' => Float(bytes, magic, ref at, 1, "grayscale float"),
            '7' => Pam(bytes),
            _ => null,
        };
    }

    private static NetpbmHeader? Plain(ReadOnlySpan<byte> bytes, char magic, ref int at, int channels, string colorType, bool hasMaxValue)
    {
        if (Number(bytes, ref at) is not { } width || Number(bytes, ref at) is not { } height)
            return null;
        var maxValue = 1L;
        if (hasMaxValue)
        {
            if (Number(bytes, ref at) is not { } max || max > 65535)
                return null;
            maxValue = max;
        }
        // One whitespace byte ends the header; the text variants must go on with numbers only.
        if (at >= bytes.Length || !IsSpace(bytes[at]))
            return null;
        var header = new NetpbmHeader(magic, width, height, (int)maxValue, channels, colorType, at + 1);
        return header.IsAscii && !IsPlainData(bytes[(at + 1)..], magic == '1') ? null : header;
    }

    private static NetpbmHeader? Float(ReadOnlySpan<byte> bytes, char magic, ref int at, int channels, string colorType)
    {
        if (Number(bytes, ref at) is not { } width || Number(bytes, ref at) is not { } height)
            return null;
        SkipSpace(bytes, ref at, comments: false);
        var start = at;
        while (at < bytes.Length && (char.IsAsciiDigit((char)bytes[at]) || bytes[at] is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E'))
            at++;
        if (!double.TryParse(bytes[start..at], NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) || scale == 0 ||
            at >= bytes.Length || !IsSpace(bytes[at]))
            return null;
        return new NetpbmHeader(magic, width, height, 0, channels, colorType, at + 1);
    }

    private static NetpbmHeader? Pam(ReadOnlySpan<byte> bytes)
    {
        long width = 0, height = 0, depth = 0, maxValue = 0;
        string? tupleType = null;
        var lines = 0;
        var at = 3;
        while (at < bytes.Length && lines++ < 64)
        {
            var end = bytes[at..].IndexOf((byte)'\n');
            if (end < 0)
                return null;
            var line = System.Text.Encoding.ASCII.GetString(bytes.Slice(at, end)).Trim();
            at += end + 1;
            if (line.Length == 0 || line[0] == '#')
                continue;
            if (line == "ENDHDR")
            {
                if (width <= 0 || height <= 0 || depth is < 1 or > 64 || maxValue is < 1 or > 65535)
                    return null;
                var colorType = tupleType ?? depth switch { 1 => "grayscale", 3 => "RGB", _ => $"{depth} channels" };
                return new NetpbmHeader('7', width, height, (int)maxValue, (int)depth, colorType, at);
            }
            var parts = line.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
                return null;
            if (parts[0] == "TUPLTYPE")
            {
                tupleType = tupleType is null ? parts[1] : $"{tupleType} {parts[1]}";
                continue;
            }
            if (parts[1].Length > 10 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                return null;
            switch (parts[0])
            {
                case "WIDTH": width = value; break;
                case "HEIGHT": height = value; break;
                case "DEPTH": depth = value; break;
                case "MAXVAL": maxValue = value; break;
                default: return null;
            }
        }
        return null;
    }

    /// <summary>A positive decimal number of at most ten digits after whitespace and comments; null otherwise.</summary>
    private static long? Number(ReadOnlySpan<byte> bytes, ref int at)
    {
        SkipSpace(bytes, ref at, comments: true);
        var start = at;
        while (at < bytes.Length && char.IsAsciiDigit((char)bytes[at]) && at - start <= 10)
            at++;
        if (at == start || at - start > 10)
            return null;
        var value = long.Parse(bytes[start..at], CultureInfo.InvariantCulture);
        return value > 0 ? value : null;
    }

    private static void SkipSpace(ReadOnlySpan<byte> bytes, ref int at, bool comments)
    {
        while (at < bytes.Length)
        {
            if (IsSpace(bytes[at]))
                at++;
            else if (comments && bytes[at] == (byte)'#')
                at = bytes[at..].IndexOf((byte)'\n') is var newline and >= 0 ? at + newline + 1 : bytes.Length;
            else
                break;
        }
    }

    private static bool IsPlainData(ReadOnlySpan<byte> data, bool bits)
    {
        foreach (var b in data)
        {
            if (!(IsSpace(b) || (bits ? b is (byte)'0' or (byte)'1' : char.IsAsciiDigit((char)b))))
                return false;
        }
        return true;
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';
}
