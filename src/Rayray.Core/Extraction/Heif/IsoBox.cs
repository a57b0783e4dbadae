using System.Buffers.Binary;
using System.Text;

namespace Rayray.Core.Extraction.Heif;

/// <summary>An ISO base media box found inside a buffer: its type, and where its payload lies in that buffer.</summary>
internal readonly record struct IsoBox(string Type, int PayloadStart, int PayloadLength)
{
    /// <summary>A four-character box type as it may be printed in a message: anything but letters, digits, space, '-' and '.' as '?'.</summary>
    public static string Printable(string type) =>
        new(type.Select(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-' or '.' ? c : '?').ToArray());

    /// <summary>Splits a buffer into the boxes it holds, back to back; stops at the first impossible size.</summary>
    public static List<IsoBox> Children(ReadOnlySpan<byte> data, int start, int end)
    {
        var boxes = new List<IsoBox>();
        var at = start;
        while (at + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
            var type = Encoding.ASCII.GetString(data.Slice(at + 4, 4));
            var header = 8;
            if (size == 1)
            {
                if (at + 16 > end)
                    break;
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data[(at + 8)..]);
                header = 16;
            }
            else if (size == 0)
            {
                size = end - at;
            }
            if (size < header || at + size > end)
                break;
            boxes.Add(new IsoBox(type, at + header, (int)size - header));
            at += (int)size;
        }
        return boxes;
    }
}
