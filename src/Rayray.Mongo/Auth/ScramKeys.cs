using System.Security.Cryptography;
using System.Text;

namespace Rayray.Mongo.Auth;

/// <summary>
/// ClientKey and ServerKey of RFC 5802, the costly part of a SCRAM conversation. They are as secret as the password:
/// never log or expose them.
/// </summary>
internal sealed class ScramKeys
{
    private ScramKeys(byte[] clientKey, byte[] serverKey)
    {
        ClientKey = clientKey;
        ServerKey = serverKey;
    }

    public byte[] ClientKey { get; }

    public byte[] ServerKey { get; }

    /// <param name="mechanism">The SCRAM variant.</param>
    /// <param name="passwordInput">What Hi() takes in place of the password; see <see cref="ScramPasswordInput"/>.</param>
    /// <param name="salt">The salt the server sent.</param>
    /// <param name="iterations">The iteration count the server sent.</param>
    public static ScramKeys Derive(ScramMechanism mechanism, byte[] passwordInput, byte[] salt, int iterations)
    {
        var saltedPassword = ScramHashFunctions.Hi(mechanism, passwordInput, salt, iterations);
        var keys = new ScramKeys(
            ScramHashFunctions.Hmac(mechanism, saltedPassword, Encoding.ASCII.GetBytes("Client Key")),
            ScramHashFunctions.Hmac(mechanism, saltedPassword, Encoding.ASCII.GetBytes("Server Key")));
        CryptographicOperations.ZeroMemory(saltedPassword);
        return keys;
    }
}
