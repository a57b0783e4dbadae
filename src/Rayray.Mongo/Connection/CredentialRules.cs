using System.Diagnostics;

namespace Rayray.Mongo.Connection;

/// <summary>
/// Builds the credential of a connection string following the authentication specification: an
/// '@' before the hosts or an authMechanism asks for authentication (a database or authSource
/// alone does not), each mechanism has its required and forbidden parts, and the source defaults
/// per mechanism.
/// </summary>
internal static class CredentialRules
{
    private const string External = "$external";
    private const string Admin = "admin";

    private static readonly string[] Mechanisms =
        ["SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN", "GSSAPI", "MONGODB-X509", "MONGODB-AWS", "MONGODB-OIDC"];

    private static readonly string[] GssapiProperties = ["SERVICE_NAME", "CANONICALIZE_HOST_NAME", "SERVICE_REALM", "SERVICE_HOST"];
    private static readonly string[] GssapiCanonicalizations = ["none", "forward", "forwardAndReverse", "true", "false"];
    private static readonly string[] OidcProperties = ["ENVIRONMENT", "TOKEN_RESOURCE"];
    private static readonly string[] OidcEnvironments = ["test", "azure", "gcp", "k8s"];

    public static MongoUrlCredential? Build(
        bool userInfoGiven,
        string? username,
        string? password,
        string? database,
        IReadOnlyDictionary<string, string> options,
        IReadOnlyDictionary<string, string> mechanismProperties)
    {
        options.TryGetValue("authmechanism", out var mechanismOption);
        if (!userInfoGiven && mechanismOption is null)
            return null;
        options.TryGetValue("authsource", out var authSource);

        var mechanism = mechanismOption is null
            ? null
            : Canonical(mechanismOption) ?? throw new MongoUrlException($"Unsupported authMechanism '{mechanismOption}'; the mechanisms are {string.Join(", ", Mechanisms)}.");
        switch (mechanism)
        {
            case null:
            case "SCRAM-SHA-1":
            case "SCRAM-SHA-256":
                RequireUsername(username, mechanism ?? "password authentication");
                ForbidProperties(mechanismProperties, mechanism ?? "password authentication (no authMechanism)");
                return new(username, password, authSource ?? database ?? Admin, mechanism, mechanismProperties);

            case "PLAIN":
                RequireUsername(username, mechanism);
                ForbidProperties(mechanismProperties, mechanism);
                return new(username, password, authSource ?? database ?? External, mechanism, mechanismProperties);

            case "GSSAPI":
                RequireUsername(username, mechanism);
                RequireExternalSource(authSource, mechanism);
                AllowOnlyProperties(mechanismProperties, mechanism, GssapiProperties);
                if (mechanismProperties.TryGetValue("CANONICALIZE_HOST_NAME", out var canonicalize)
                    && !GssapiCanonicalizations.Contains(canonicalize, StringComparer.OrdinalIgnoreCase))
                {
                    throw new MongoUrlException($"CANONICALIZE_HOST_NAME must be one of {string.Join(", ", GssapiCanonicalizations)}; it is '{canonicalize}'.");
                }
                var gssapiProperties = new Dictionary<string, string>(mechanismProperties, StringComparer.OrdinalIgnoreCase);
                gssapiProperties.TryAdd("SERVICE_NAME", "mongodb");
                return new(username, password, External, mechanism, gssapiProperties.AsReadOnly());

            case "MONGODB-X509":
                ForbidPassword(password, mechanism, "the client certificate is the credential");
                RequireExternalSource(authSource, mechanism);
                ForbidProperties(mechanismProperties, mechanism);
                return new(username, null, External, mechanism, mechanismProperties);

            case "MONGODB-AWS":
                // Since DRIVERS-3131 the AWS credentials come only from the environment (variables,
                // web identity, ECS or EC2 metadata), never from the connection string.
                if (userInfoGiven)
                    throw new MongoUrlException("MONGODB-AWS takes no username or password in the connection string: AWS credentials come from the environment.");
                if (mechanismProperties.ContainsKey("AWS_SESSION_TOKEN"))
                    throw new MongoUrlException("MONGODB-AWS takes no AWS_SESSION_TOKEN in the connection string: AWS credentials come from the environment.");
                RequireExternalSource(authSource, mechanism);
                ForbidProperties(mechanismProperties, mechanism);
                return new(null, null, External, mechanism, mechanismProperties);

            case "MONGODB-OIDC":
                return BuildOidc(username, password, authSource, mechanismProperties);

            default:
                throw new UnreachableException($"{mechanism} is in the list of mechanisms but has no rules.");
        }
    }

    private static MongoUrlCredential BuildOidc(string? username, string? password, string? authSource, IReadOnlyDictionary<string, string> properties)
    {
        const string Mechanism = "MONGODB-OIDC";
        ForbidPassword(password, Mechanism, "the identity provider's token is the credential");
        RequireExternalSource(authSource, Mechanism);
        AllowOnlyProperties(properties, Mechanism, OidcProperties);
        // Callbacks cannot be given in a connection string, so a built-in environment is required.
        if (!properties.TryGetValue("ENVIRONMENT", out var environment))
            throw new MongoUrlException($"{Mechanism} needs authMechanismProperties=ENVIRONMENT:<{string.Join("|", OidcEnvironments)}>.");
        if (!OidcEnvironments.Contains(environment, StringComparer.Ordinal))
            throw new MongoUrlException($"{Mechanism} ENVIRONMENT must be one of {string.Join(", ", OidcEnvironments)}; it is '{environment}'.");
        if (environment == "test" && username is not null)
            throw new MongoUrlException($"{Mechanism} with ENVIRONMENT:test takes no username.");
        if (environment is "azure" or "gcp" && string.IsNullOrEmpty(properties.GetValueOrDefault("TOKEN_RESOURCE")))
            throw new MongoUrlException($"{Mechanism} with ENVIRONMENT:{environment} needs a TOKEN_RESOURCE property (the token's audience).");
        return new(username, null, External, Mechanism, properties);
    }

    private static string? Canonical(string mechanism) =>
        Mechanisms.FirstOrDefault(m => string.Equals(m, mechanism, StringComparison.OrdinalIgnoreCase));

    private static void RequireUsername(string? username, string mechanism)
    {
        if (string.IsNullOrEmpty(username))
            throw new MongoUrlException($"{mechanism} needs a username: write it before the '@' (percent-encoded).");
    }

    private static void ForbidPassword(string? password, string mechanism, string why)
    {
        if (password is not null)
            throw new MongoUrlException($"{mechanism} takes no password: {why}.");
    }

    private static void RequireExternalSource(string? authSource, string mechanism)
    {
        if (authSource is not null && authSource != External)
            throw new MongoUrlException($"{mechanism} authenticates against {External}; authSource cannot be '{authSource}'.");
    }

    private static void ForbidProperties(IReadOnlyDictionary<string, string> properties, string mechanism)
    {
        if (properties.Count > 0)
            throw new MongoUrlException($"{mechanism} takes no authMechanismProperties (given: {string.Join(", ", properties.Keys)}).");
    }

    private static void AllowOnlyProperties(IReadOnlyDictionary<string, string> properties, string mechanism, string[] allowed)
    {
        var unknown = properties.Keys.Where(k => !allowed.Contains(k, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
            throw new MongoUrlException($"{mechanism} does not take the authMechanismProperties {string.Join(", ", unknown)}; it takes {string.Join(", ", allowed)}.");
    }
}
