using System.IO.Compression;

namespace Rayray.Core.Places;

/// <summary>The Brotli-compressed data files under Places/Data, embedded in this assembly (see tools/places).</summary>
internal static class PlacesResource
{
    public const string Countries = "countries.bin.br";
    public const string Cities = "cities.bin.br";

    /// <summary>The decompressed bytes, in a buffer that may be longer (not copied out to fit: they are read once).</summary>
    public static ArraySegment<byte> Read(string fileName)
    {
        var name = "Rayray.Core.Places.Data." + fileName;
        using var stream = typeof(PlacesResource).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the embedded resource {name} is missing from the build");
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
        // Both files expand to less than 2.5 times their compressed size.
        var bytes = new byte[(int)stream.Length * 5 / 2];
        var length = 0;
        while (true)
        {
            if (length == bytes.Length)
                Array.Resize(ref bytes, bytes.Length * 2);
            var read = brotli.Read(bytes, length, bytes.Length - length);
            if (read == 0)
                return new ArraySegment<byte>(bytes, 0, length);
            length += read;
        }
    }
}
