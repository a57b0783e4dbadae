using System.Buffers.Binary;
using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Ico;
using MetadataExtractor.Formats.Pcx;
using MetadataExtractor.Formats.Tga;
using Rayray.Core.Documents;
using Rayray.Core.Formats;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Headers;

/// <summary>What a header reader found (as far as it got), the metadata blocks the file carries, and, when the header is broken, why.</summary>
internal sealed record HeaderRead(ImageHeaderDirectory Directory, string? Damage = null, EmbeddedMetadata? Metadata = null);

/// <summary>
/// Reads the image formats whose size sits in a small fixed header. rayray reads most of them itself:
/// MetadataExtractor 2.4.3 has no reader for JPEG 2000, JPEG XL, OpenEXR, DPX, Radiance HDR, Paint Shop Pro,
/// GIMP XCF, FLIF or BPG (nor for PAM and PFM, see <see cref="NetpbmHeader"/>), and a decoding library would
/// decode the pixels to tell the size. PCX, ICO/CUR and TGA go to MetadataExtractor's readers, checked here
/// against the file's length. Every read is bounded; a broken header keeps what was read and says why.
/// </summary>
internal static class ImageHeaders
{
    /// <summary>The format's header, or null for formats read elsewhere.</summary>
    public static MetadataReading.Result? Read(MediaFormat format, Stream stream, long length)
    {
        if (format.Kind != MediaKind.Image)
            return null;
        return format.Family switch
        {
            ContainerFamily.Pcx => Sized(Pcx(stream, length), format),
            ContainerFamily.Ico => Sized(Ico(stream, length), format),
            ContainerFamily.Tga => Sized(Tga(stream, length), format),
            ContainerFamily.Netpbm => Of(NetpbmHeader.Read(stream, length)),
            ContainerFamily.Jpeg2000 => Of(Jpeg2000Header.Read(stream, length, format.Name)),
            ContainerFamily.JpegXl => Of(JpegXlHeader.Read(stream, length)),
            ContainerFamily.OpenExr => Of(OpenExrHeader.Read(stream, length)),
            ContainerFamily.Dpx => Of(DpxHeader.Read(stream, length)),
            ContainerFamily.Radiance => Of(RadianceHeader.Read(stream, length)),
            ContainerFamily.Psp => Of(PspHeader.Read(stream, length)),
            ContainerFamily.Xcf => Of(XcfHeader.Read(stream, length)),
            ContainerFamily.Flif => Of(FlifHeader.Read(stream, length)),
            ContainerFamily.Bpg => Of(BpgHeader.Read(stream, length)),
            _ => null,
        };
    }

    /// <summary>Up to <paramref name="count"/> bytes from <paramref name="offset"/>: fewer where the file ends.</summary>
    public static byte[] ReadAt(Stream stream, long offset, int count, long length)
    {
        if (offset < 0 || offset >= length)
            return [];
        var bytes = new byte[(int)Math.Min(count, length - offset)];
        stream.Position = offset;
        var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        return read == bytes.Length ? bytes : bytes[..read];
    }

