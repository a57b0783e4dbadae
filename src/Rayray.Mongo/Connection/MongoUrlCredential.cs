namespace Rayray.Mongo.Connection;

/// <summary>
/// The credential a connection string describes, completed with the authentication
/// specification's defaults. <see cref="Mechanism"/> null means "negotiate" (SCRAM-SHA-256 when the
/// server offers it, else SCRAM-SHA-1). <see cref="ToString"/> never shows the password.
/// </summary>
/// <param name="Username">Null only for mechanisms that may take the identity from elsewhere (MONGODB-X509, MONGODB-AWS, MONGODB-OIDC).</param>
/// <param name="Source">The database the authentication commands go to.</param>
/// <param name="MechanismProperties">authMechanismProperties, keys compared case-insensitively.</param>
public sealed record MongoUrlCredential(
    string? Username,
    string? Password,
    string Source,
    string? Mechanism,
    IReadOnlyDictionary<string, string> MechanismProperties)
{
    public override string ToString() =>
        $"{Username ?? "(no username)"}@{Source}{(Mechanism is null ? "" : $" ({Mechanism})")}";
}
