using System.Globalization;
using Rayray.Core.Extraction.IsoMedia;

namespace Rayray.Core.Extraction.Cr3;

/// <summary>
/// A box found walking a stream, as its header declares it. Unlike <see cref="BoxHeader"/>, a box that reaches past
/// its parent or the file is still returned: in a cut or damaged CR3 that is the 'moov' or CMT box whose bytes up to
/// the cut still hold tags worth keeping.
/// </summary>
/// <param name="DeclaredSize">The size the header declares, header included (a size of 0 already resolved to the parent's end).</param>
internal readonly record struct StreamBox(string Type, long Start, int HeaderLength, ulong DeclaredSize)
{
    public long PayloadStart => Start + HeaderLength;

    /// <summary>A size smaller than the header itself: no box, and nothing after it can be found.</summary>
    public bool IsImpossible => DeclaredSize < (ulong)HeaderLength;

    /// <summary>True when the box ends at or before <paramref name="limit"/>; compared as what remains, so no size can wrap.</summary>
    public bool FitsWithin(long limit) => DeclaredSize <= (ulong)(limit - Start);

    /// <summary>Where the box ends, or <paramref name="limit"/> when it declares more.</summary>
    public long EndWithin(long limit) => FitsWithin(limit) ? Start + (long)DeclaredSize : limit;

    /// <summary>True when the payload starts with <paramref name="uuid"/> within <paramref name="limit"/> (a 'uuid' box's extended type).</summary>
    public bool HasUuid(Stream stream, ReadOnlySpan<byte> uuid, long limit)
    {
        if (EndWithin(limit) - PayloadStart < uuid.Length)
            return false;
        Span<byte> bytes = stackalloc byte[uuid.Length];
        stream.Position = PayloadStart;
        return stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) == bytes.Length && bytes.SequenceEqual(uuid);
    }

    /// <summary>The bytes from <paramref name="skip"/> bytes into the payload up to the box's end or <paramref name="limit"/>; null when more than <paramref name="maxLength"/>.</summary>
    public byte[]? ReadPayload(Stream stream, int skip, long limit, int maxLength)
    {
        var length = EndWithin(limit) - PayloadStart - skip;
        if (length < 0 || length > maxLength)
            return null;
        var bytes = new byte[length];
        stream.Position = PayloadStart + skip;
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The damage of a box that reaches past its parent, worded as <see cref="Integrity.IsoMediaStructure"/> words it.</summary>
    public string Overrun(string parent, long parentEnd) => string.Create(CultureInfo.InvariantCulture,
        $"damaged: box '{RawBoxHeader.Printable(Type)}' at offset {Start} declares {DeclaredSize} bytes but its parent '{parent}' ends at byte {parentEnd}");

    /// <summary>The damage of a box that <see cref="IsImpossible"/>.</summary>
    public string ImpossibleSize() => string.Create(CultureInfo.InvariantCulture,
        $"damaged: box '{RawBoxHeader.Printable(Type)}' at offset {Start} has an impossible size {DeclaredSize}");

    /// <summary>The damage of a box the end of the file cuts off.</summary>
    public string CutOff(long fileLength) => string.Create(CultureInfo.InvariantCulture,
        $"truncated: box '{RawBoxHeader.Printable(Type)}' at offset {Start} needs {DeclaredSize} bytes but only {fileLength - Start} remain");

    /// <summary>
    /// The boxes back to back in [<paramref name="start"/>, <paramref name="end"/>), at most <paramref name="maxBoxes"/>;
    /// a size of 0 takes the rest. The walk stops at a header that is cut short, and after a box that is
    /// <see cref="IsImpossible"/> or reaches past <paramref name="end"/> (returned: its caller decides what that means).
    /// </summary>
    public static IEnumerable<StreamBox> Children(Stream stream, long start, long end, int maxBoxes)
    {
        var header = new byte[16];
        var at = start;
        for (var count = 0; count < maxBoxes && end - at >= 8; count++)
        {
            stream.Position = at;
            var read = stream.ReadAtLeast(header.AsSpan(0, (int)Math.Min(header.Length, end - at)), 8, throwOnEndOfStream: false);
            if (RawBoxHeader.Decode(header.AsSpan(0, read)) is not { Size: { } declared } decoded)
                yield break;
            var box = new StreamBox(decoded.Type, at, decoded.Length, decoded.RunsToEnd ? (ulong)(end - at) : declared);
            yield return box;
            if (box.IsImpossible || !box.FitsWithin(end))
                yield break;
            at += (long)box.DeclaredSize;
        }
    }
}
