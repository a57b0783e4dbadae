using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// The movie's text tags under ffmpeg's key names, as mov.c reads them: QuickTime user data strings ('©xyz',
/// '©nam', … with a language), iTunes-style 'ilst' items, and Apple's 'mdta' keys ('keys' + 'ilst':
/// com.apple.quicktime.location.ISO6709, make, model, software, creationdate, content.identifier). A later value
/// of a key (in any letter case) replaces an earlier one, as in ffmpeg's dictionary. rayray reads these itself because MetadataExtractor
/// 2.4.3 reads Apple's keys only under moov/meta and only the names on its list (not the udta/meta that ffmpeg and
/// Android write, nor com.android.* or plain names), and TagLibSharp reads no QuickTime user data strings.
/// </summary>
internal sealed class QuickTimeTags
{
    private static readonly Encoding MacRoman = CodePagesEncodingProvider.Instance.GetEncoding(10000) ?? Encoding.Latin1;

    private readonly Dictionary<string, string> _tags = new(StringComparer.OrdinalIgnoreCase);
    private string[] _keys = [];

    public IReadOnlyDictionary<string, string> Values => _tags;

    /// <summary>Set when a tag ffmpeg derives in a way rayray does not repeat was seen ('gnre': an ID3 genre number).</summary>
    public string? Gap { get; private set; }

    public void Set(string key, string value) => _tags[key] = value;

