using System.Security.Cryptography;

namespace Rayray.Mongo.Auth;

/// <summary>Nonces of RFC 5802: printable ASCII except ','.</summary>
internal static class ScramNonce
{
    public static string CreateRandom() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    public static bool IsPrintable(string nonce) =>
        nonce.Length > 0 && nonce.All(c => c is >= '!' and <= '~' and not ',');
}
