using System.Text.Json.Serialization;

namespace Rayray.Cli;

[JsonSourceGenerationOptions(WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IEnumerable<Dictionary<string, string?>>), TypeInfoPropertyName = "IEnumerableDictionaryStringString")]
internal sealed partial class CliJson : JsonSerializerContext;
