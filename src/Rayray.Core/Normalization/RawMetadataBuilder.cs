using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Photoshop;
using MetadataExtractor.Formats.QuickTime;
using MetadataExtractor.Formats.Xmp;
using Rayray.Core.Extraction.Xmp;
using Rayray.Core.Documents;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Normalization;

/// <summary>
/// Builds <c>metadataRaw</c>: every tag as read, grouped by source (exif, makernote, iptc, xmp,
/// icc, photoshop, quicktime, file) and by directory, with numbers as numbers, plus the XMP
/// sidecar, ffprobe's output, what rayray's own movie reader read (isoMedia) a Google Takeout JSON (takeout) and the file's section of a Picasa ini (picasa). It is capped so no file can produce an oversized document: long
/// strings are cut, binary blobs are replaced by their size, and past a total budget further
/// directories are left out (and that is recorded). The tags are collected as plain values and
/// written once as UTF-8 JSON; no node tree is built.
/// </summary>
internal static class RawMetadataBuilder
{
    public const int MaxTotalChars = 256 * 1024;
    private const int MaxStringChars = 2000;
    private const int MaxArrayItems = 64;
    private const int MaxTagsPerDirectory = 1000;
    private const int InlineBinaryBytes = 32;

    public static RawJson Build(IReadOnlyList<Directory> directories, XmpProperties? sidecar = null, JsonObject? probe = null, JsonObject? isoMedia = null,
        JsonObject? takeout = null, JsonObject? picasa = null)
    {
        var groups = Collect(directories, out var omitted);
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, DocumentJson.WriterOptions))
        {
            writer.WriteStartObject();
            foreach (var group in groups)
            {
                writer.WritePropertyName(group.Name);
                if (group.Flat is { } flat)
                {
                    flat.WriteTo(writer);
                    continue;
                }
                writer.WriteStartObject();
                foreach (var section in group.Sections)
                {
                    writer.WritePropertyName(section.Name);
                    section.WriteTo(writer);
                }
                writer.WriteEndObject();
            }
            if (omitted > 0)
                writer.WriteString("truncated", $"{omitted} more directories left out: metadataRaw is capped at {MaxTotalChars / 1024} KB");
            if (sidecar is { Count: > 0 })
            {
                var sidecarXmp = new RawSection("");
                AddXmp(sidecarXmp, sidecar);
                writer.WritePropertyName("xmpSidecar");
                sidecarXmp.WriteTo(writer);
            }
            if (probe is not null)
            {
                writer.WritePropertyName("ffprobe");
                Capped(probe)!.WriteTo(writer);
            }
            if (isoMedia is not null)
            {
                writer.WritePropertyName("isoMedia");
                Capped(isoMedia)!.WriteTo(writer);
            }
            if (takeout is { Count: > 0 })
            {
                writer.WritePropertyName("takeout");
                Capped(takeout)!.WriteTo(writer);
            }
            if (picasa is { Count: > 0 })
            {
                writer.WritePropertyName("picasa");
                Capped(picasa)!.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return new RawJson(buffer.WrittenSpan.ToArray());
    }

    /// <summary>A copy of a JSON tree within the same caps (ffprobe's output: long strings cut, long arrays cut).</summary>
    public static JsonNode? Capped(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Take(MaxTagsPerDirectory).Select(p => System.Collections.Generic.KeyValuePair.Create(p.Key, Capped(p.Value)))),
        JsonArray a => new JsonArray([.. a.Take(MaxArrayItems).Select(Capped)]),
        JsonValue v when v.TryGetValue<string>(out var text) => Truncate(text),
        _ => node?.DeepClone(),
    };

    private static List<RawGroup> Collect(IReadOnlyList<Directory> directories, out int omitted)
    {
        var groups = new List<RawGroup>();
        var budget = MaxTotalChars;
        omitted = 0;
        foreach (var directory in directories)
        {
            var xmp = XmpPackets.PropertiesOf(directory);
            if (directory.TagCount == 0 && xmp is not { Count: > 0 })
                continue;
            if (budget <= 0)
            {
                omitted++;
                continue;
            }
            var (groupName, name) = GroupOf(directory);
            var group = groups.Find(g => g.Name == groupName);
            if (group is null)
                groups.Add(group = new RawGroup(groupName, flat: groupName is "iptc" or "icc" or "xmp"));
            var target = group.Flat ?? group.Section(name);
            budget -= xmp is not null ? AddXmp(target, xmp) : directory is XmpDirectory ? 0 : AddTags(target, directory);
        }
        return groups;
    }

    private static (string Group, string Name) GroupOf(Directory directory)
    {
        var ns = directory.GetType().Namespace ?? "";
        return directory switch
        {
            ExifIfd0Directory => ("exif", "IFD0"),
            ExifSubIfdDirectory => ("exif", "SubIFD"),
            GpsDirectory => ("exif", "GPS"),
            ExifInteropDirectory => ("exif", "Interop"),
            ExifThumbnailDirectory => ("exif", "Thumbnail"),
            ExifImageDirectory => ("exif", "Image"),
            IptcDirectory => ("iptc", ""),
            XmpDirectory or XmpPropertiesDirectory => ("xmp", ""),
            IccDirectory => ("icc", ""),
            _ when ns.EndsWith(".Makernotes", StringComparison.Ordinal) => ("makernote", directory.Name),
            _ when ns.EndsWith(".Photoshop", StringComparison.Ordinal) => ("photoshop", directory.Name),
            _ when directory is QuickTimeMovieHeaderDirectory or QuickTimeTrackHeaderDirectory ||
                   ns.EndsWith(".QuickTime", StringComparison.Ordinal) => ("quicktime", directory.Name),
            _ => ("file", directory.Name),
        };
    }

    private static int AddTags(RawSection target, Directory directory)
    {
        var used = 0;
        var count = 0;
        foreach (var tag in directory.Tags)
        {
            if (++count > MaxTagsPerDirectory)
                break;
            var key = tag.HasName ? tag.Name : string.Create(CultureInfo.InvariantCulture, $"0x{tag.Type:X4}");
            if (target.Contains(key))
                key = string.Create(CultureInfo.InvariantCulture, $"{key} (0x{tag.Type:X4})");
            if (target.Contains(key))
                continue;
            var value = ValueOf(directory, tag);
            target.Add(key, value);
            used += key.Length + value.ApproximateLength;
        }
        return used;
    }

    private static int AddXmp(RawSection target, XmpProperties xmp)
    {
        var used = 0;
        foreach (var (path, value) in xmp.All)
        {
            if (target.Contains(path) || value is null)
                continue;
            var text = Truncate(value);
            target.Add(path, RawValue.Of(text));
            used += path.Length + text.Length;
            if (used > MaxTotalChars / 2)
                break;
        }
        return used;
    }

    private static RawValue ValueOf(Directory directory, Tag tag)
    {
        var value = directory.GetObject(tag.Type);
        switch (value)
        {
            case null:
                return RawValue.Null;
            case string s:
                return RawValue.Of(Truncate(TagValues.Clean(s) ?? ""));
            case StringValue sv:
                return RawValue.Of(Truncate(TagValues.Clean(sv.ToString(Encoding.UTF8)) ?? ""));
            case StringValue[] svs:
                return ArrayOf(svs.Length, i => RawValue.Of(Truncate(svs[i].ToString(Encoding.UTF8))));
            case string[] ss:
                return ArrayOf(ss.Length, i => RawValue.Of(Truncate(ss[i])));
            case Rational r:
                return Number(r.Denominator == 0 ? null : r.ToDouble());
            case Rational[] rs:
                return ArrayOf(rs.Length, i => Number(rs[i].Denominator == 0 ? null : rs[i].ToDouble()));
            case byte[] bytes:
                return bytes.Length <= InlineBinaryBytes
                    ? RawValue.Of(Truncate(SafeDescription(directory, tag) ?? Convert.ToHexString(bytes)))
                    : RawValue.Of($"[{bytes.Length} bytes]");
            case DateTime dateTime:
                return RawValue.Of(dateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            case DateTimeOffset dateTimeOffset:
                return RawValue.Of(dateTimeOffset.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
            case TimeSpan span:
                return Number(span.TotalSeconds);
            case Array array when array.Length > 0 && TagValues.ToDouble(array.GetValue(0)) is not null:
                return ArrayOf(array.Length, i => Number(TagValues.ToDouble(array.GetValue(i))));
            default:
                if (TagValues.ToDouble(value) is { } number)
                    return Number(number);
                return SafeDescription(directory, tag) is { } description ? RawValue.Of(Truncate(description)) : RawValue.Null;
        }
    }

    private static RawValue Number(double? value) =>
        value is { } v && double.IsFinite(v)
            ? (v == Math.Floor(v) && Math.Abs(v) < 1e15 ? RawValue.Of((long)v) : RawValue.Of(TagValues.Round(v, 12)))
            : RawValue.Null;

    private static RawValue ArrayOf(int count, Func<int, RawValue> item)
    {
        if (count > MaxArrayItems)
            return RawValue.Of($"[{count} values]");
        var items = new RawValue[count];
        for (var i = 0; i < count; i++)
            items[i] = item(i);
        return RawValue.Of(items);
    }

    private static string? SafeDescription(Directory directory, Tag tag)
    {
        try
        {
            return TagValues.Clean(directory.GetDescription(tag.Type));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static string Truncate(string text) =>
        text.Length <= MaxStringChars ? text : string.Concat(text.AsSpan(0, MaxStringChars), $"… [{text.Length} chars]");

    /// <summary>A source (exif, makernote, …): one flat object (iptc, icc, xmp) or an object of named directories.</summary>
    private sealed class RawGroup(string name, bool flat)
    {
        private readonly List<RawSection> _sections = [];

        public string Name { get; } = name;
        public RawSection? Flat { get; } = flat ? new RawSection("") : null;
        public IReadOnlyList<RawSection> Sections => _sections;

        /// <summary>The directory's own object; a second directory of the same name gets "Name 2" (unless the first stayed empty).</summary>
        public RawSection Section(string name)
        {
            var existing = _sections.Find(s => s.Name == name);
            if (existing is null || existing.Count == 0)
            {
                if (existing is null)
                    _sections.Add(existing = new RawSection(name));
                return existing;
            }
            for (var n = 2; ; n++)
            {
                var candidate = string.Create(CultureInfo.InvariantCulture, $"{name} {n}");
                if (_sections.TrueForAll(s => s.Name != candidate))
                {
                    var created = new RawSection(candidate);
                    _sections.Add(created);
                    return created;
                }
            }
        }
    }

    /// <summary>The tags of one directory, in order, without duplicate keys.</summary>
    private sealed class RawSection(string name)
    {
        private readonly List<System.Collections.Generic.KeyValuePair<string, RawValue>> _entries = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

        public string Name { get; } = name;
        public int Count => _entries.Count;

        public bool Contains(string key) => _keys.Contains(key);

        public void Add(string key, RawValue value)
        {
            if (_keys.Add(key))
                _entries.Add(System.Collections.Generic.KeyValuePair.Create(key, value));
        }

        public void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            foreach (var (key, value) in _entries)
            {
                writer.WritePropertyName(key);
                value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
    }

    /// <summary>A tag's value as it will be written: null, text, an integer, a number, or an array of those.</summary>
    private readonly struct RawValue
    {
        private readonly object? _value;
        private readonly double _number;

        private RawValue(object? value, double number)
        {
            _value = value;
            _number = number;
        }

        public static RawValue Null => default;

        public static RawValue Of(string text) => new(text, 0);

        public static RawValue Of(long integer) => new(integer, 0);

        public static RawValue Of(double number) => new(typeof(double), number);

        public static RawValue Of(RawValue[] items) => new(items, 0);

        /// <summary>About the JSON length, for the size budget.</summary>
        public int ApproximateLength => _value switch
        {
            null => 4,
            string text => text.Length + 2,
            RawValue[] items => 2 + items.Sum(i => i.ApproximateLength + 1),
            _ => 12,
        };

        public void WriteTo(Utf8JsonWriter writer)
        {
            switch (_value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case long integer:
                    writer.WriteNumberValue(integer);
                    break;
                case RawValue[] items:
                    writer.WriteStartArray();
                    foreach (var item in items)
                        item.WriteTo(writer);
                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteNumberValue(_number);
                    break;
            }
        }
    }
}
