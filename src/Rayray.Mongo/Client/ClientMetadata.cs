using System.Runtime.InteropServices;
using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Client;

/// <summary>
/// The <c>client</c> document of the handshake (mongodb-handshake spec): who is connecting, shown
/// in the server's logs and currentOp. It must stay under 512 bytes, so optional parts are dropped
/// first and the application name is cut.
/// </summary>
internal static class ClientMetadata
{
    private const int MaxBytes = 512;

    public static BsonDocument Build(MongoClientSettings settings)
    {
        var full = Document(settings, settings.ApplicationName, withPlatform: true);
        if (BsonSerializer.Serialize(full).Length <= MaxBytes)
            return full;
        var application = settings.ApplicationName is { Length: > 128 } name ? name[..128] : settings.ApplicationName;
        return Document(settings, application, withPlatform: false);
    }

    private static BsonDocument Document(MongoClientSettings settings, string? application, bool withPlatform)
    {
        var os = new BsonDocument("type", OperatingSystemType());
        if (withPlatform)
        {
            os.Add("name", RuntimeInformation.OSDescription);
            os.Add("architecture", RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant());
        }
        var client = new BsonDocument();
        if (application is not null)
            client.Add("application", new BsonDocument("name", application));
        client.Add("driver", new BsonDocument { { "name", settings.DriverName }, { "version", settings.DriverVersion } });
        client.Add("os", os);
        if (withPlatform)
            client.Add("platform", RuntimeInformation.FrameworkDescription);
        return client;
    }

    private static string OperatingSystemType() =>
        OperatingSystem.IsWindows() ? "Windows" : OperatingSystem.IsLinux() ? "Linux" : OperatingSystem.IsMacOS() ? "Darwin" : "Unknown";
}
