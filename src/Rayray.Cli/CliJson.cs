using System.Text.Json.Serialization;
using Rayray.Cli.Commands;

namespace Rayray.Cli;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IEnumerable<Dictionary<string, string?>>), TypeInfoPropertyName = "IEnumerableDictionaryStringString")]
[JsonSerializable(typeof(RunJson))]
[JsonSerializable(typeof(StatsJson))]
[JsonSerializable(typeof(RunJson[]), TypeInfoPropertyName = "RunArray")]
internal sealed partial class CliJson : JsonSerializerContext;
