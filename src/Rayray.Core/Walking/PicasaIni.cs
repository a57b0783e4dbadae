using System.Text;

namespace Rayray.Core.Walking;

/// <summary>
/// The <c>.picasa.ini</c> Picasa keeps in each folder it manages (<c>Picasa.ini</c> before version 3): one section
/// per picture, named after the file, whose <c>faces</c> line lists the face rectangles Picasa found with the contact
/// each was tagged as (<c>rect64(…),ID;rect64(…),ID</c>; <c>ffffffffffffffff</c> for a face nobody was named for), and
/// a <c>[Contacts2]</c> section (<c>[Contacts]</c> in older versions) naming those contacts (<c>ID=Name;email;</c>).
/// A contact Picasa kept only in its own database (contacts.xml, on the computer that ran it) has no name here.
/// The format is plain INI; no maintained library reads Picasa's conventions, so it is read here.
/// </summary>
public sealed class PicasaIni
{
    /// <summary>A folder of ten thousand pictures writes a few hundred kilobytes; anything far larger is not Picasa's.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private const string Unnamed = "ffffffffffffffff";

    private readonly Dictionary<string, Dictionary<string, string>> _sections;

    private PicasaIni(Dictionary<string, Dictionary<string, string>> sections) => _sections = sections;

    public static bool IsIniName(string name) =>
        name.Equals(".picasa.ini", StringComparison.OrdinalIgnoreCase) || name.Equals("Picasa.ini", StringComparison.OrdinalIgnoreCase);

    /// <summary>The ini at <paramref name="path"/>; null when it cannot be read or is too large to be Picasa's.</summary>
    public static PicasaIni? Load(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Length > MaxBytes ? null : Parse(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static PicasaIni Parse(ReadOnlySpan<byte> bytes)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        Dictionary<string, string>? current = null;
        foreach (var raw in Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is ';' or '#')
                continue;
            if (line[0] == '[' && line[^1] == ']')
            {
                var name = line[1..^1];
                if (!sections.TryGetValue(name, out current))
                    sections[name] = current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (current is not null && equals > 0)
                current[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }
        return new PicasaIni(sections);
    }

    /// <summary>Whether Picasa recorded faces for the file named <paramref name="fileName"/> (any letter case).</summary>
    public bool HasFaces(string fileName) => Faces(fileName) is { Length: > 0 };

    /// <summary>The names of the people tagged in the file's faces, each once, and how many tagged faces have no name here.</summary>
    public (List<string> Names, int Unknown) PeopleIn(string fileName)
    {
        var names = new List<string>();
        var unknown = 0;
        foreach (var face in (Faces(fileName) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var comma = face.LastIndexOf(',');
            var contact = comma < 0 ? "" : face[(comma + 1)..].Trim();
            if (contact.Length == 0 || contact.Equals(Unnamed, StringComparison.OrdinalIgnoreCase))
                continue;
            if (ContactName(contact) is { } name)
            {
                if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
                    names.Add(name);
            }
            else
            {
                unknown++;
            }
        }
        return (names, unknown);
    }

    /// <summary>The file's own section, as read, for metadataRaw.</summary>
    public IReadOnlyDictionary<string, string>? SectionOf(string fileName) => _sections.GetValueOrDefault(fileName);

    private string? Faces(string fileName) => _sections.GetValueOrDefault(fileName)?.GetValueOrDefault("faces");

    private string? ContactName(string contact)
    {
        var entry = _sections.GetValueOrDefault("Contacts2")?.GetValueOrDefault(contact)
            ?? _sections.GetValueOrDefault("Contacts")?.GetValueOrDefault(contact);
        var name = entry?.Split(';')[0].Trim();
        return string.IsNullOrEmpty(name) ? null : name;
    }
}
