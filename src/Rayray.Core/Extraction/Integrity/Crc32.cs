namespace Rayray.Core.Extraction.Integrity;

/// <summary>CRC-32 (ISO-HDLC, as PNG uses it), slicing by eight.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var table = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        for (var n = 0; n < 256; n++)
            for (var s = 1; s < 8; s++)
                table[(s * 256) + n] = (table[((s - 1) * 256) + n] >> 8) ^ table[table[((s - 1) * 256) + n] & 0xFF];
        return table;
    }

    /// <summary>Continues a CRC; start with 0xFFFFFFFF and invert the result.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Table;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var one = crc ^ (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            crc = t[(7 * 256) + (one & 0xFF)] ^ t[(6 * 256) + ((one >> 8) & 0xFF)] ^
                  t[(5 * 256) + ((one >> 16) & 0xFF)] ^ t[(4 * 256) + (one >> 24)] ^
                  t[(3 * 256) + data[i + 4]] ^ t[(2 * 256) + data[i + 5]] ^
                  t[256 + data[i + 6]] ^ t[data[i + 7]];
        }
        for (; i < data.Length; i++)
            crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        return crc;
    }
}
