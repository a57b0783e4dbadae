namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>The start of a parameter set's VUI that ffmpeg's decoders take colour from: range and colour description.</summary>
internal readonly record struct VideoUsability(bool SignalTypePresent, bool FullRange, bool ColourPresent, int Primaries, int Transfer, int Matrix)
{
    /// <summary>Reads vui_parameters() up to the colour description (H.264 E.1.1 and H.265 E.2.1 start alike).</summary>
    public static VideoUsability Read(NalBitReader bits)
    {
        if (bits.Flag()) // aspect_ratio_info_present_flag
        {
            if (bits.Bits(8) == 255) // Extended_SAR
                bits.Skip(32);
        }
        if (bits.Flag()) // overscan_info_present_flag
            bits.Skip(1);
        if (!bits.Flag()) // video_signal_type_present_flag
            return default;
        bits.Skip(3); // video_format
        var fullRange = bits.Flag();
        if (!bits.Flag())
            return new VideoUsability(true, fullRange, false, 2, 2, 2);
        return new VideoUsability(true, fullRange, true, (int)bits.Bits(8), (int)bits.Bits(8), (int)bits.Bits(8));
    }
}
