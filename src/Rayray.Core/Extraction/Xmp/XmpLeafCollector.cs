using XmpCore;

namespace Rayray.Core.Extraction.Xmp;

/// <summary>
/// The top-level properties of a streamed packet, grouped by schema in the order XmpCore lists them
/// (schemas as first met; properties as met, attributes sorted), and the normalizations of XmpCore's
/// that camera packets need: a Dublin Core array written as a simple value becomes its array, a
/// simple alias becomes its base property (or is dropped when the base is there:
/// <c>exif:DateTimeDigitized</c> → <c>xmp:CreateDate</c>), and an old instance id in rdf:about becomes
/// <c>xmpMM:InstanceID</c>. The properties XmpCore rewrites otherwise, and a repeated path (XmpCore's
/// error to report), are left to XmpCore.
/// </summary>
internal sealed class XmpLeafCollector
{
    private const string XmpMm = "http://ns.adobe.com/xap/1.0/mm/";
    private const string Dc = "http://purl.org/dc/elements/1.1/";

    /// <summary>Dublin Core properties XmpCore turns into arrays when written as simple values; true for language alternatives.</summary>
    private static readonly Dictionary<string, bool> DcArrays = new(StringComparer.Ordinal)
    {
        ["contributor"] = false, ["language"] = false, ["publisher"] = false, ["relation"] = false, ["subject"] = false,
        ["type"] = false, ["creator"] = false, ["date"] = false, ["description"] = true, ["rights"] = true, ["title"] = true,
    };

    /// <summary>Properties XmpCore's normalizer rewrites in ways not worth copying: XmpCore reads them.</summary>
    private static readonly HashSet<string> RewrittenByXmpCore = new(StringComparer.Ordinal)
    {
        "exif:UserComment", "exif:GPSTimeStamp", "xmpDM:copyright", "xmpRights:UsageTerms",
    };

    private readonly List<string> _schemas = [];
    private readonly Dictionary<string, List<Property>> _bySchema = new(StringComparer.Ordinal);
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);
    private string? _about;

    private sealed class Property(string name, List<KeyValuePair<string, string>> leaves, IXmpAliasInfo? alias)
    {
        public string Name { get; set; } = name;
        public List<KeyValuePair<string, string>> Leaves { get; set; } = leaves;
        public IXmpAliasInfo? Alias { get; set; } = alias;
    }

    public void About(string about)
    {
        if (about.Length == 0)
            return;
        if (_about is not null && _about != about)
            throw new XmpUnsupportedException("rdf:Description elements about different resources");
        _about = about;
    }

    public void Add(string ns, string name, List<KeyValuePair<string, string>> leaves, XmpValueShape shape)
    {
        if (RewrittenByXmpCore.Contains(name))
            throw new XmpUnsupportedException($"{name}, which XmpCore rewrites");
        if (ns == Dc && DcArrays.TryGetValue(name[(name.IndexOf(':', StringComparison.Ordinal) + 1)..], out var altText))
            leaves = DublinCoreArray(name, shape, altText, leaves);
        foreach (var leaf in leaves)
        {
            if (!_paths.Add(leaf.Key))
                throw new XmpUnsupportedException($"{leaf.Key} twice");
        }
        var alias = XmpMetaFactory.SchemaRegistry.FindAlias(name);
        if (alias is not null && (!alias.AliasForm.IsSimple() || leaves.Count != 1 || leaves[0].Key != name))
            throw new XmpUnsupportedException($"{name}, an alias of an array or written as one");
        Schema(ns).Add(new Property(name, leaves, alias));
    }

    /// <summary>XmpCore turns a Dublin Core property written as a simple value into its array form.</summary>
    private static List<KeyValuePair<string, string>> DublinCoreArray(string name, XmpValueShape shape, bool altText, List<KeyValuePair<string, string>> leaves)
    {
        switch (shape)
        {
            case XmpValueShape.Simple:
                var value = leaves[0].Value;
                var item = name + "[1]";
                return altText ? [new(item, value), new(item + "/xml:lang", "x-default")] : [new(item, value)];
            case XmpValueShape.Struct:
                throw new XmpUnsupportedException($"{name} written as a struct");
            default:
                // An alternative whose items lack a language is repaired by XmpCore ("x-repair", empty items dropped).
                if (altText && shape != XmpValueShape.AltText)
                    throw new XmpUnsupportedException($"{name} is not a language alternative");
                return leaves;
        }
    }

    public XmpProperties Result()
    {
        MoveAliases();
        MoveOldInstanceId();
        return new([.. _schemas.SelectMany(s => _bySchema[s]).SelectMany(p => p.Leaves)]);
    }

    private List<Property> Schema(string ns)
    {
        if (!_bySchema.TryGetValue(ns, out var schema))
        {
            _schemas.Add(ns);
            _bySchema[ns] = schema = [];
        }
        return schema;
    }

    private void MoveAliases()
    {
        foreach (var ns in _schemas.ToList())
        {
            var schema = _bySchema[ns];
            foreach (var property in schema.Where(p => p.Alias is not null).ToList())
            {
                var alias = property.Alias!;
                schema.Remove(property);
                var baseName = alias.Prefix + alias.PropName;
                var target = Schema(alias.Namespace);
                if (target.Exists(p => p.Name == baseName))
                    continue;
                property.Name = baseName;
                property.Leaves = [new(baseName, property.Leaves[0].Value)];
                property.Alias = null;
                target.Add(property);
            }
        }
    }

    private void MoveOldInstanceId()
    {
        if (_about is not { Length: >= 36 })
            return;
        var id = _about.ToLowerInvariant();
        if (id.StartsWith("uuid:", StringComparison.Ordinal))
            id = id[5..];
        if (!IsUuid(id))
            return;
        var name = XmpMetaFactory.SchemaRegistry.GetNamespacePrefix(XmpMm) + "InstanceID";
        var schema = Schema(XmpMm);
        var value = new List<KeyValuePair<string, string>> { new(name, "uuid:" + id) };
        if (schema.Find(p => p.Name == name) is { } existing)
            existing.Leaves = value;
        else
            schema.Add(new Property(name, value, null));
    }

    private static bool IsUuid(string text)
    {
        if (text.Length != 36)
            return false;
        var hyphens = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '-')
                continue;
            if (i is not (8 or 13 or 18 or 23))
                return false;
            hyphens++;
        }
        return hyphens == 4;
    }
}
