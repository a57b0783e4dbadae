using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Rayray.Mongo.Auth;

/// <summary>What each SCRAM variant feeds to Hi() in place of the password the user typed (MongoDB auth specification).</summary>
internal static class ScramPasswordInput
{
    /// <summary>
    /// SCRAM-SHA-1: the UTF-8 of <c>hex(md5(username ":mongo:" password))</c> in lower case, with no SASLprep of either.
    /// SCRAM-SHA-256: the UTF-8 of SASLprep(password).
    /// </summary>
    /// <exception cref="ArgumentException">SASLprep refuses the password (SCRAM-SHA-256).</exception>
    public static byte[] For(ScramMechanism mechanism, string username, string password) => mechanism switch
    {
        ScramMechanism.Sha1 => Encoding.ASCII.GetBytes(MongoPasswordDigest(username, password)),
        ScramMechanism.Sha256 => Encoding.UTF8.GetBytes(SaslPrep.Prepare(password, allowUnassigned: false, nameof(password))),
        _ => throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, null),
    };

    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms",
        Justification = "MongoDB's SCRAM-SHA-1 credentials are defined over this MD5 digest; the protocol fixes it.")]
    private static string MongoPasswordDigest(string username, string password) =>
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(username + ":mongo:" + password)));
}
