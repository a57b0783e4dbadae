using System.Security.Cryptography;
using System.Text;

namespace Rayray.Mongo.Auth;

/// <summary>
/// The client side of one SCRAM-SHA-1 or SCRAM-SHA-256 conversation as MongoDB runs it (RFC 5802, RFC 7677 and the
/// MongoDB auth specification), as message logic only: the caller carries the payloads in <c>saslStart</c> and
/// <c>saslContinue</c>.
/// </summary>
/// <remarks>
/// Call <see cref="ClientFirstMessage"/>, <see cref="ClientFinalMessage"/> and <see cref="VerifyServerFinal"/> once
/// each, in that order. Once <see cref="VerifyServerFinal"/> has returned the server is authenticated; a server before
/// 4.4 then still answers <c>done: false</c> and wants one more <c>saslContinue</c> with an empty payload.
/// Any failure ends the conversation: start a new one to retry.
/// </remarks>
public sealed class ScramConversation
{
    // "n,," says: no channel binding, no authorization identity. MongoDB must not be offered channel binding.
    private const string Gs2Header = "n,,";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _username;
    private readonly byte[] _passwordInput;
    private readonly string _clientNonce;
    private readonly ScramKeyCache? _keyCache;
    private readonly string _clientFirstMessageBare;
    private byte[]? _expectedServerSignature;
    private Step _step = Step.ClientFirst;

    /// <param name="mechanism">The SCRAM variant.</param>
    /// <param name="username">The user name as given; it is escaped but, as MongoDB requires, not SASLprep'ed.</param>
    /// <param name="password">The password; SCRAM-SHA-256 SASLpreps it, SCRAM-SHA-1 replaces it by MongoDB's MD5 digest.</param>
    /// <param name="clientNonce">The client nonce (printable ASCII without ','); by default 24 random bytes in base64.</param>
    /// <param name="keyCache">Where to reuse the derived keys across conversations, such as a connection pool's cache.</param>
    /// <exception cref="ArgumentException">
    /// The user name is empty or not valid Unicode, the password is not valid Unicode or SASLprep refuses it, or the
    /// nonce is not printable. The message never contains the password.
    /// </exception>
    public ScramConversation(ScramMechanism mechanism, string username, string password, string? clientNonce = null,
        ScramKeyCache? keyCache = null)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        if (!Enum.IsDefined(mechanism))
            throw new ArgumentOutOfRangeException(nameof(mechanism), mechanism, "Not a SCRAM mechanism.");
        if (username.Length == 0)
            throw new ArgumentException("SCRAM needs a user name.", nameof(username));
        if (username.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException("A SCRAM user name cannot contain the character NUL.", nameof(username));
        RequireValidUnicode(username, nameof(username));
        RequireValidUnicode(password, nameof(password));
        if (clientNonce is not null && !ScramNonce.IsPrintable(clientNonce))
            throw new ArgumentException("A SCRAM nonce must be printable ASCII characters other than ','.", nameof(clientNonce));

        Mechanism = mechanism;
        _username = username;
        _passwordInput = ScramPasswordInput.For(mechanism, username, password);
        _clientNonce = clientNonce ?? ScramNonce.CreateRandom();
        _keyCache = keyCache;
        _clientFirstMessageBare = "n=" + EscapeUsername(username) + ",r=" + _clientNonce;
    }

    public ScramMechanism Mechanism { get; }

    /// <summary>True once the server's signature has been verified: both sides have proven they know the password.</summary>
    public bool IsComplete => _step == Step.Complete;

    /// <summary>client-first-message: <c>n,,n=user,r=nonce</c>, the payload of <c>saslStart</c>.</summary>
    public byte[] ClientFirstMessage()
    {
        Advance(Step.ClientFirst, Step.ClientFinal);
        return Encoding.UTF8.GetBytes(Gs2Header + _clientFirstMessageBare);
    }

