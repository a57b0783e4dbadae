using System.Collections.Frozen;
using System.Text.Json.Serialization.Metadata;

namespace Rayray.Core.Documents;

/// <summary>
/// The dotted paths of a document's JSON form (<c>camera.make</c>, <c>locations.path</c>), read from
/// its serialization contract, so a new field of the schema is a new path without being listed here.
/// Arrays are transparent: <c>locations.path</c> is the path of every location. <c>metadataRaw</c> is
/// an object whose keys vary from file to file: only its name is known here.
/// </summary>
public static class DocumentPaths
{
    public const string MetadataRaw = "metadataRaw";

    private static readonly (FrozenDictionary<string, string> Canonical, FrozenSet<string> Objects, IReadOnlyList<string> Leaves) Schema = Build();

    /// <summary>Every path that holds a value, in the order the document writes them.</summary>
    public static IReadOnlyList<string> Leaves => Schema.Leaves;

    /// <summary>The path as the schema spells it (<c>Camera.Make</c> is <c>camera.make</c>), or null when it is not one of the schema's paths.</summary>
    public static string? Find(string path) => Schema.Canonical.GetValueOrDefault(path);

    /// <summary>True when the path holds an object (or an array of objects) of the schema: <c>camera</c>, <c>locations</c>, <c>location</c>.</summary>
    public static bool IsObject(string path) => Schema.Objects.Contains(path);

    /// <summary>True for <c>metadataRaw</c> and the paths under it, whose leaves only the documents themselves can tell.</summary>
    public static bool IsFreeForm(string path) =>
        path == MetadataRaw || path.StartsWith(MetadataRaw + ".", StringComparison.Ordinal);

    /// <summary>The leaves under an object path of the schema, in document order.</summary>
    public static IEnumerable<string> LeavesUnder(string path) =>
        Schema.Leaves.Where(leaf => leaf.StartsWith(path + ".", StringComparison.Ordinal));

    private static (FrozenDictionary<string, string>, FrozenSet<string>, IReadOnlyList<string>) Build()
    {
        var leaves = new List<string>();
        var objects = new List<string>();
        Walk(DocumentJson.Context.MediaDocument, "", leaves, objects, depth: 0);
        var canonical = leaves.Concat(objects).Append(MetadataRaw).Distinct().ToDictionary(p => p, StringComparer.OrdinalIgnoreCase);
        return (canonical.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase), objects.ToFrozenSet(StringComparer.Ordinal), leaves);
    }

    private static void Walk(JsonTypeInfo type, string prefix, List<string> leaves, List<string> objects, int depth)
    {
        foreach (var property in type.Properties)
        {
            var path = prefix + property.Name;
            // [JsonIgnore] properties are in the contract too, without a getter.
            if (path == MetadataRaw || property.Get is null)
                continue;
            var inner = ObjectType(property.PropertyType);
            if (inner is null || depth > 4)
            {
                leaves.Add(path);
                continue;
            }
            objects.Add(path);
            Walk(inner, path + ".", leaves, objects, depth + 1);
        }
    }

    /// <summary>The contract of the object a property holds, itself or as the elements of a list; null for a value.</summary>
    private static JsonTypeInfo? ObjectType(Type type)
    {
        var info = DocumentJson.Context.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
        if (info?.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
            info = DocumentJson.Context.GetTypeInfo(element);
        return info?.Kind == JsonTypeInfoKind.Object ? info : null;
    }
}
