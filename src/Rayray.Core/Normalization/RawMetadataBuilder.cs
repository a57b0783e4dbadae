using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Photoshop;
using MetadataExtractor.Formats.QuickTime;
using MetadataExtractor.Formats.Xmp;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Normalization;

/// <summary>
/// Builds <c>metadataRaw</c>: every tag as read, grouped by source (exif, makernote, iptc, xmp,
/// icc, photoshop, quicktime, file) and by directory, with numbers as numbers. It is capped so no
/// file can produce an oversized document: long strings are cut, binary blobs are replaced by
/// their size, and past a total budget further directories are left out (and that is recorded).
/// </summary>
internal static class RawMetadataBuilder
{
    public const int MaxTotalChars = 256 * 1024;
    private const int MaxStringChars = 2000;
    private const int MaxArrayItems = 64;
    private const int MaxTagsPerDirectory = 1000;
    private const int InlineBinaryBytes = 32;

    public static JsonObject Build(IReadOnlyList<Directory> directories)
    {
        var raw = new JsonObject();
        var budget = MaxTotalChars;
        var omitted = 0;
        foreach (var directory in directories)
        {
            if (directory.TagCount == 0)
                continue;
            if (budget <= 0)
            {
                omitted++;
                continue;
            }
            var (group, name) = GroupOf(directory);
            var target = group switch
            {
                "iptc" or "icc" => Child(raw, group),
                "xmp" => Child(raw, group),
                _ => Child(Child(raw, group), UniqueName(Child(raw, group), name)),
            };
            budget -= directory is XmpDirectory xmp ? AddXmp(target, xmp) : AddTags(target, directory);
        }
        if (omitted > 0)
            raw["truncated"] = $"{omitted} more directories left out: metadataRaw is capped at {MaxTotalChars / 1024} KB";
        return raw;
    }

    /// <summary>A copy of a JSON tree within the same caps (ffprobe's output: long strings cut, long arrays cut).</summary>
    public static JsonNode? Capped(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Take(MaxTagsPerDirectory).Select(p => System.Collections.Generic.KeyValuePair.Create(p.Key, Capped(p.Value)))),
        JsonArray a => new JsonArray([.. a.Take(MaxArrayItems).Select(Capped)]),
        JsonValue v when v.TryGetValue<string>(out var text) => Truncate(text),
        _ => node?.DeepClone(),
    };

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
            XmpDirectory => ("xmp", ""),
            IccDirectory => ("icc", ""),
            _ when ns.EndsWith(".Makernotes", StringComparison.Ordinal) => ("makernote", directory.Name),
            _ when ns.EndsWith(".Photoshop", StringComparison.Ordinal) => ("photoshop", directory.Name),
            _ when directory is QuickTimeMovieHeaderDirectory or QuickTimeTrackHeaderDirectory ||
                   ns.EndsWith(".QuickTime", StringComparison.Ordinal) => ("quicktime", directory.Name),
            _ => ("file", directory.Name),
        };
    }

    private static int AddTags(JsonObject target, Directory directory)
    {
        var used = 0;
        var count = 0;
        foreach (var tag in directory.Tags)
        {
            if (++count > MaxTagsPerDirectory)
                break;
            var key = tag.HasName ? tag.Name : string.Create(CultureInfo.InvariantCulture, $"0x{tag.Type:X4}");
            if (target.ContainsKey(key))
                key = string.Create(CultureInfo.InvariantCulture, $"{key} (0x{tag.Type:X4})");
            if (target.ContainsKey(key))
                continue;
            var value = ValueOf(directory, tag);
            target[key] = value;
            used += key.Length + (value?.ToJsonString().Length ?? 4);
        }
        return used;
    }

    private static int AddXmp(JsonObject target, XmpDirectory xmp)
    {
        var used = 0;
        foreach (var (path, value) in xmp.GetXmpProperties())
        {
            if (target.ContainsKey(path) || value is null)
                continue;
            var text = Truncate(value);
            target[path] = text;
            used += path.Length + text.Length;
            if (used > MaxTotalChars / 2)
                break;
        }
        return used;
    }

    private static JsonNode? ValueOf(Directory directory, Tag tag)
    {
        var value = directory.GetObject(tag.Type);
        switch (value)
        {
            case null:
                return null;
            case string s:
                return Truncate(TagValues.Clean(s) ?? "");
            case StringValue sv:
                return Truncate(TagValues.Clean(sv.ToString(Encoding.UTF8)) ?? "");
            case StringValue[] svs:
                return ArrayOf(svs.Select(v => (JsonNode?)Truncate(v.ToString(Encoding.UTF8))), svs.Length);
            case string[] ss:
                return ArrayOf(ss.Select(v => (JsonNode?)Truncate(v)), ss.Length);
            case Rational r:
                return Number(r.Denominator == 0 ? null : r.ToDouble());
            case Rational[] rs:
                return ArrayOf(rs.Select(r => Number(r.Denominator == 0 ? null : r.ToDouble())), rs.Length);
            case byte[] bytes:
                return bytes.Length <= InlineBinaryBytes
                    ? Truncate(SafeDescription(directory, tag) ?? Convert.ToHexString(bytes))
                    : $"[{bytes.Length} bytes]";
            case DateTime dateTime:
                return dateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            case DateTimeOffset dateTimeOffset:
                return dateTimeOffset.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
            case TimeSpan span:
                return Number(span.TotalSeconds);
            case Array array when array.Length > 0 && TagValues.ToDouble(array.GetValue(0)) is not null:
                return ArrayOf(array.Cast<object?>().Select(item => Number(TagValues.ToDouble(item))), array.Length);
            default:
                if (TagValues.ToDouble(value) is { } number)
                    return Number(number);
                return SafeDescription(directory, tag) is { } description ? Truncate(description) : null;
        }
    }

    private static JsonValue? Number(double? value) =>
        value is { } v && double.IsFinite(v)
            ? (v == Math.Floor(v) && Math.Abs(v) < 1e15 ? JsonValue.Create((long)v) : JsonValue.Create(TagValues.Round(v, 12)))
            : null;

    private static JsonNode ArrayOf(IEnumerable<JsonNode?> items, int count)
    {
        if (count > MaxArrayItems)
            return $"[{count} values]";
        var array = new JsonArray();
        foreach (var item in items)
            array.Add(item);
        return array;
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

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
            return existing;
        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    private static string UniqueName(JsonObject group, string name)
    {
        if (!group.ContainsKey(name) || group[name] is JsonObject { Count: 0 })
            return name;
        for (var n = 2; ; n++)
        {
            var candidate = string.Create(CultureInfo.InvariantCulture, $"{name} {n}");
            if (!group.ContainsKey(candidate))
                return candidate;
        }
    }
}
