using System.Buffers.Binary;
using System.Globalization;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// The first sequence parameter set of an 'avcC' box, read as ffmpeg's H.264 decoder reads it (H.264 7.3.2.1.1):
/// profile (with the constraint flags ffmpeg folds into it), chroma format, bit depth, cropped size and the VUI's
/// colour. The avcC header alone lacks the bit depth and colour of most files, hence the SPS.
/// </summary>
internal sealed record AvcParameters(int Profile, int ChromaFormat, int BitDepth, int Width, int Height, VideoUsability Usability)
{
    private const int ConstrainedFlag = 1 << 9;
    private const int IntraFlag = 1 << 11;

    private static readonly HashSet<int> HighProfiles = [100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135];

    /// <summary>ffmpeg's profile name (libavcodec/profiles.c), or the number when it has none.</summary>
    public string ProfileName => Profile switch
    {
        66 => "Baseline",
        66 | ConstrainedFlag => "Constrained Baseline",
        77 => "Main",
        88 => "Extended",
        100 => "High",
        110 => "High 10",
        110 | IntraFlag => "High 10 Intra",
        122 => "High 4:2:2",
        122 | IntraFlag => "High 4:2:2 Intra",
        144 => "High 4:4:4",
        244 => "High 4:4:4 Predictive",
        244 | IntraFlag => "High 4:4:4 Intra",
        44 => "CAVLC 4:4:4",
        118 => "Multiview High",
        128 => "Stereo High",
        _ => Profile.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The SPS in an avcC payload; null when there is none.</summary>
    public static AvcParameters? FromConfiguration(ReadOnlySpan<byte> avcC)
    {
        if (avcC.Length < 8 || avcC[0] != 1 || (avcC[5] & 0x1F) == 0)
            return null;
        int length = BinaryPrimitives.ReadUInt16BigEndian(avcC[6..]);
        if (length < 2 || 8 + length > avcC.Length)
            return null;
        return FromSequenceParameterSet(avcC.Slice(9, length - 1)); // after the one-byte NAL header
    }

    /// <summary>A sequence parameter set NAL unit after its one-byte header (emulation prevention bytes still in); throws <see cref="IsoMediaLimitException"/> when it cannot be read.</summary>
    public static AvcParameters FromSequenceParameterSet(ReadOnlySpan<byte> sps)
    {
        var bits = new NalBitReader(sps);
        var profileIdc = (int)bits.Bits(8);
        var constraints = (int)bits.Bits(8);
        bits.Skip(8); // level_idc
        bits.Unsigned(); // seq_parameter_set_id
        int chromaFormat = 1, bitDepth = 8;
        var separatePlanes = false;
        if (HighProfiles.Contains(profileIdc))
        {
            chromaFormat = (int)bits.Unsigned();
            if (chromaFormat > 3)
                throw new IsoMediaLimitException($"chroma_format_idc {chromaFormat}");
            if (chromaFormat == 3)
                separatePlanes = bits.Flag();
            bitDepth = (int)bits.Unsigned() + 8;
            bits.Unsigned(); // bit_depth_chroma_minus8
            bits.Skip(1); // qpprime_y_zero_transform_bypass_flag
            if (bits.Flag()) // seq_scaling_matrix_present_flag
            {
                for (var i = 0; i < (chromaFormat != 3 ? 8 : 12); i++)
                {
                    if (bits.Flag())
                        SkipScalingList(bits, i < 6 ? 16 : 64);
                }
            }
        }
        bits.Unsigned(); // log2_max_frame_num_minus4
        var pictureOrderType = bits.Unsigned();
        if (pictureOrderType == 0)
        {
            bits.Unsigned();
        }
        else if (pictureOrderType == 1)
        {
            bits.Skip(1);
            bits.Signed();
            bits.Signed();
            var cycle = bits.Unsigned();
            if (cycle > 255)
                throw new IsoMediaLimitException($"num_ref_frames_in_pic_order_cnt_cycle {cycle}");
            for (var i = 0; i < cycle; i++)
                bits.Signed();
        }
        bits.Unsigned(); // max_num_ref_frames
        bits.Skip(1); // gaps_in_frame_num_value_allowed_flag
        var widthInMacroblocks = bits.Unsigned() + 1;
        var heightInMapUnits = bits.Unsigned() + 1;
        var frameMacroblocksOnly = bits.Flag();
        if (!frameMacroblocksOnly)
            bits.Skip(1);
        bits.Skip(1); // direct_8x8_inference_flag
        uint cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (bits.Flag())
            (cropLeft, cropRight, cropTop, cropBottom) = (bits.Unsigned(), bits.Unsigned(), bits.Unsigned(), bits.Unsigned());
        var usability = bits.Flag() ? VideoUsability.Read(bits) : default;

        var monochrome = chromaFormat == 0 || separatePlanes;
        var cropUnitX = monochrome || chromaFormat == 3 ? 1 : 2;
        var cropUnitY = (monochrome || chromaFormat != 1 ? 1 : 2) * (frameMacroblocksOnly ? 1 : 2);
        var width = (long)widthInMacroblocks * 16 - ((long)cropLeft + cropRight) * cropUnitX;
        var height = (frameMacroblocksOnly ? 1L : 2L) * heightInMapUnits * 16 - ((long)cropTop + cropBottom) * cropUnitY;
        if (width is <= 0 or > 65536 || height is <= 0 or > 65536)
            throw new IsoMediaLimitException($"a picture of {width}x{height}");
        return new AvcParameters(ProfileOf(profileIdc, constraints), chromaFormat, bitDepth, (int)width, (int)height, usability);
    }

    /// <summary>ff_h264_get_profile: constraint_set1 makes Baseline "Constrained"; constraint_set3 makes the High profiles "Intra".</summary>
    private static int ProfileOf(int profileIdc, int constraints) => profileIdc switch
    {
        66 when (constraints & 0x40) != 0 => profileIdc | ConstrainedFlag,
        110 or 122 or 244 when (constraints & 0x10) != 0 => profileIdc | IntraFlag,
        _ => profileIdc,
    };

    private static void SkipScalingList(NalBitReader bits, int size)
    {
        int last = 8, next = 8;
        for (var j = 0; j < size; j++)
        {
            if (next != 0)
                next = (last + bits.Signed() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }
}
