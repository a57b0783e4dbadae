namespace Rayray.Mongo.Auth;

/// <summary>The names by which <c>saslStart</c>, <c>saslSupportedMechs</c> and connection strings call each SCRAM variant.</summary>
public static class ScramMechanismNames
{
    public const string Sha1 = "SCRAM-SHA-1";
    public const string Sha256 = "SCRAM-SHA-256";

    /// <summary>"SCRAM-SHA-1" or "SCRAM-SHA-256".</summary>
    public static string ToWireName(this ScramMechanism mechanism) => mechanism switch
    {
        ScramMechanism.Sha1 => Sha1,
        ScramMechanism.Sha256 => Sha256,
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "Not a SCRAM mechanism."),
    };

    /// <summary>Recognizes "SCRAM-SHA-1" and "SCRAM-SHA-256", spelled exactly (case-sensitively) as the server spells them.</summary>
    public static bool TryParse(string? wireName, out ScramMechanism mechanism)
    {
        (var known, mechanism) = wireName switch
        {
            Sha1 => (true, ScramMechanism.Sha1),
            Sha256 => (true, ScramMechanism.Sha256),
            _ => (false, default),
        };
        return known;
    }
}
