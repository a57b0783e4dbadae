using System.Buffers;
using System.Text;
using System.Text.Json;
using Rayray.Core.Documents;

namespace Rayray.Cli.Output;

/// <summary>JSON text on its way to stdout.</summary>
internal static class JsonText
{
    /// <summary>
    /// The same JSON with text as it is: a database written by an older rayray holds "P 45\u002B"
    /// and "\u00E9"; those come out as "P 45+" and "é". Quotes, backslashes and control characters
    /// stay escaped. Text without any \u escape is returned untouched, without parsing it.
    /// </summary>
    public static string Relaxed(string json)
    {
        if (!json.Contains("\\u", StringComparison.Ordinal))
            return json;
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, DocumentJson.WriterOptions))
            document.RootElement.WriteTo(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
