using Rayray.Core.Documents;
using Rayray.Core.Walking;

namespace Rayray.Core.Extraction;

/// <summary>Reads a sidecar (XMP, Takeout JSON, Picasa ini) whole, up to a size no real one reaches.</summary>
internal static class SidecarBytes
{
    /// <summary>Its bytes; null, with a note naming it as <paramref name="what"/>, when it is larger than <paramref name="maxBytes"/> (<paramref name="tooLarge"/>) or cannot be read.</summary>
    public static byte[]? Read(SidecarFile sidecar, int maxBytes, string what, List<string> notes, out bool tooLarge)
    {
        var name = Path.GetFileName(sidecar.Path);
        tooLarge = false;
        try
        {
            using var handle = FileExtractor.OpenRead(sidecar.Path);
            var length = RandomAccess.GetLength(handle);
            if (sidecar.Size > maxBytes || length > maxBytes)
            {
                tooLarge = true;
                notes.Add($"{what} {name} is larger than {Size(maxBytes)} and was not read");
                return null;
            }
            var bytes = new byte[length];
            if (ContentHasher.ReadFully(new FileContentSource(handle, bytes.Length), bytes, 0) != bytes.Length)
                throw new IOException("it changed while it was being read");
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add($"{what} {name} could not be read: {MediaWalker.Describe(e)}");
            return null;
        }
    }

    private static string Size(int bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024 * 1024)} MB" : $"{bytes / 1024} KB";
}
