using System.Globalization;
using System.Text;

namespace Rayray.Bench;

/// <summary>
/// A library the size of a large NAS made of small real files: copies of the smallest camera JPEGs
/// (a few KB, full EXIF) with unique trailing bytes after the image, 200 to a folder in
/// year/month/event folders, and one file in fifty a byte-for-byte copy of a file a thousand
/// earlier (a duplicate in another folder). A million files take minutes to make, not hours, and
/// about 8 GB of disk.
/// </summary>
internal static class NasLibrary
{
    private const int FilesPerFolder = 200;
    private const int FoldersPerMonth = 20;
    private const int MaxSourceBytes = 16 * 1024;
    private const int DuplicateEvery = 50;
    private const int DuplicateDistance = 1000;

    public static void Make(string destination, int count, string sourceFolder)
    {
        var sources = Directory.EnumerateFiles(sourceFolder, "*.jpg", SearchOption.TopDirectoryOnly)
            .Where(path => new FileInfo(path).Length <= MaxSourceBytes)
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .ToArray();
        if (sources.Length == 0)
            throw new InvalidOperationException($"no JPEG of at most {MaxSourceBytes} bytes in {sourceFolder}");

        var folders = (count + FilesPerFolder - 1) / FilesPerFolder;
        Parallel.For(0, folders, folder =>
        {
            var path = FolderPath(destination, folder);
            Directory.CreateDirectory(path);
            var end = Math.Min(count, (folder + 1) * FilesPerFolder);
            for (var i = folder * FilesPerFolder; i < end; i++)
            {
                var content = ContentOf(i);
                var source = sources[content % sources.Length];
                var name = string.Create(CultureInfo.InvariantCulture, $"IMG_{i:D7}.JPG");
                using var file = File.Create(Path.Join(path, name));
                file.Write(source);
                file.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"rayray-nas-{content:D8}")));
            }
        });
    }

    /// <summary>
    /// Which content file <paramref name="i"/> holds: its own, or for one in fifty the content of
    /// the file a thousand and one earlier, which is never a duplicate itself (so two paths a content).
    /// </summary>
    private static int ContentOf(int i) => i % DuplicateEvery == DuplicateEvery - 1 && i > DuplicateDistance ? i - DuplicateDistance - 1 : i;

    private static string FolderPath(string destination, int folder)
    {
        var month = folder / FoldersPerMonth;
        var year = 2005 + (month / 12);
        return Path.Join(destination, year.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{year}-{(month % 12) + 1:D2}"),
            string.Create(CultureInfo.InvariantCulture, $"event-{folder % FoldersPerMonth:D2}"));
    }
}
