using System.IO.Compression;

namespace Rayray.Core.Places;

/// <summary>The Brotli-compressed data files under Places/Data, embedded in this assembly (see tools/places).</summary>
internal static class PlacesResource
{
    public const string Countries = "countries.bin.br";
    public const string Cities = "cities.bin.br";

    public static byte[] Read(string fileName)
    {
        var name = "Rayray.Core.Places.Data." + fileName;
        using var stream = typeof(PlacesResource).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the embedded resource {name} is missing from the build");
        using var brotli = new BrotliStream(stream, CompressionMode.Decompress);
        using var bytes = new MemoryStream(capacity: (int)stream.Length * 3);
        brotli.CopyTo(bytes);
        return bytes.ToArray();
    }
}
