using System.Buffers.Binary;

namespace Rayray.Testing.Fixtures;

/// <summary>Photoshop documents whose section lengths lie.</summary>
public static class HostilePsd
{
    /// <summary>A PSD header (64×48, RGB, 8-bit), an empty colour-mode section, and an image-resources section declaring <paramref name="declaredLength"/> bytes.</summary>
    public static byte[] WithImageResourcesDeclaring(uint declaredLength)
    {
        var psd = new byte[26 + 4 + 4 + 16];
        "8BPS"u8.CopyTo(psd);
        BinaryPrimitives.WriteUInt16BigEndian(psd.AsSpan(4), 1); // version
        BinaryPrimitives.WriteUInt16BigEndian(psd.AsSpan(12), 3); // channels
        BinaryPrimitives.WriteUInt32BigEndian(psd.AsSpan(14), 48); // height
        BinaryPrimitives.WriteUInt32BigEndian(psd.AsSpan(18), 64); // width
        BinaryPrimitives.WriteUInt16BigEndian(psd.AsSpan(22), 8); // depth
        BinaryPrimitives.WriteUInt16BigEndian(psd.AsSpan(24), 3); // RGB
        BinaryPrimitives.WriteUInt32BigEndian(psd.AsSpan(26), 0); // colour mode data
        BinaryPrimitives.WriteUInt32BigEndian(psd.AsSpan(30), declaredLength); // image resources
        "8BIM"u8.CopyTo(psd.AsSpan(34));
        return psd;
    }
}
