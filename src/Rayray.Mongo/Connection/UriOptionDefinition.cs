namespace Rayray.Mongo.Connection;

/// <summary>
/// One option of the URI options specification: its canonical name, value type and accepted
/// range. <see cref="IsList"/> options may repeat, each occurrence adding to the list.
/// </summary>
internal sealed record UriOptionDefinition(
    string Name,
    UriOptionType Type,
    long Minimum = int.MinValue,
    long Maximum = int.MaxValue,
    IReadOnlyList<string>? AllowedValues = null,
    bool IsList = false,
    bool IsSecret = false)
{
    public static IReadOnlyDictionary<string, UriOptionDefinition> All { get; } = new UriOptionDefinition[]
    {
        new("appName", UriOptionType.String),
        new("authMechanism", UriOptionType.String),
        new("authMechanismProperties", UriOptionType.KeyValuePairs),
        new("authSource", UriOptionType.String),
        new("compressors", UriOptionType.String),
        new("connectTimeoutMS", UriOptionType.Integer, Minimum: 0),
        new("directConnection", UriOptionType.Boolean),
        new("heartbeatFrequencyMS", UriOptionType.Integer, Minimum: 500),
        new("journal", UriOptionType.Boolean),
        new("loadBalanced", UriOptionType.Boolean),
        new("localThresholdMS", UriOptionType.Integer, Minimum: 0),
        new("maxConnecting", UriOptionType.Integer, Minimum: 1),
        new("maxIdleTimeMS", UriOptionType.Integer, Minimum: 0),
        new("maxPoolSize", UriOptionType.Integer, Minimum: 0),
        new("maxStalenessSeconds", UriOptionType.Integer, Minimum: -1),
        new("minPoolSize", UriOptionType.Integer, Minimum: 0),
        new("readConcernLevel", UriOptionType.String),
        new("readPreference", UriOptionType.OneOf, AllowedValues: ["primary", "primaryPreferred", "secondary", "secondaryPreferred", "nearest"]),
        new("readPreferenceTags", UriOptionType.KeyValuePairs, IsList: true),
        new("replicaSet", UriOptionType.String),
        new("retryReads", UriOptionType.Boolean),
        new("retryWrites", UriOptionType.Boolean),
        new("serverMonitoringMode", UriOptionType.OneOf, AllowedValues: ["stream", "poll", "auto"]),
        new("serverSelectionTimeoutMS", UriOptionType.Integer, Minimum: 1),
        new("serverSelectionTryOnce", UriOptionType.Boolean),
        new("socketTimeoutMS", UriOptionType.Integer, Minimum: 0),
        new("srvMaxHosts", UriOptionType.Integer, Minimum: 0),
        new("srvServiceName", UriOptionType.String),
        new("ssl", UriOptionType.Boolean),
        new("timeoutMS", UriOptionType.Integer, Minimum: 0),
        new("tls", UriOptionType.Boolean),
        new("tlsAllowInvalidCertificates", UriOptionType.Boolean),
        new("tlsAllowInvalidHostnames", UriOptionType.Boolean),
        new("tlsCAFile", UriOptionType.String),
        new("tlsCertificateKeyFile", UriOptionType.String),
        new("tlsCertificateKeyFilePassword", UriOptionType.String, IsSecret: true),
        new("tlsDisableCertificateRevocationCheck", UriOptionType.Boolean),
        new("tlsDisableOCSPEndpointCheck", UriOptionType.Boolean),
        new("tlsInsecure", UriOptionType.Boolean),
        new("w", UriOptionType.String),
        new("waitQueueTimeoutMS", UriOptionType.Integer, Minimum: 1),
        new("wTimeoutMS", UriOptionType.Integer, Minimum: 0, Maximum: long.MaxValue),
        new("zlibCompressionLevel", UriOptionType.Integer, Minimum: -1, Maximum: 9),
    }.ToDictionary(d => AsciiCase.ToLower(d.Name), StringComparer.Ordinal);
}
