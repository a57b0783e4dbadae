using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Rayray.Core.Extraction.Headers;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction;

/// <summary>
/// The blocks Samsung phones append after a JPEG or HEIC picture (the "SEF" trailer): a motion photo's video
/// (<c>MotionPhoto_Data</c>), depth maps, edit data. The file ends with a directory (<c>SEFH</c>, its length,
/// <c>SEFT</c>) whose entries give each block's distance back from the directory and its size; a block starts
/// with its name. Little-endian, as exiftool's Samsung module reads it. No library reads it, so it is read here:
/// a few small reads at the end of the file, bounded by the file's length; anything that does not add up is ignored.
/// </summary>
public sealed class SamsungTrailer : Directory
{
    private const int MaxDirectoryLength = 0x10000;

    private readonly Dictionary<int, string> _names = [];
    private readonly List<(string Name, long Offset, long Length)> _blocks = [];

    public override string Name => "Samsung Trailer";

    /// <summary>Each block's name, and where its data (after the name) lies in the file.</summary>
    public IReadOnlyList<(string Name, long Offset, long Length)> Blocks => _blocks;

    protected override bool TryGetTagName(int tagType, out string tagName) => _names.TryGetValue(tagType, out tagName!);

    /// <summary>The trailer at the end of the file; null when there is none or it does not add up.</summary>
    public static SamsungTrailer? Read(Stream stream, long length)
    {
        if (length < 16)
            return null;
        var tail = ImageHeaders.ReadAt(stream, length - 8, 8, length);
        if (tail.Length < 8 || !tail.AsSpan(4).SequenceEqual("SEFT"u8))
            return null;
        var directoryLength = BinaryPrimitives.ReadUInt32LittleEndian(tail);
        var directoryStart = length - 8 - directoryLength;
        if (directoryLength is < 12 or > MaxDirectoryLength || directoryStart < 0)
            return null;
        var directory = ImageHeaders.ReadAt(stream, directoryStart, (int)directoryLength, length);
        if (directory.Length < 12 || !directory.AsSpan(0, 4).SequenceEqual("SEFH"u8))
            return null;
        var count = BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(8));
        if (count > (directory.Length - 12) / 12)
            return null;

        var trailer = new SamsungTrailer();
        for (var i = 0; i < (int)count; i++)
        {
            var entry = directory.AsSpan(12 + (12 * i), 12);
            var distance = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            var blockStart = directoryStart - distance;
            if (distance > directoryStart || size < 8 || size > distance)
                continue;
            var header = ImageHeaders.ReadAt(stream, blockStart, 8, length);
            if (header.Length < 8)
                continue;
            var nameLength = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4));
            if (nameLength is 0 or > 256 || nameLength + 8 > size)
                continue;
            var name = Encoding.ASCII.GetString(ImageHeaders.ReadAt(stream, blockStart + 8, (int)nameLength, length));
            var dataStart = blockStart + 8 + nameLength;
            trailer.Add(name, dataStart, size - 8 - nameLength);
        }
        return trailer._blocks.Count > 0 ? trailer : null;
    }

    private void Add(string name, long offset, long length)
    {
        var tag = _blocks.Count + 1;
        _blocks.Add((name, offset, length));
        _names[tag] = name;
        Set(tag, string.Create(CultureInfo.InvariantCulture, $"offset {offset}, length {length}"));
    }
}