    /// <summary>client-final-message with the client's proof, answering the server-first-message.</summary>
    /// <exception cref="MongoAuthenticationException">
    /// The server's message is malformed, its nonce does not extend ours, it asks for fewer than 4096 iterations, or it
    /// requires an extension.
    /// </exception>
    public byte[] ClientFinalMessage(ReadOnlySpan<byte> serverFirst)
    {
        Advance(Step.ClientFinal, Step.Failed);
        try
        {
            var serverFirstMessage = DecodeServerMessage(serverFirst, "server-first-message");
            var parsed = ParseServerFirst(serverFirstMessage);
            var keys = _keyCache?.GetOrDerive(Mechanism, _passwordInput, parsed.Salt, parsed.Iterations)
                ?? ScramKeys.Derive(Mechanism, _passwordInput, parsed.Salt, parsed.Iterations);

            var clientFinalWithoutProof = "c=" + Convert.ToBase64String(Encoding.ASCII.GetBytes(Gs2Header)) + ",r=" + parsed.Nonce;
            var authMessage = Encoding.UTF8.GetBytes(_clientFirstMessageBare + "," + serverFirstMessage + "," + clientFinalWithoutProof);
            var storedKey = ScramHashFunctions.Hash(Mechanism, keys.ClientKey);
            var clientSignature = ScramHashFunctions.Hmac(Mechanism, storedKey, authMessage);
            var clientProof = new byte[clientSignature.Length];
            for (var i = 0; i < clientProof.Length; i++)
                clientProof[i] = (byte)(keys.ClientKey[i] ^ clientSignature[i]);
            _expectedServerSignature = ScramHashFunctions.Hmac(Mechanism, keys.ServerKey, authMessage);

            _step = Step.VerifyServerFinal;
            return Encoding.UTF8.GetBytes(clientFinalWithoutProof + ",p=" + Convert.ToBase64String(clientProof));
        }
        finally
        {
            // The password input is needed only for this step, win or lose.
            CryptographicOperations.ZeroMemory(_passwordInput);
        }
    }

    /// <summary>Checks the server-final-message: the server must prove it knows the password too.</summary>
    /// <exception cref="MongoAuthenticationException">
    /// The server's signature does not match, the server reported an error (<c>e=</c>), or the message is malformed.
    /// </exception>
    public void VerifyServerFinal(ReadOnlySpan<byte> serverFinal)
    {
        Advance(Step.VerifyServerFinal, Step.Failed);
        var attributes = ScramAttributes.Parse(DecodeServerMessage(serverFinal, "server-final-message"));
        if (attributes is null)
            throw Failure("the server-final-message is malformed: it is not name=value attributes separated by commas");
        if (attributes[0].Key == 'e')
            throw Failure($"the server reported the error '{attributes[0].Value}'");
        if (attributes.Any(attribute => attribute.Key == 'm'))
            throw Failure("the server requires a mandatory extension ('m' attribute) this client does not support");
        if (attributes[0].Key != 'v')
            throw Failure("the server-final-message is malformed: it carries neither a signature (v=) nor an error (e=)");

        var signature = ScramBase64.Decode(attributes[0].Value);
        if (signature is null || !CryptographicOperations.FixedTimeEquals(signature, _expectedServerSignature))
            throw Failure("the server's signature did not match — the server may not know this password or is not who it claims");
        _step = Step.Complete;
    }

    private ServerFirstMessage ParseServerFirst(string serverFirstMessage)
    {
        try
        {
            return ServerFirstMessage.Parse(serverFirstMessage, _clientNonce);
        }
        catch (FormatException exception)
        {
            throw Failure(exception.Message, exception);
        }
    }

    /// <summary>saslname of RFC 5802: '=' becomes "=3D" and ',' becomes "=2C".</summary>
    private static string EscapeUsername(string username) =>
        username.Replace("=", "=3D", StringComparison.Ordinal).Replace(",", "=2C", StringComparison.Ordinal);

    private static void RequireValidUnicode(string value, string parameterName)
    {
        try
        {
            _ = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            // The exception would quote the offending character; the value may be a password.
            throw new ArgumentException($"The {parameterName} contains an unpaired surrogate and is not valid Unicode.", parameterName);
        }
    }

    /// <summary>
    /// Checks that the conversation is at <paramref name="expected"/> and moves it to <paramref name="next"/>. A step
    /// that can fail moves to <see cref="Step.Failed"/> here and to the following step only once it has succeeded.
    /// </summary>
    private void Advance(Step expected, Step next)
    {
        if (_step != expected)
        {
            throw new InvalidOperationException(_step == Step.Failed
                ? "This SCRAM conversation has already failed; start a new one."
                : $"This SCRAM conversation is at the {_step} step, not {expected}.");
        }
        _step = next;
    }

    private string DecodeServerMessage(ReadOnlySpan<byte> payload, string messageName)
    {
        try
        {
            return StrictUtf8.GetString(payload);
        }
        catch (DecoderFallbackException exception)
        {
            throw Failure($"the {messageName} is not valid UTF-8", exception);
        }
    }

    private MongoAuthenticationException Failure(string reason, Exception? innerException = null) =>
        new($"{Mechanism.ToWireName()} authentication of user '{_username}' failed: {reason}.", Mechanism, _username, innerException);

    private enum Step
    {
        ClientFirst,
        ClientFinal,
        VerifyServerFinal,
        Complete,
        Failed,
    }
}
