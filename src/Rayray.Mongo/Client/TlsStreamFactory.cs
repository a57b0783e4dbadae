using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Rayray.Mongo.Client;

/// <summary>
/// Wraps a connected socket stream in TLS per the URI's options: the system's trust store, or only
/// the CA bundle of <c>tlsCAFile</c>; <c>tlsAllowInvalidHostnames</c> forgives a name mismatch only,
/// <c>tlsAllowInvalidCertificates</c> forgives everything (for test servers with self-signed certificates).
/// </summary>
internal static class TlsStreamFactory
{
    public static async Task<SslStream> AuthenticateAsync(Stream inner, string host, MongoTlsOptions options, CancellationToken cancellationToken)
    {
        var trusted = options.CaFile is { } caFile ? LoadCaBundle(caFile) : null;
        var stream = new SslStream(inner, leaveInnerStreamOpen: false);
        var client = new SslClientAuthenticationOptions
        {
            TargetHost = host,
            EnabledSslProtocols = SslProtocols.None, // the operating system's choice: TLS 1.2 or newer
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Accept(options, trusted, certificate, errors),
        };
        try
        {
            await stream.AuthenticateAsClientAsync(client, cancellationToken);
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    private static bool Accept(MongoTlsOptions options, X509Certificate2Collection? trusted, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (options.AllowInvalidCertificates)
            return true;
        if (options.AllowInvalidHostnames)
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
        if (trusted is not null && certificate is not null && (errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            using var leaf = new X509Certificate2(certificate);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (chain.Build(leaf))
                errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
        }
        return errors == SslPolicyErrors.None;
    }

    private static X509Certificate2Collection LoadCaBundle(string path)
    {
        var collection = new X509Certificate2Collection();
        try
        {
            collection.ImportFromPemFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new MongoConnectionException($"cannot read the CA bundle tlsCAFile={path}: {ex.Message}", ex);
        }
        if (collection.Count == 0)
            throw new MongoConnectionException($"the CA bundle tlsCAFile={path} holds no PEM certificate");
        return collection;
    }
}
