using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// A Sigma X3F (little endian): the "FOVb" header (version 2.3: columns at 28, rows at 32; version 4.1: at 40 and
/// 44), a "PROP" section ("SECp": UTF-16 name=value pairs), a stand-in image section, the section directory
/// ("SECd": offset, length and type of each) and, in the last four bytes, the directory's offset.
/// </summary>
public static class X3fWriter
{
    public static byte[] Write((int Width, int Height) image, IReadOnlyList<(string Name, string Value)> properties, bool version4 = false)
    {
        var file = new ByteBuffer(bigEndian: false);
        file.Ascii("FOVb");
        file.U32(version4 ? 0x00040001u : 0x00020003u);
        file.Bytes(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray());
        file.U32(0);
        if (version4)
            file.Zeros(12);
        file.U32(image.Width);
        file.U32(image.Height);
        file.U32(0);
        file.Zeros(version4 ? 0x300 - file.Length : 104 - file.Length);

        var sections = new List<(int Offset, int Length, string Type)>();
        var prop = Properties(properties);
        sections.Add((file.Length, prop.Length, "PROP"));
        file.Bytes(prop);
        byte[] picture = [.. "SECi"u8, 2, 0, 2, 0, 3, 0, 0, 0, .. new byte[64]];
        sections.Add((file.Length, picture.Length, "IMA2"));
        file.Bytes(picture);

        var directory = file.Length;
        file.Ascii("SECd");
        file.U32(0x00020000u);
        file.U32(sections.Count);
        foreach (var (offset, length, type) in sections)
        {
            file.U32(offset);
            file.U32(length);
            file.Ascii(type);
        }
        file.U32(directory);
        return file.ToArray();
    }

    private static byte[] Properties(IReadOnlyList<(string Name, string Value)> properties)
    {
        var chars = new StringBuilder();
        var pointers = new List<(int Name, int Value)>();
        foreach (var (name, value) in properties)
        {
            var at = chars.Length;
            chars.Append(name).Append('\0');
            pointers.Add((at, chars.Length));
            chars.Append(value).Append('\0');
        }
        var section = new ByteBuffer(bigEndian: false);
        section.Ascii("SECp");
        section.U32(0x00010000u);
        section.U32(pointers.Count);
        section.U32(0);
        section.U32(0);
        section.U32(chars.Length);
        foreach (var (name, value) in pointers)
        {
            section.U32(name);
            section.U32(value);
        }
        section.Bytes(Encoding.Unicode.GetBytes(chars.ToString()));
        return section.ToArray();
    }
}
