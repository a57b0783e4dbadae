using System.Text.Json.Nodes;
using Rayray.Core.Documents;

namespace Rayray.Cli.Output;

/// <summary><c>query --fields</c> in JSON: the document with only the given paths.</summary>
internal static class JsonProjection
{
    /// <summary>Keeps only the given paths; a path through an array keeps that field of each element.</summary>
    public static string Project(string json, IReadOnlyList<string> paths)
    {
        var source = JsonNode.Parse(json)!;
        var target = new JsonObject();
        foreach (var path in paths)
            Copy(source, target, path.Split('.'), 0);
        return target.ToJsonString(DocumentJson.Options);
    }

    private static void Copy(JsonNode? source, JsonNode target, string[] segments, int index)
    {
        if (source is null)
            return;
        if (source is JsonArray array && target is JsonArray targetArray)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (targetArray.Count <= i)
                    targetArray.Add(new JsonObject());
                Copy(array[i], targetArray[i]!, segments, index);
            }
            return;
        }
        if (source is not JsonObject obj || target is not JsonObject targetObject || !obj.TryGetPropertyValue(segments[index], out var value))
            return;
        var key = segments[index];
        if (index == segments.Length - 1)
        {
            targetObject[key] = value?.DeepClone();
            return;
        }
        // Fill a fresh node and keep it only when something was found under it: no empty "timestamps": {}.
        var child = targetObject[key] ?? (value is JsonArray ? new JsonArray() : new JsonObject());
        var wasThere = targetObject.ContainsKey(key);
        if (wasThere)
            targetObject.Remove(key);
        Copy(value, child, segments, index + 1);
        if (wasThere || child is JsonObject { Count: > 0 } || child is JsonArray array2 && array2.Any(e => e is JsonObject { Count: > 0 }))
            targetObject[key] = child;
    }
}
