using Rayray.Core.Extraction.IsoMedia;

namespace Rayray.Core.Extraction.Heif;

/// <summary>An ISO base media box found inside a buffer: its type, and where its payload lies in that buffer.</summary>
internal readonly record struct IsoBox(string Type, int PayloadStart, int PayloadLength)
{
    /// <summary>Splits a buffer into the boxes it holds, back to back; stops at the first impossible size.</summary>
    public static List<IsoBox> Children(ReadOnlySpan<byte> data, int start, int end)
    {
        var boxes = new List<IsoBox>();
        var at = start;
        while (at + 8 <= end && RawBoxHeader.Decode(data[at..end]) is { } header && header.LengthWithin(end - at) is { } length)
        {
            boxes.Add(new IsoBox(header.Type, at + header.Length, (int)length - header.Length));
            at += (int)length;
        }
        return boxes;
    }
}
