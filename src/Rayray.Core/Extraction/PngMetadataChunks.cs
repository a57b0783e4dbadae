using System.Globalization;
using System.IO.Compression;

namespace Rayray.Core.Extraction;

/// <summary>
/// What of a PNG MetadataExtractor may read. It allocates each chunk's declared length before reading it, and
/// inflates compressed text and ICC chunks (zTXt, iTXt, iCCP) whole, so a chunk header declaring 4 GB, or a
/// one-megabyte zTXt that inflates to a gigabyte, would take gigabytes (or end the scan with an
/// OutOfMemoryException). The reader sees the chunks that fit in the file, without any chunk larger than
/// <see cref="MaxChunkBytes"/> on disk or inflated, followed by an IEND chunk so it stops cleanly there. The
/// streaming structure check reports a chunk that overruns the file; a chunk left out is noted.
/// A chunk whose type is not four letters is left out too: MetadataExtractor throws on it, losing the whole file.
/// </summary>
internal static class PngMetadataChunks
{
    /// <summary>The most a chunk may hold, on disk or inflated: as much as a HEIF item (<c>HeifReader</c>).</summary>
    public const int MaxChunkBytes = 8 * 1024 * 1024;

    private static readonly byte[] IendChunk = [0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    public static (Stream View, string? Note) For(Stream png, long fileLength)
    {
        var kept = new List<(long Start, long Length)> { (0, PngChunks.SignatureLength) };
        var notes = new List<string>();
        var ended = false;
        foreach (var chunk in PngChunks.Walk(png, fileLength))
        {
            var (at, type) = (chunk.Start, chunk.Type);
            ended = type == "IEND";
            if (!chunk.HasLetterType)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"the PNG chunk at offset {at} has no valid type; it was not read"));
            else if (WhyLeftOut(png, type, chunk.DataStart, chunk.DataLength) is { } why)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"PNG chunk '{type}' at offset {at} {why}; it was not read"));
            else if (kept[^1].Start + kept[^1].Length == at)
                kept[^1] = (kept[^1].Start, kept[^1].Length + chunk.Length);
            else
                kept.Add((at, chunk.Length));
            if (ended)
                break;
        }
        png.Position = 0;
        var note = notes.Count == 0 ? null : string.Join("; ", notes);
        return ended && notes.Count == 0 ? (png, null) : (new SplicedStream(png, kept, ended ? [] : IendChunk), note);
    }

    /// <summary>Why a chunk must not reach the reader (too large on disk or inflated, or compressed hostile XMP), or null.</summary>
    private static string? WhyLeftOut(Stream png, string type, long dataStart, uint length)
    {
        if (type == "IDAT")
            return null; // the picture itself, which the reader skips
        if (length > MaxChunkBytes)
            return string.Create(CultureInfo.InvariantCulture, $"holds {length:N0} bytes, more than {MaxChunkBytes / (1024 * 1024)} MB");
        var compressedAt = type switch
        {
            // keyword, NUL, compression method, then the compressed bytes
            "zTXt" or "iCCP" => KeywordEnd(png, dataStart, length) is var nul and >= 0 ? nul + 2 : -1,
            "iTXt" => CompressedITxt(png, dataStart, length),
            _ => -1,
        };
        if (compressedAt < 0 || compressedAt > length)
            return null;
        var compressed = new byte[length - compressedAt];
        png.Position = dataStart + compressedAt;
        png.ReadExactly(compressed);
        if (Inflate(compressed) is not { } inflated)
            return $"inflates to more than {MaxChunkBytes / (1024 * 1024)} MB";
        // Compressed XMP is out of sight of the file-wide XMP scan.
        return type == "iTXt" && IsXmpKeyword(png, dataStart) ? XmpPacketScanner.Problem(inflated) : null;
    }

    private static bool IsXmpKeyword(Stream png, long dataStart)
    {
        Span<byte> keyword = stackalloc byte[XmpKeyword.Length];
        png.Position = dataStart;
        return png.ReadAtLeast(keyword, keyword.Length, throwOnEndOfStream: false) == keyword.Length && keyword.SequenceEqual(XmpKeyword);
    }

    private static ReadOnlySpan<byte> XmpKeyword => "XML:com.adobe.xmp\0"u8;

    /// <summary>The offset of the NUL after the chunk's keyword (at most 79 characters), or -2 when there is none.</summary>
    private static int KeywordEnd(Stream png, long dataStart, uint length)
    {
        Span<byte> keyword = stackalloc byte[80];
        png.Position = dataStart;
        var read = png.ReadAtLeast(keyword[..(int)Math.Min(80, length)], (int)Math.Min(80, length), throwOnEndOfStream: false);
        var nul = keyword[..read].IndexOf((byte)0);
        return nul < 0 ? -2 : nul;
    }

    /// <summary>Where an iTXt chunk's compressed text starts, or -1 when it is not compressed.</summary>
    private static int CompressedITxt(Stream png, long dataStart, uint length)
    {
        var nul = KeywordEnd(png, dataStart, length);
        if (nul < 0 || nul + 2 >= length)
            return -1;
        Span<byte> flag = stackalloc byte[1];
        png.Position = dataStart + nul + 1;
        png.ReadExactly(flag);
        if (flag[0] == 0)
            return -1;
        // Compression method, then the language tag and the translated keyword, each NUL-terminated.
        var rest = new byte[(int)Math.Min(length - nul - 3, 4096)];
        png.Position = dataStart + nul + 3;
        png.ReadExactly(rest);
        var language = Array.IndexOf(rest, (byte)0);
        var translated = language < 0 ? -1 : Array.IndexOf(rest, (byte)0, language + 1);
        return translated < 0 ? -1 : nul + 3 + translated + 1;
    }

    /// <summary>The inflated bytes, or null when they pass <see cref="MaxChunkBytes"/>; bytes that are not zlib data come back as they are, for the reader to reject.</summary>
    private static byte[]? Inflate(byte[] compressed)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var inflated = new MemoryStream();
            var buffer = new byte[64 * 1024];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                inflated.Write(buffer, 0, read);
                if (inflated.Length > MaxChunkBytes)
                    return null;
            }
            return inflated.ToArray();
        }
        catch (InvalidDataException)
        {
            return compressed;
        }
    }
}
