using System.Globalization;

namespace Rayray.Mongo.Auth;

/// <summary>server-first-message of RFC 5802: <c>[m=ext,]r=nonce,s=salt,i=iterations[,extensions]</c>, checked strictly.</summary>
internal sealed record ServerFirstMessage(string Nonce, byte[] Salt, int Iterations)
{
    /// <summary>The lowest iteration count the MongoDB auth specification allows, against downgrade attacks.</summary>
    public const int MinimumIterations = 4096;

    /// <exception cref="FormatException">The message is malformed or unacceptable; the message says why and quotes no secret.</exception>
    public static ServerFirstMessage Parse(string message, string clientNonce)
    {
        var attributes = ScramAttributes.Parse(message)
            ?? throw new FormatException("the server-first-message is malformed: it is not name=value attributes separated by commas");
        if (attributes.Any(attribute => attribute.Key == 'm'))
            throw new FormatException("the server requires a mandatory extension ('m' attribute) this client does not support");
        if (attributes.Count < 3 || attributes[0].Key != 'r' || attributes[1].Key != 's' || attributes[2].Key != 'i')
            throw new FormatException("the server-first-message is malformed: it does not start with the r, s and i attributes in that order");

        var nonce = attributes[0].Value;
        if (!ScramNonce.IsPrintable(nonce))
            throw new FormatException("the server's nonce contains characters a SCRAM nonce may not have");
        if (!nonce.StartsWith(clientNonce, StringComparison.Ordinal) || nonce.Length == clientNonce.Length)
            throw new FormatException("the server's nonce does not extend the client's nonce, as it must (a replayed or forged reply?)");

        var salt = ScramBase64.Decode(attributes[1].Value);
        if (salt is null || salt.Length == 0)
            throw new FormatException("the server's salt is empty or not valid base64");

        var iterationText = attributes[2].Value;
        var isPositiveNumber = iterationText.Length > 0 && iterationText[0] != '0' && iterationText.All(char.IsAsciiDigit);
        if (!isPositiveNumber || !int.TryParse(iterationText, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations))
            throw new FormatException("the server's iteration count is not a positive number this client can use");
        if (iterations < MinimumIterations)
            throw new FormatException($"iteration count {iterations} is below the minimum {MinimumIterations}");

        return new ServerFirstMessage(nonce, salt, iterations);
    }
}
