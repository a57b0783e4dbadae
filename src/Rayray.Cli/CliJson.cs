using System.Text.Json;
using System.Text.Json.Serialization;
using Rayray.Cli.Commands;
using Rayray.Core.Documents;

namespace Rayray.Cli;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IEnumerable<Dictionary<string, string?>>), TypeInfoPropertyName = "IEnumerableDictionaryStringString")]
[JsonSerializable(typeof(RunJson))]
[JsonSerializable(typeof(StatsJson))]
[JsonSerializable(typeof(RunJson[]), TypeInfoPropertyName = "RunArray")]
internal sealed partial class CliJson : JsonSerializerContext
{
    /// <summary>The context the commands print with: text as it is, like <see cref="DocumentJson.Encoder"/>.</summary>
    // Built on first use: a static initializer here could run before the generated one of Default.
    public static CliJson Output => RelaxedContext.Instance;

    private static class RelaxedContext
    {
        public static readonly CliJson Instance = new(new JsonSerializerOptions(Default.Options) { Encoder = DocumentJson.Encoder });
    }
}
