using System.Text.Json.Serialization;

namespace Rayray.Storage.Sqlite;

[JsonSerializable(typeof(string[]))]
internal sealed partial class SqliteJson : JsonSerializerContext;
