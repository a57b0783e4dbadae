using MetadataExtractor.Formats.Xmp;
using XmpCore;

namespace Rayray.Core.Extraction.Xmp;

/// <summary>
/// An XMP packet as the flat list of its leaf properties, in XmpCore's path syntax
/// (<c>dc:subject[2]</c>, <c>exif:Flash/exif:Fired</c>, <c>dc:title[1]/xml:lang</c>) with the
/// prefixes of XmpCore's schema registry — what MetadataExtractor's
/// <see cref="XmpDirectory.GetXmpProperties"/> lists. The schema's facts and <c>metadataRaw</c>
/// are both read from it, so each value is read once.
/// </summary>
public sealed class XmpProperties
{
    private readonly List<KeyValuePair<string, string>> _ordered;
    private readonly Dictionary<string, string> _byPath;

    public XmpProperties(List<KeyValuePair<string, string>> ordered)
    {
        _ordered = ordered;
        _byPath = new Dictionary<string, string>(ordered.Count, StringComparer.Ordinal);
        foreach (var (path, value) in ordered)
            _byPath.TryAdd(path, value);
    }

    /// <summary>Every leaf property, in the order XmpCore lists them (schema by schema).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> All => _ordered;

    public int Count => _ordered.Count;

    /// <summary>The properties of a packet XmpCore parsed (the fallback path).</summary>
    public static XmpProperties From(XmpDirectory directory) =>
        new([.. directory.GetXmpProperties()]);

    /// <summary>A simple property's value: <c>xmp:Rating</c>.</summary>
    public string? Simple(string namespaceUri, string name) =>
        Prefix(namespaceUri) is { } prefix ? _byPath.GetValueOrDefault(prefix + name) : null;

    /// <summary>The simple items of an array (<c>dc:subject[1]</c>, <c>[2]</c>, …), in order; the simple value itself when it is not an array.</summary>
    public List<string> Items(string namespaceUri, string name)
    {
        var items = new List<string>();
        if (Prefix(namespaceUri) is not { } prefix)
            return items;
        var path = prefix + name;
        for (var i = 1; _byPath.TryGetValue(Item(path, i), out var item); i++)
            items.Add(item);
        if (items.Count == 0 && _byPath.TryGetValue(path, out var single))
            items.Add(single);
        return items;
    }

    /// <summary>
    /// A language alternative's text as XMP's "x-default" choice makes it: the item marked
    /// x-default, else the first item, else the property as a simple value.
    /// </summary>
    public string? DefaultText(string namespaceUri, string name)
    {
        if (Prefix(namespaceUri) is not { } prefix)
            return null;
        var path = prefix + name;
        string? first = null;
        for (var i = 1; _byPath.TryGetValue(Item(path, i), out var item); i++)
        {
            first ??= item;
            if (_byPath.GetValueOrDefault(Item(path, i) + "/xml:lang") == "x-default")
                return item;
        }
        return first ?? _byPath.GetValueOrDefault(path);
    }

    /// <summary>A property's path component in XmpCore's syntax (<c>mwg-rs:Regions</c>); null when no packet used the namespace.</summary>
    public static string? PathOf(string namespaceUri, string name) => Prefix(namespaceUri) is { } prefix ? prefix + name : null;

    /// <summary>
    /// One field of each struct in an array, by item number in order: <c>Regions/RegionList[1]/Name</c>,
    /// <c>[2]/Name</c>… for <paramref name="arrayPath"/> <c>Regions/RegionList</c> and <paramref name="fieldPath"/> <c>Name</c>.
    /// Items without the field are absent.
    /// </summary>
    public SortedDictionary<int, string> StructFields(string arrayPath, string fieldPath)
    {
        var fields = new SortedDictionary<int, string>();
        foreach (var (path, value) in _ordered)
        {
            if (path.Length < arrayPath.Length + fieldPath.Length + 4 || !path.StartsWith(arrayPath, StringComparison.Ordinal) || path[arrayPath.Length] != '[')
                continue;
            var close = path.IndexOf(']', arrayPath.Length);
            if (close < 0 || !int.TryParse(path.AsSpan(arrayPath.Length + 1, close - arrayPath.Length - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                continue;
            if (path.Length == close + 2 + fieldPath.Length && path[close + 1] == '/' && path.EndsWith(fieldPath, StringComparison.Ordinal))
                fields.TryAdd(index, value);
        }
        return fields;
    }

    /// <summary>The path of an array's item in XmpCore's syntax: <c>dc:subject[2]</c>.</summary>
    internal static string Item(string path, int index) => string.Concat(path, "[", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "]");

    /// <summary>The registry's prefix ("dc:") for a namespace, as XmpCore names paths; null when the namespace is unknown (then no packet used it).</summary>
    private static string? Prefix(string namespaceUri) => XmpMetaFactory.SchemaRegistry.GetNamespacePrefix(namespaceUri);
}
