using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Rayray.Bench;

/// <summary>
/// A phone's library: copies of <see cref="PhoneClips"/> and of the phone photos of the corpus
/// (HEIC/HEIF and phone JPEGs), 200 to a folder like DCIM/100APPLE, each copy with bytes of its
/// own so every file is a content of its own: a movie gets its own Live Photo content identifier
/// (the same length, so no box changes size), a HEIF a trailing <c>free</c> box, a JPEG trailing
/// bytes after its end marker. All of them stay valid files to ffprobe, exiftool and rayray.
/// </summary>
internal static class PhoneLibrary
{
    private const int FilesPerFolder = 200;

    /// <summary>The part of the content identifier every clip shares; the twelve digits after it are the file's number.</summary>
    public static readonly byte[] IdentifierPrefix = "8C1A6A4E-7A3B-4C11-9D2E-"u8.ToArray();

    /// <param name="videoPercent">How many files in a hundred are movies; the rest are photos.</param>
    public static void Make(string destination, int count, int videoPercent, IReadOnlyList<string> clips, string corpus)
    {
        var movies = clips.Select(File.ReadAllBytes).ToArray();
        var photos = PhonePhotos(corpus).Select(path => (Bytes: File.ReadAllBytes(path), Ext: Path.GetExtension(path).ToUpperInvariant())).ToArray();
        if (videoPercent < 100 && photos.Length == 0)
            throw new InvalidOperationException($"no phone photos (HEIC, HEIF, phone JPEGs) in {corpus}");

        Parallel.For(0, (count + FilesPerFolder - 1) / FilesPerFolder, folder =>
        {
            var path = Path.Join(destination, "DCIM", string.Create(CultureInfo.InvariantCulture, $"{100 + folder}APPLE"));
            Directory.CreateDirectory(path);
            for (var i = folder * FilesPerFolder; i < Math.Min(count, (folder + 1) * FilesPerFolder); i++)
            {
                var isMovie = i * videoPercent % 100 < videoPercent;
                var (bytes, ext) = isMovie ? (WithIdentifier(movies[i % movies.Length], i), ".MOV") : WithOwnBytes(photos[i % photos.Length], i);
                File.WriteAllBytes(Path.Join(path, string.Create(CultureInfo.InvariantCulture, $"IMG_{i:D5}{ext}")), bytes);
            }
        });
    }

    /// <summary>The corpus's photos from phones: every HEIC/HEIF, and the JPEGs of phones (mobile/, the iPhone HDR pair).</summary>
    private static IEnumerable<string> PhonePhotos(string corpus) =>
        Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
            .Where(path => Path.GetExtension(path).ToUpperInvariant() is ".HEIC" or ".HEIF" ||
                           (Path.GetExtension(path).Equals(".jpg", StringComparison.OrdinalIgnoreCase) &&
                            (path.Contains("/mobile/", StringComparison.Ordinal) || Path.GetFileName(path).StartsWith("iphone", StringComparison.Ordinal))))
            .Order(StringComparer.Ordinal);

    private static byte[] WithIdentifier(byte[] movie, int number)
    {
        var copy = (byte[])movie.Clone();
        var at = copy.AsSpan().IndexOf(IdentifierPrefix);
        if (at < 0 || copy.AsSpan(at + 1).IndexOf(IdentifierPrefix) >= 0)
            throw new InvalidOperationException("a clip without exactly one content identifier");
        Encoding.ASCII.GetBytes(number.ToString("D12", CultureInfo.InvariantCulture), copy.AsSpan(at + IdentifierPrefix.Length, 12));
        return copy;
    }

    private static (byte[] Bytes, string Ext) WithOwnBytes((byte[] Bytes, string Ext) photo, int number)
    {
        var tag = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"rayray-phone-{number:D8}"));
        if (photo.Ext == ".JPG")
            return ([.. photo.Bytes, .. tag], photo.Ext);
        // ISO-BMFF: a top-level free box, which every reader skips.
        var box = new byte[8 + tag.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        "free"u8.CopyTo(box.AsSpan(4));
        tag.CopyTo(box.AsSpan(8));
        return ([.. photo.Bytes, .. box], photo.Ext);
    }
}
