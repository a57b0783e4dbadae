using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Writes a Canon CR3 laid out as EOS cameras write it (exiftool's Canon.pm and QuickTime.pm describe it): ftyp with
/// major brand 'crx ' (compatible 'crx ', 'isom'); moov holding Canon's uuid box 85c0b687-820f-11e0-8111-f4ce462b6a48
/// (CNCV, CTBO the table of where the XMP box and mdat lie, then CMT1 the IFD0, CMT2 the Exif IFD, CMT3 the Canon
/// makernote, CMT4 the GPS IFD, each a little-endian TIFF of its own) and an mvhd; the XMP uuid box
/// be7acfcb-97a9-42e8-9c71-999491e3afac when given; an mdat of placeholder bytes. The picture is not decodable and
/// there are no tracks.
/// </summary>
internal static class Cr3Writer
{
    private static readonly byte[] CanonUuid = [0x85, 0xC0, 0xB6, 0x87, 0x82, 0x0F, 0x11, 0xE0, 0x81, 0x11, 0xF4, 0xCE, 0x46, 0x2B, 0x6A, 0x48];
    private static readonly byte[] XmpUuid = [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];

    /// <param name="thumbnail">A JPEG for the THMB box (after the CMT boxes), as the camera's 160×120 thumbnail.</param>
    public static byte[] Write(int width, int height, ExifSpec exif, string? xmp, byte[]? thumbnail = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);

        var ifd0 = ExifEncoder.Ifd0Tags(exif);
        if (width <= ushort.MaxValue && height <= ushort.MaxValue)
            ifd0.AddShorts(0x0100, (ushort)width).AddShorts(0x0101, (ushort)height);
        else
            ifd0.AddLongs(0x0100, (uint)width).AddLongs(0x0101, (uint)height);
        // A camera without a GPS receiver still writes CMT4, holding only GPSVersionID.
        var gps = ExifEncoder.GpsIfd(exif) ?? new TiffIfd().AddBytes(0x0000, 2, 3, 0, 0);
        // CanonImageType and CanonFirmwareVersion.
        var makernote = new TiffIfd().AddAscii(0x0006, exif.Model ?? "Canon EOS").AddAscii(0x0007, "Firmware Version 1.0.0");

        var ftyp = Box("ftyp", b =>
        {
            b.Ascii("crx ");
            b.U32(1u);
            b.Ascii("crx ");
            b.Ascii("isom");
        });
        var cmt = new[] { ifd0, ExifEncoder.ExifIfd(exif), makernote, gps }.Select(ifd => TiffWriter.Write(ifd)).ToArray();
        var xmpBox = xmp is null ? [] : Box("uuid", b =>
        {
            b.Bytes(XmpUuid);
            b.Bytes(Encoding.UTF8.GetBytes(xmp));
        });
        var mdat = Box("mdat", b => b.Zeros(256));

        // The part table holds absolute offsets; the moov box's size does not depend on them, so measure it first.
        var moovLength = Moov(cmt, PartTable(0, 0, 0, 0), thumbnail).Length;
        var xmpOffset = ftyp.Length + moovLength;
        var moov = Moov(cmt, PartTable(xmpOffset, xmpBox.Length, xmpOffset + xmpBox.Length, mdat.Length), thumbnail);
        return [.. ftyp, .. moov, .. xmpBox, .. mdat];
    }

    private static byte[] Moov(byte[][] cmt, byte[] partTable, byte[]? thumbnail) => Box("moov", b =>
    {
        b.Bytes(Box("uuid", u =>
        {
            u.Bytes(CanonUuid);
            u.Bytes(Box("CNCV", c => c.Ascii("CanonCR3_001/00.09.00/00.00.00")));
            u.Bytes(Box("CTBO", c => c.Bytes(partTable)));
            for (var i = 0; i < cmt.Length; i++)
                u.Bytes(Box($"CMT{i + 1}", c => c.Bytes(cmt[i])));
            if (thumbnail is not null)
            {
                u.Bytes(Box("THMB", t =>
                {
                    t.U32(0u);
                    t.U16(160);
                    t.U16(120);
                    t.U32((uint)thumbnail.Length);
                    t.U32(0u);
                    t.Bytes(thumbnail);
                }));
            }
        }));
        b.Bytes(MovieHeader());
    });

    /// <summary>
    /// CTBO: four parts of (index, 64-bit offset, 64-bit size) — 1 the XMP box, 2 the preview's box (none here), 3 'mdat',
    /// 4 unused — with offset and size 0 for a part that is not there.
    /// </summary>
    private static byte[] PartTable(int xmpOffset, int xmpLength, int mdatOffset, int mdatLength)
    {
        var table = new ByteBuffer(bigEndian: true);
        table.U32(4u);
        foreach (var (index, offset, length) in new[] { (1, xmpLength > 0 ? xmpOffset : 0, xmpLength), (2, 0, 0), (3, mdatOffset, mdatLength), (4, 0, 0) })
        {
            table.U32(index);
            table.U32(0u);
            table.U32(offset);
            table.U32(0u);
            table.U32(length);
        }
        return table.ToArray();
    }

    /// <summary>An mvhd (version 0) of one second at a time scale of 1, as the EOS M50 writes it.</summary>
    private static byte[] MovieHeader() => Box("mvhd", b =>
    {
        b.U32(0u); // version 0, flags 0
        b.U32(0u); // creation_time
        b.U32(0u); // modification_time
        b.U32(1u); // timescale
        b.U32(1u); // duration
        b.U32(0x00010000u); // rate 1.0
        b.U16(0x0100); // volume 1.0
        b.Zeros(10); // reserved
        foreach (var value in new uint[] { 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000 })
            b.U32(value); // unity matrix
        b.Zeros(24); // pre_defined
        b.U32(2u); // next_track_ID
    });

    private static byte[] Box(string type, Action<ByteBuffer> content) => IsoBoxWriter.Box(type, content);
}
