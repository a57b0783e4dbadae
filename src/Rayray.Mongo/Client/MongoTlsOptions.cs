namespace Rayray.Mongo.Client;

/// <summary>The URI's tls options: on/off, a CA bundle to trust, and the two ways to relax verification.</summary>
public sealed record MongoTlsOptions(
    bool Enabled = false,
    string? CaFile = null,
    bool AllowInvalidCertificates = false,
    bool AllowInvalidHostnames = false)
{
    public static MongoTlsOptions Disabled { get; } = new();
}
