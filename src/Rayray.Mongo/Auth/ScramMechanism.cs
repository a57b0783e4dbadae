namespace Rayray.Mongo.Auth;

/// <summary>
/// The SCRAM variants MongoDB speaks; <see cref="ScramMechanismNames"/> gives their wire names. Use SCRAM-SHA-256 when
/// the server lists it in <c>saslSupportedMechs</c>, SCRAM-SHA-1 otherwise.
/// </summary>
public enum ScramMechanism
{
    /// <summary>"SCRAM-SHA-1" (RFC 5802), with MongoDB's MD5 digest of the password in place of the password.</summary>
    Sha1,

    /// <summary>"SCRAM-SHA-256" (RFC 7677), with the SASLprep'ed password.</summary>
    Sha256,
}