    /// <summary>A 'keys' box (mdta): the names the items of the next 'ilst' are numbered by, from 1.</summary>
    public void ReadKeys(ReadOnlySpan<byte> keys)
    {
        if (keys.Length < 8)
            return;
        var count = BinaryPrimitives.ReadUInt32BigEndian(keys[4..]);
        // Each key takes at least 8 bytes, so a count beyond that is a lie, not a reason to allocate.
        if (count > (uint)(keys.Length - 8) / 8)
            return;
        var names = new List<string> { "" };
        var at = 8;
        for (var i = 0; i < count && at + 8 <= keys.Length; i++)
        {
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(keys[at..]), int.MaxValue);
            if (size < 8 || size > keys.Length - at)
                break;
            names.Add(Encoding.UTF8.GetString(keys.Slice(at + 8, size - 8)));
            at += size;
        }
        _keys = [.. names];
    }

    /// <summary>An 'ilst' box: items named by a four-character code or (after 'keys' in an mdta meta) by key number, each with a 'data' box.</summary>
    public void ReadItemList(ReadOnlySpan<byte> ilst, bool mdta)
    {
        foreach (var item in Heif.IsoBox.Children(ilst, 0, ilst.Length))
        {
            var itemBytes = ilst.Slice(item.PayloadStart, item.PayloadLength);
            var key = Name(item.Type);
            if (key is null && mdta && _keys.Length > 0)
            {
                // In an mdta list the item's "type" is the number of its key.
                var index = BinaryPrimitives.ReadUInt32BigEndian(Encoding.Latin1.GetBytes(item.Type));
                key = index > 0 && index < _keys.Length ? _keys[index] : null;
            }
            if (key is null || itemBytes.Length < 16 || !itemBytes.Slice(4, 4).SequenceEqual("data"u8))
                continue;
            var dataSize = BinaryPrimitives.ReadUInt32BigEndian(itemBytes);
            if (dataSize < 16 || dataSize > itemBytes.Length)
                continue;
            var type = BinaryPrimitives.ReadUInt32BigEndian(itemBytes[8..]);
            if (Value(type, itemBytes[16..(int)dataSize], langCode: 0) is { } value)
                _tags[key] = value;
        }
    }

    /// <summary>A child of 'udta' that ffmpeg reads as a QuickTime string: a 16-bit length and language code, then the text.</summary>
    public void ReadUserDataString(string type, ReadOnlySpan<byte> payload)
    {
        if (type == "loci")
        {
            ReadLocation(payload);
            return;
        }
        if (Name(type) is not { } key || payload.Length <= 4)
            return;
        var length = BinaryPrimitives.ReadUInt16BigEndian(payload);
        int langCode = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]);
        string? value;
        string? language = null;
        if (length > payload.Length)
        {
            // ffmpeg reads such an item raw: the whole payload, as Mac Roman.
            value = Value(0, payload, 0);
        }
        else
        {
            value = Value(0, payload.Slice(4, Math.Min(length, payload.Length - 4)), langCode);
            language = Language(langCode);
        }
        if (value is null)
            return;
        _tags[key] = value;
        if (language is not null and not "und")
            _tags[$"{key}-{language}"] = value;
    }

    /// <summary>
    /// A 3GPP location ('loci', what ffmpeg's MP4 muxer writes for "location"), as ffmpeg's mov_metadata_loci words it:
    /// the 16.16 coordinates through a float, "%+08.4f%+09.4f", the altitude "%+f" when not 0, "/" and the place name.
    /// </summary>
    private void ReadLocation(ReadOnlySpan<byte> loci)
    {
        if (loci.Length < 4 + 2 + 1 + 1 + 12)
            return;
        var language = Language(BinaryPrimitives.ReadUInt16BigEndian(loci[4..]));
        var rest = loci[6..];
        var placeLength = rest.IndexOf((byte)0);
        if (placeLength < 0 || rest.Length - placeLength - 1 < 1 + 12)
            return;
        var place = Encoding.UTF8.GetString(rest[..placeLength]);
        var coordinates = rest[(placeLength + 2)..];
        static double Fixed(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt32BigEndian(bytes) / (float)(1 << 16);
        var (longitude, latitude, altitude) = (Fixed(coordinates), Fixed(coordinates[4..]), Fixed(coordinates[8..]));
        var text = $"{Signed(latitude, 8, 4)}{Signed(longitude, 9, 4)}{(altitude != 0 ? Signed(altitude, 0, 6) : "")}/{place}";
        _tags["location"] = text;
        if (language is not null and not "und")
            _tags[$"location-{language}"] = text;
    }

    /// <summary>printf's "%+0{width}.{decimals}f".</summary>
    private static string Signed(double value, int width, int decimals)
    {
        var digits = Math.Abs(value).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return (value < 0 || double.IsNegative(value) ? "-" : "+") + digits.PadLeft(Math.Max(0, width - 1), '0');
    }

    /// <summary>ffmpeg's key for a udta/ilst atom (mov_read_udta_string); null for those it does not keep as text.</summary>
    private string? Name(string type)
    {
        if (type == "gnre")
        {
            Gap ??= $"it has a '{type}' tag, which ffmpeg turns into text in a way rayray does not repeat";
            return null;
        }
        return type switch
        {
            "aART" => "album_artist",
            "catg" => "category",
            "cprt" or "\u00A9cpy" => "copyright",
            "desc" or "\u00A9des" => "description",
            "keyw" => "keywords",
            "ldes" => "synopsis",
            "manu" or "\u00A9mak" => "make",
            "modl" or "\u00A9mod" => "model",
            "purd" => "purchase_date",
            "soaa" => "sort_album_artist",
            "soal" => "sort_album",
            "soar" => "sort_artist",
            "soco" => "sort_composer",
            "sonm" => "sort_name",
            "sosn" => "sort_show",
            "tven" => "episode_id",
            "tvnn" => "network",
            "tvsh" => "show",
            "\u00A9ART" or "\u00A9aut" => "artist",
            "\u00A9PRD" or "\u00A9prd" => "producer",
            "\u00A9alb" => "album",
            "\u00A9chp" => "chapter",
            "\u00A9cmt" or "\u00A9inf" => "comment",
            "\u00A9com" or "\u00A9wrt" => "composer",
            "\u00A9day" => "date",
            "\u00A9dir" => "director",
            "\u00A9dis" => "disclaimer",
            "\u00A9ed1" => "edit_date",
            "\u00A9enc" or "\u00A9swr" or "\u00A9too" => "encoder",
            "\u00A9fmt" => "original_format",
            "\u00A9gen" => "genre",
            "\u00A9grp" => "grouping",
            "\u00A9hst" => "host_computer",
            "\u00A9lyr" => "lyrics",
            "\u00A9nam" => "title",
            "\u00A9ope" => "original_artist",
            "\u00A9prf" => "performers",
            "\u00A9req" => "playback_requirements",
            "\u00A9src" => "original_source",
            "\u00A9st3" => "subtitle",
            "\u00A9url" => "URL",
            "\u00A9wrn" => "warning",
            "\u00A9xyz" => "location",
            _ => null,
        };
    }

    /// <summary>
    /// A value as ffmpeg turns it into text: UTF-8 (types 1 and 4, or untyped with an ISO language), Mac Roman
    /// (type 3, or untyped with a Macintosh language code), big-endian integers (21, 22) and a float (23).
    /// </summary>
    private static string? Value(uint type, ReadOnlySpan<byte> data, int langCode)
    {
        switch (type)
        {
            case 0 when langCode < 0x400 || langCode == 0x7FFF:
            case 3:
                return MacRoman.GetString(data);
            case 0 or 1 or 4:
                return Encoding.UTF8.GetString(data);
            case 21 when data.Length is >= 1 and <= 4:
                var signed = 0;
                foreach (var b in data)
                    signed = (signed << 8) | b;
                var shift = 32 - (8 * data.Length);
                return ((signed << shift) >> shift).ToString(CultureInfo.InvariantCulture);
            case 22 when data.Length is >= 1 and <= 4:
                uint unsigned = 0;
                foreach (var b in data)
                    unsigned = (unsigned << 8) | b;
                return unsigned.ToString(CultureInfo.InvariantCulture);
            case 23 when data.Length >= 4:
                return BinaryPrimitives.ReadSingleBigEndian(data).ToString("F6", CultureInfo.InvariantCulture);
            default:
                return null;
        }
    }

    /// <summary>A packed ISO 639-2/T code (three 5-bit letters); Macintosh language codes other than 0 (English) are not named.</summary>
    private static string? Language(int code)
    {
        if (code == 0)
            return "eng";
        if (code < 0x400 || code == 0x7FFF)
            return null;
        Span<char> letters = [(char)(((code >> 10) & 0x1F) + 0x60), (char)(((code >> 5) & 0x1F) + 0x60), (char)((code & 0x1F) + 0x60)];
        return new string(letters);
    }
}
