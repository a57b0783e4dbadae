using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// A Canon CRW (CIFF, little endian): the 26-byte header ("II", its length, "HEAPCCDR", version 1.2) and the root
/// heap, laid out like the cameras' — ImageProps (0x300A) holding ImageInfo (0x1810: width, height) and the
/// ExifInformation heap (0x300B) with the capture time (0x180E), exposure (0x1818) and focal length (0x5029,
/// inline), then ImageDescription (0x2804) with MakeModel (0x080A) — each heap ending in its record table and
/// the table's offset.
/// </summary>
public static class CrwWriter
{
    public static byte[] Write(string make, string model, (int Width, int Height) image, long unixTime, float tv, float av, ushort focalLength)
    {
        var imageInfo = new ByteBuffer(bigEndian: false);
        imageInfo.U32(image.Width);
        imageInfo.U32(image.Height);
        imageInfo.Bytes(BitConverter.GetBytes(1f));
        imageInfo.U32(0);
        imageInfo.Zeros(12);
        var exposure = new ByteBuffer(bigEndian: false);
        foreach (var value in new[] { 0f, tv, av })
            exposure.Bytes(BitConverter.GetBytes(value));
        var time = new ByteBuffer(bigEndian: false);
        time.U32((uint)unixTime);
        time.Zeros(8);
        var focal = new ByteBuffer(bigEndian: false);
        focal.U16(1);
        focal.U16(focalLength);
        focal.Zeros(4);

        var exifInformation = Heap([(0x180E, time.ToArray()), (0x1818, exposure.ToArray()), (0x5029, focal.ToArray())]);
        var imageProps = Heap([(0x1810, imageInfo.ToArray()), (0x300B, exifInformation)]);
        var description = Heap([(0x080A, Encoding.ASCII.GetBytes($"{make}\0{model}\0"))]);
        var root = Heap([(0x300A, imageProps), (0x2804, description)]);

        var file = new ByteBuffer(bigEndian: false);
        file.Ascii("II");
        file.U32(26);
        file.Ascii("HEAPCCDR");
        file.U32(0x00010002u);
        file.Zeros(8);
        file.Bytes(root);
        return file.ToArray();
    }

    /// <summary>The records' values, then the table (count, then tag, size, offset — or 8 bytes inline for tags 0x4000-0x7FFF), then its offset.</summary>
    private static byte[] Heap(IReadOnlyList<(ushort Tag, byte[] Value)> records)
    {
        var heap = new ByteBuffer(bigEndian: false);
        var offsets = new List<int>();
        foreach (var (tag, value) in records)
        {
            offsets.Add(heap.Length);
            if ((tag & 0xC000) != 0x4000)
                heap.Bytes(value);
        }
        var table = heap.Length;
        heap.U16(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var (tag, value) = records[i];
            heap.U16(tag);
            if ((tag & 0xC000) == 0x4000)
            {
                heap.Bytes(value.AsSpan(0, 8));
                continue;
            }
            heap.U32(value.Length);
            heap.U32(offsets[i]);
        }
        heap.U32(table);
        return heap.ToArray();
    }
}
