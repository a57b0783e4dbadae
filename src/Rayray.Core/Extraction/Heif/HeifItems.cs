using System.Buffers.Binary;
using System.Text;

namespace Rayray.Core.Extraction.Heif;

/// <summary>
/// The item structure of a HEIF file's <c>meta</c> box: items, where their bytes are, and the
/// properties (size, rotation) associated with them. Parsed by rayray itself so a HEIF file that
/// MetadataExtractor cannot read is still indexed, and so item extents can be checked against
/// the file's length.
/// </summary>
internal sealed class HeifItems
{
    public uint PrimaryItemId { get; private set; }
    public Dictionary<uint, (string Type, string? ContentType)> Items { get; } = [];
    public Dictionary<uint, List<(long Offset, long Length)>> Extents { get; } = [];
    public Dictionary<uint, int> ConstructionMethods { get; } = [];
    public List<(string Type, byte[] Payload)> Properties { get; } = [];
    public Dictionary<uint, List<int>> Associations { get; } = [];
    public byte[] ItemData { get; private set; } = [];

    public static HeifItems Parse(ReadOnlySpan<byte> metaPayload)
    {
        // meta is a full box: 4 bytes of version and flags before its children.
        var items = new HeifItems();
        foreach (var box in IsoBox.Children(metaPayload, 4, metaPayload.Length))
        {
            var payload = metaPayload.Slice(box.PayloadStart, box.PayloadLength);
            switch (box.Type)
            {
                case "pitm":
                    items.PrimaryItemId = payload[0] == 0 ? BinaryPrimitives.ReadUInt16BigEndian(payload[4..]) : BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
                    break;
                case "iinf":
                    items.ParseItemInfos(payload);
                    break;
                case "iloc":
                    items.ParseLocations(payload);
                    break;
                case "iprp":
                    items.ParseProperties(payload);
                    break;
                case "idat":
                    items.ItemData = payload.ToArray();
                    break;
            }
        }
        return items;
    }

    private void ParseItemInfos(ReadOnlySpan<byte> p)
    {
        var version = p[0];
        var start = version == 0 ? 6 : 8;
        foreach (var infe in IsoBox.Children(p, start, p.Length))
        {
            if (infe.Type != "infe")
                continue;
            var e = p.Slice(infe.PayloadStart, infe.PayloadLength);
            var v = e[0];
            if (v < 2)
                continue;
            var at = 4;
            uint id = v == 2 ? BinaryPrimitives.ReadUInt16BigEndian(e[at..]) : BinaryPrimitives.ReadUInt32BigEndian(e[at..]);
            at += v == 2 ? 2 : 4;
            at += 2; // protection index
            var type = Encoding.ASCII.GetString(e.Slice(at, 4));
            at += 4;
            at = SkipCString(e, at);
            string? contentType = null;
            if (type == "mime" && at < e.Length)
            {
                var end = e[at..].IndexOf((byte)0);
                contentType = Encoding.UTF8.GetString(end < 0 ? e[at..] : e.Slice(at, end));
            }
            Items[id] = (type, contentType);
        }
    }

    private void ParseLocations(ReadOnlySpan<byte> p)
    {
        var version = p[0];
        var offsetSize = p[4] >> 4;
        var lengthSize = p[4] & 0xF;
        var baseOffsetSize = p[5] >> 4;
        var indexSize = version is 1 or 2 ? p[5] & 0xF : 0;
        var at = 6;
        uint count;
        if (version < 2)
        {
            count = BinaryPrimitives.ReadUInt16BigEndian(p[at..]);
            at += 2;
        }
        else
        {
            count = BinaryPrimitives.ReadUInt32BigEndian(p[at..]);
            at += 4;
        }
        for (var i = 0; i < count; i++)
        {
            uint id;
            if (version < 2)
            {
                id = BinaryPrimitives.ReadUInt16BigEndian(p[at..]);
                at += 2;
            }
            else
            {
                id = BinaryPrimitives.ReadUInt32BigEndian(p[at..]);
                at += 4;
            }
            var construction = 0;
            if (version is 1 or 2)
            {
                construction = BinaryPrimitives.ReadUInt16BigEndian(p[at..]) & 0xF;
                at += 2;
            }
            at += 2; // data reference index
            var baseOffset = ReadSized(p, ref at, baseOffsetSize);
            var extentCount = BinaryPrimitives.ReadUInt16BigEndian(p[at..]);
            at += 2;
            var extents = new List<(long, long)>(extentCount);
            for (var x = 0; x < extentCount; x++)
            {
                if (indexSize > 0)
                    ReadSized(p, ref at, indexSize);
                var offset = ReadSized(p, ref at, offsetSize);
                var length = ReadSized(p, ref at, lengthSize);
                extents.Add((baseOffset + offset, length));
            }
            Extents[id] = extents;
            ConstructionMethods[id] = construction;
        }
    }

    private void ParseProperties(ReadOnlySpan<byte> p)
    {
        foreach (var box in IsoBox.Children(p, 0, p.Length))
        {
            var payload = p.Slice(box.PayloadStart, box.PayloadLength);
            if (box.Type == "ipco")
            {
                foreach (var property in IsoBox.Children(payload, 0, payload.Length))
                    Properties.Add((property.Type, payload.Slice(property.PayloadStart, property.PayloadLength).ToArray()));
            }
            else if (box.Type == "ipma")
            {
                var version = payload[0];
                var wideIndexes = (payload[3] & 1) != 0;
                var count = BinaryPrimitives.ReadUInt32BigEndian(payload[4..]);
                var at = 8;
                for (var i = 0; i < count && at < payload.Length; i++)
                {
                    uint id;
                    if (version < 1)
                    {
                        id = BinaryPrimitives.ReadUInt16BigEndian(payload[at..]);
                        at += 2;
                    }
                    else
                    {
                        id = BinaryPrimitives.ReadUInt32BigEndian(payload[at..]);
                        at += 4;
                    }
                    var associations = payload[at++];
                    var list = new List<int>(associations);
                    for (var a = 0; a < associations; a++)
                    {
                        int index;
                        if (wideIndexes)
                        {
                            index = BinaryPrimitives.ReadUInt16BigEndian(payload[at..]) & 0x7FFF;
                            at += 2;
                        }
                        else
                        {
                            index = payload[at++] & 0x7F;
                        }
                        list.Add(index);
                    }
                    Associations[id] = list;
                }
            }
        }
    }

    /// <summary>The properties associated with an item, skipping indexes that point past the property list.</summary>
    public IEnumerable<(string Type, byte[] Payload)> PropertiesOf(uint itemId) =>
        Associations.GetValueOrDefault(itemId, [])
            .Where(index => index >= 1 && index <= Properties.Count)
            .Select(index => Properties[index - 1]);

    public IEnumerable<uint> ItemsOfType(string type) =>
        Items.Where(item => item.Value.Type == type).Select(item => item.Key).Order();

    private static long ReadSized(ReadOnlySpan<byte> p, ref int at, int size)
    {
        long value = size switch
        {
            0 => 0,
            4 => BinaryPrimitives.ReadUInt32BigEndian(p[at..]),
            8 => (long)BinaryPrimitives.ReadUInt64BigEndian(p[at..]),
            _ => throw new InvalidDataException($"iloc field size {size} is not 0, 4 or 8"),
        };
        at += size;
        return value;
    }

    private static int SkipCString(ReadOnlySpan<byte> data, int at)
    {
        var end = data[at..].IndexOf((byte)0);
        return end < 0 ? data.Length : at + end + 1;
    }
}
