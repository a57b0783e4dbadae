using Rayray.Core.Common;
using Rayray.Core.Walking;

namespace Rayray.Core.Extraction.Probing;

/// <summary>
/// A symbolic link in a new private folder of the temp folder, for handing a file to a tool under a name it takes;
/// the folder and the link go when it is disposed.
/// </summary>
internal sealed class TemporaryLink : IDisposable
{
    private readonly DirectoryInfo _folder;

    private TemporaryLink(DirectoryInfo folder, string path)
    {
        _folder = folder;
        Path = path;
    }

    /// <summary>The link.</summary>
    public string Path { get; }

    /// <summary>The private folder that holds it.</summary>
    public string Folder => _folder.FullName;

    /// <summary>Makes <paramref name="name"/> in a new folder named after <paramref name="folderPrefix"/>, linking to <paramref name="target"/> (a name that is not UTF-8 too).</summary>
    /// <exception cref="IOException">No folder or link could be made.</exception>
    /// <exception cref="UnauthorizedAccessException">No folder or link could be made.</exception>
    public static TemporaryLink Create(string folderPrefix, string name, string target)
    {
        var folder = Directory.CreateTempSubdirectory(folderPrefix);
        try
        {
            var link = System.IO.Path.Join(folder.FullName, name);
            if (PathBytes.HasEscapes(target) && NativeFiles.IsAvailable)
                NativeFiles.CreateSymbolicLink(link, target);
            else
                File.CreateSymbolicLink(link, target);
            return new TemporaryLink(folder, link);
        }
        catch
        {
            folder.Delete(recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only a leftover link in the temp folder.
        }
    }
}
