using System.Security.Cryptography;

namespace Rayray.Mongo.Auth;

/// <summary>
/// Derived SCRAM keys for reuse, as the MongoDB auth specification asks: Hi() is deliberately slow, and every new pooled
/// connection would otherwise repeat it. Entries are found by mechanism, password input (which for SCRAM-SHA-1 includes
/// the user name), salt and iteration count; the cache keeps only a SHA-256 fingerprint of those, not the password.
/// Safe to share between threads.
/// </summary>
public sealed class ScramKeyCache
{
    // A pool has one credential; a handful of entries covers a server that changed the salt or iteration count.
    private const int Capacity = 16;

    private readonly Dictionary<string, ScramKeys> _entries = [];
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    public void Clear()
    {
        lock (_lock)
            _entries.Clear();
    }

    internal ScramKeys GetOrDerive(ScramMechanism mechanism, byte[] passwordInput, byte[] salt, int iterations)
    {
        var fingerprint = Fingerprint(mechanism, passwordInput, salt, iterations);
        lock (_lock)
        {
            if (_entries.TryGetValue(fingerprint, out var cached))
                return cached;
        }
        var keys = ScramKeys.Derive(mechanism, passwordInput, salt, iterations);
        lock (_lock)
        {
            if (_entries.Count >= Capacity)
                _entries.Clear();
            _entries[fingerprint] = keys;
        }
        return keys;
    }

    private static string Fingerprint(ScramMechanism mechanism, byte[] passwordInput, byte[] salt, int iterations)
    {
        // Length prefixes keep (input, salt) pairs from running into each other.
        var material = new List<byte> { (byte)mechanism };
        foreach (var part in new[] { passwordInput, salt, BitConverter.GetBytes(iterations) })
        {
            material.AddRange(BitConverter.GetBytes(part.Length));
            material.AddRange(part);
        }
        return Convert.ToHexString(SHA256.HashData(material.ToArray()));
    }
}