    /// <summary>A big-endian base-128 number of at most five bytes (FLIF's varints, BPG's ue7); null when cut off or longer.</summary>
    public static long? Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        long value = 0;
        for (var i = 0; i < 5 && at < bytes.Length; i++)
        {
            var b = bytes[at++];
            value = (value << 7) | (b & 0x7FL);
            if ((b & 0x80) == 0)
                return value;
        }
        return null;
    }

    /// <summary>"truncated: the file ends inside the {what}" — the message for a header cut short.</summary>
    public static string CutShort(string what) => $"truncated: the file ends inside the {what}";

    /// <summary>The most top-level boxes a JPEG 2000 or JPEG XL file is walked through.</summary>
    private const int MaxBoxes = 1000;

    /// <summary>
    /// Walks the top-level boxes of a JPEG 2000 or JPEG XL file (ISO base media boxes), handing each its header,
    /// offset and whole length; why the walk stopped short (a box that runs past the end), or null.
    /// </summary>
    public static string? WalkBoxes(Stream stream, long length, Action<IsoMedia.RawBoxHeader, long, long> visit)
    {
        long at = 0;
        for (var boxes = 0; at < length && boxes < MaxBoxes; boxes++)
        {
            if (IsoMedia.RawBoxHeader.Decode(ReadAt(stream, at, 16, length)) is not { } header || header.LengthWithin(length - at) is not { } boxLength)
                return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"truncated: the box at offset {at} runs past the end of the file ({length} bytes)");
            visit(header, at, boxLength);
            at += boxLength;
        }
        return null;
    }

    /// <summary>A MetadataExtractor header it could not take a size from is broken, whatever else it read.</summary>
    private static MetadataReading.Result Sized(MetadataReading.Result read, MediaFormat format)
    {
        if (read.Damage is not null || ImageHeaderDirectory.SizeOf(read.Directories).Width is not null)
            return read;
        var error = read.Directories.SelectMany(d => d.Errors).FirstOrDefault();
        return read with { Damage = $"damaged: the {format.Name} header holds no picture size" + (error is null ? "" : $" ({error})") };
    }

    private static MetadataReading.Result Of(HeaderRead read) =>
        new([.. read.Directory.TagCount > 0 ? [read.Directory] : Array.Empty<Directory>(), .. read.Metadata?.Directories ?? []], read.Damage);

    private static MetadataReading.Result Pcx(Stream stream, long length)
    {
        const int headerLength = 128;
        if (length < headerLength)
            return new([], CutShort("128-byte PCX header"));
        return new([PcxMetadataReader.ReadMetadata(stream)]);
    }

    private static MetadataReading.Result Tga(Stream stream, long length)
    {
        var header = ReadAt(stream, 0, TgaHeader.Length, length);
        var damage = TgaHeader.Truncation(header, length);
        if (header.Length < TgaHeader.Length)
            return new([], damage);
        // MetadataExtractor looks for the footer 26 bytes before the end, before the start of a smaller file.
        var source = length >= TgaHeader.FooterLength ? stream : new MemoryStream([.. ReadAt(stream, 0, TgaHeader.FooterLength, length), .. new byte[TgaHeader.FooterLength - length]]);
        // It reads (and keeps) every tag of a developer area, each up to the file's length: a hostile tag table
        // would have it read gigabytes, so it is shown the footer without the developer area's offset.
        var footer = length >= TgaHeader.FooterLength ? ReadAt(stream, length - TgaHeader.FooterLength, TgaHeader.FooterLength, length) : [];
        if (TgaHeader.HasFooter(footer) && BinaryPrimitives.ReadUInt32LittleEndian(footer.AsSpan(4)) != 0)
        {
            footer.AsSpan(4, 4).Clear();
            source = new SplicedStream(stream, [(0, length - TgaHeader.FooterLength)], footer);
        }
        source.Position = 0;
        return new(TgaMetadataReader.ReadMetadata(source), damage);
    }

    private static MetadataReading.Result Ico(Stream stream, long length)
    {
        // MetadataExtractor reads as many entries as the count says, past the table into the pictures: an entry
        // whose picture is not inside the file is left out, so the size is never one read from pixels.
        var entries = IcoMetadataReader.ReadMetadata(stream);
        var kept = new List<Directory>();
        string? damage = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var offset = entry.TryGetInt64(IcoDirectory.TagImageOffsetBytes, out var o) ? o : -1;
            var size = entry.TryGetInt64(IcoDirectory.TagImageSizeBytes, out var s) ? s : -1;
            if (offset > 0 && size > 0 && offset <= length - size)
            {
                kept.Add(entry);
                continue;
            }
            damage ??= string.Create(CultureInfo.InvariantCulture,
                $"truncated: image {i + 1} of {entries.Count} in the icon lies outside the file (offset {offset}, {size} bytes; the file has {length})");
        }
        return new(kept, damage);
    }
}
