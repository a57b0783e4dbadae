using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Builds the payload of a JPEG APP13 segment: "Photoshop 3.0\0", then one 8BIM image resource 0x0404 (IPTC-NAA)
/// holding IPTC IIM records 1:90 (coded character set ESC % G, UTF-8), 2:00 (record version 4) and 2:25 per keyword.
/// </summary>
public static class IptcWriter
{
    public static byte[] PhotoshopApp13(IReadOnlyList<string> keywords) => PhotoshopApp13(Iim(keywords));

    /// <summary>An APP13 payload holding the given record 2 datasets (2:55 DateCreated "20061029", 2:60 TimeCreated "062751-0500", …).</summary>
    public static byte[] PhotoshopApp13(IReadOnlyList<(byte Dataset, string Value)> record2)
    {
        var iim = new ByteBuffer(bigEndian: true);
        Dataset(iim, 1, 90, [0x1B, 0x25, 0x47]);
        Dataset(iim, 2, 0, [0x00, 0x04]);
        foreach (var (dataset, value) in record2)
            Dataset(iim, 2, dataset, Encoding.UTF8.GetBytes(value));
        return PhotoshopApp13(iim.ToArray());
    }

    private static byte[] PhotoshopApp13(byte[] iptc)
    {
        var payload = new ByteBuffer(bigEndian: true);
        payload.Ascii("Photoshop 3.0");
        payload.U8(0);
        payload.Ascii("8BIM");
        payload.U16(0x0404);
        payload.U16(0); // empty Pascal name, padded to an even length
        payload.U32(iptc.Length);
        payload.Bytes(iptc);
        if (iptc.Length % 2 != 0)
            payload.U8(0);
        return payload.ToArray();
    }

    /// <summary>The IPTC IIM datasets alone (the content of resource 0x0404).</summary>
    public static byte[] Iim(IReadOnlyList<string> keywords)
    {
        var iim = new ByteBuffer(bigEndian: true);
        Dataset(iim, 1, 90, [0x1B, 0x25, 0x47]);
        Dataset(iim, 2, 0, [0x00, 0x04]);
        foreach (var keyword in keywords)
            Dataset(iim, 2, 25, Encoding.UTF8.GetBytes(keyword));
        return iim.ToArray();
    }

    private static void Dataset(ByteBuffer iim, byte record, byte dataset, byte[] data)
    {
        if (data.Length > 0x7FFF)
            throw new ArgumentException("IPTC dataset longer than 32767 bytes", nameof(data));
        iim.U8(0x1C);
        iim.U8(record);
        iim.U8(dataset);
        iim.U16(data.Length);
        iim.Bytes(data);
    }
}
