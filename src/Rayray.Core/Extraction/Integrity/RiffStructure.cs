using System.Buffers.Binary;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>Checks that a RIFF file (WebP, AVI, WAV) holds all the bytes its header declares.</summary>
public static class RiffStructure
{
    public static string? Check(ReadOnlySpan<byte> head, long fileLength)
    {
        if (head.Length < 12)
            return "truncated: shorter than a RIFF header";
        var declared = (long)BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]) + 8;
        // A writer may leave the final pad byte out.
        return declared > fileLength + 1
            ? $"truncated: the RIFF header declares {declared} bytes but the file has {fileLength}"
            : null;
    }
}
