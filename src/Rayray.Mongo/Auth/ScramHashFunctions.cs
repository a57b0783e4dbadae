using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Rayray.Mongo.Auth;

/// <summary>H(), HMAC() and Hi() of RFC 5802 for the hash function each SCRAM variant names.</summary>
internal static class ScramHashFunctions
{
    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "SCRAM-SHA-1 is defined with SHA-1, and the server decides whether it is used.")]
    public static byte[] Hash(ScramMechanism mechanism, byte[] data) => mechanism switch
    {
        ScramMechanism.Sha1 => SHA1.HashData(data),
        ScramMechanism.Sha256 => SHA256.HashData(data),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, null),
    };

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms",
        Justification = "SCRAM-SHA-1 is defined with HMAC-SHA-1, and the server decides whether it is used.")]
    public static byte[] Hmac(ScramMechanism mechanism, byte[] key, byte[] data) => mechanism switch
    {
        ScramMechanism.Sha1 => HMACSHA1.HashData(key, data),
        ScramMechanism.Sha256 => HMACSHA256.HashData(key, data),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, null),
    };

    /// <summary>Hi(str, salt, i) is PBKDF2 with the variant's HMAC, producing one hash length.</summary>
    public static byte[] Hi(ScramMechanism mechanism, byte[] input, byte[] salt, int iterations) => mechanism switch
    {
        ScramMechanism.Sha1 => Rfc2898DeriveBytes.Pbkdf2(input, salt, iterations, HashAlgorithmName.SHA1, SHA1.HashSizeInBytes),
        ScramMechanism.Sha256 => Rfc2898DeriveBytes.Pbkdf2(input, salt, iterations, HashAlgorithmName.SHA256, SHA256.HashSizeInBytes),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, null),
    };
}
