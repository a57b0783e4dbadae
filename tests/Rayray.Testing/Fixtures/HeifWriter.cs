using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Writes a structurally valid HEIF (ISO/IEC 23008-12) still image file: ftyp, meta (hdlr, pitm, iloc, iinf, iref,
/// iprp) and mdat. Item 1 is the primary 'hvc1' image whose coded data is a placeholder (not decodable), item 2 the
/// 'Exif' item, item 3 the XMP 'mime' item. Properties: hvcC and ispe, plus irot when rotated.
/// </summary>
internal static class HeifWriter
{
    private const ushort ImageItem = 1;
    private const ushort ExifItem = 2;
    private const ushort XmpItem = 3;

    public static byte[] Write(int width, int height, byte[]? exifTiff, string? xmp, int rotationAnticlockwiseDegrees)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (rotationAnticlockwiseDegrees % 90 != 0)
            throw new ArgumentOutOfRangeException(nameof(rotationAnticlockwiseDegrees), rotationAnticlockwiseDegrees, "must be a multiple of 90");
        var quarterTurns = ((rotationAnticlockwiseDegrees / 90 % 4) + 4) % 4;

        var items = new List<(ushort Id, string Type, byte[] Payload)> { (ImageItem, "hvc1", PlaceholderHevc()) };
        if (exifTiff is not null)
            items.Add((ExifItem, "Exif", [0, 0, 0, 0, .. exifTiff]));
        if (xmp is not null)
            items.Add((XmpItem, "mime", Encoding.UTF8.GetBytes(xmp)));

        var ftyp = Box("ftyp", b =>
        {
            b.Ascii("heic");
            b.U32(0u);
            b.Ascii("mif1");
            b.Ascii("heic");
        });

        // The item offsets are absolute; the meta box's size does not depend on them, so measure it first.
        var metaSize = Meta(items, new uint[items.Count], width, height, quarterTurns).Length;
        var offset = (uint)(ftyp.Length + metaSize + 8);
        var offsets = new uint[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            offsets[i] = offset;
            offset += (uint)items[i].Payload.Length;
        }
        var meta = Meta(items, offsets, width, height, quarterTurns);
        var mdat = Box("mdat", b =>
        {
            foreach (var item in items)
                b.Bytes(item.Payload);
        });
        return [.. ftyp, .. meta, .. mdat];
    }

    private static byte[] Meta(List<(ushort Id, string Type, byte[] Payload)> items, uint[] offsets, int width, int height, int quarterTurns) =>
        FullBox("meta", 0, 0, meta =>
        {
            meta.Bytes(FullBox("hdlr", 0, 0, b =>
            {
                b.U32(0u); // pre_defined
                b.Ascii("pict");
                b.Zeros(12); // reserved
                b.U8(0); // empty name
            }));
            meta.Bytes(FullBox("pitm", 0, 0, b => b.U16(ImageItem)));
            meta.Bytes(FullBox("iloc", 1, 0, b =>
            {
                b.U8(0x44); // offset_size 4, length_size 4
                b.U8(0x00); // base_offset_size 0, index_size 0
                b.U16(items.Count);
                for (var i = 0; i < items.Count; i++)
                {
                    b.U16(items[i].Id);
                    b.U16(0); // construction_method 0: file offsets
                    b.U16(0); // data_reference_index: this file
                    b.U16(1); // extent_count
                    b.U32(offsets[i]);
                    b.U32(items[i].Payload.Length);
                }
            }));
            meta.Bytes(FullBox("iinf", 0, 0, b =>
            {
                b.U16(items.Count);
                foreach (var item in items)
                {
                    b.Bytes(FullBox("infe", 2, 0, e =>
                    {
                        e.U16(item.Id);
                        e.U16(0); // item_protection_index
                        e.Ascii(item.Type);
                        e.U8(0); // empty item_name
                        if (item.Type == "mime")
                        {
                            e.Ascii("application/rdf+xml");
                            e.U8(0);
                        }
                    }));
                }
            }));
            if (items.Count > 1)
            {
                meta.Bytes(FullBox("iref", 0, 0, b =>
                {
                    foreach (var item in items.Where(i => i.Id != ImageItem))
                    {
                        b.Bytes(Box("cdsc", r =>
                        {
                            r.U16(item.Id);
                            r.U16(1);
                            r.U16(ImageItem);
                        }));
                    }
                }));
            }
            meta.Bytes(Box("iprp", iprp =>
            {
                iprp.Bytes(Box("ipco", ipco =>
                {
                    ipco.Bytes(HevcConfiguration());
                    ipco.Bytes(FullBox("ispe", 0, 0, b =>
                    {
                        b.U32(width);
                        b.U32(height);
                    }));
                    if (quarterTurns != 0)
                        ipco.Bytes(Box("irot", b => b.U8((byte)quarterTurns)));
                }));
                iprp.Bytes(FullBox("ipma", 0, 0, b =>
                {
                    b.U32(1u); // entry_count
                    b.U16(ImageItem);
                    b.U8(quarterTurns != 0 ? (byte)3 : (byte)2);
                    b.U8(0x80 | 1); // hvcC, essential
                    b.U8(2); // ispe
                    if (quarterTurns != 0)
                        b.U8(0x80 | 3); // irot, essential (transformative)
                }));
            }));
        });

    /// <summary>An HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3) for Main profile 4:2:0 8-bit, with no parameter set arrays.</summary>
    private static byte[] HevcConfiguration() => Box("hvcC", b =>
    {
        b.U8(1); // configurationVersion
        b.U8(0x01); // profile_space 0, tier 0, profile_idc 1 (Main)
        b.U32(0x60000000u); // profile compatibility flags: Main, Main 10
        b.Bytes([0x90, 0, 0, 0, 0, 0]); // constraint flags: progressive source, frame only
        b.U8(90); // level_idc 3.0
        b.U16(0xF000); // reserved, min_spatial_segmentation_idc 0
        b.U8(0xFC); // reserved, parallelismType 0
        b.U8(0xFD); // reserved, chroma_format_idc 1 (4:2:0)
        b.U8(0xF8); // reserved, bit_depth_luma_minus8 0
        b.U8(0xF8); // reserved, bit_depth_chroma_minus8 0
        b.U16(0); // avgFrameRate
        b.U8(0x0F); // constantFrameRate 0, numTemporalLayers 1, temporalIdNested 1, lengthSizeMinusOne 3
        b.U8(0); // numOfArrays
    });

    /// <summary>A few dozen bytes shaped like one length-prefixed HEVC NAL unit (an IDR slice header followed by zeros).</summary>
    private static byte[] PlaceholderHevc()
    {
        var data = new byte[36];
        data[3] = 32; // NAL unit length
        data[4] = 0x26; // nal_unit_type 19 (IDR_W_RADL)
        data[5] = 0x01;
        return data;
    }

    private static byte[] Box(string type, Action<ByteBuffer> content) => IsoBoxWriter.Box(type, content);

    private static byte[] FullBox(string type, byte version, uint flags, Action<ByteBuffer> content) => Box(type, b =>
    {
        b.U32(((uint)version << 24) | flags);
        content(b);
    });
}
