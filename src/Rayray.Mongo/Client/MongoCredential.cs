namespace Rayray.Mongo.Client;

/// <summary>
/// A SCRAM user. <see cref="Mechanism"/> null means negotiate (SCRAM-SHA-256 when the server offers
/// it, else SCRAM-SHA-1). <see cref="ToString"/> never shows the password.
/// </summary>
public sealed record MongoCredential(string Username, string Password, string Source, string? Mechanism = null)
{
    public override string ToString() => $"{Username}@{Source}";
}
