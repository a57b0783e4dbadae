using System.Buffers.Binary;
using System.Globalization;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// The first sequence parameter set of an 'hvcC' box, read as ffmpeg's HEVC decoder reads it (H.265 7.3.2.2):
/// profile, chroma format, bit depth, cropped size and the VUI's colour. ffmpeg takes an HEVC stream's colour from
/// the SPS alone (no colour description there means none, whatever 'colr' says), so the SPS is read to its VUI.
/// </summary>
internal sealed record HevcParameters(int Profile, int ChromaFormat, int BitDepth, int Width, int Height, VideoUsability Usability)
{
    private const int SpsNalType = 33;

    /// <summary>ffmpeg's profile name (libavcodec/profiles.c), or the number when it has none.</summary>
    public string ProfileName => Profile switch
    {
        1 => "Main",
        2 => "Main 10",
        3 => "Main Still Picture",
        4 => "Rext",
        _ => Profile.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The first SPS among the hvcC's NAL unit arrays; null when there is none.</summary>
    public static HevcParameters? FromConfiguration(ReadOnlySpan<byte> hvcC)
    {
        if (hvcC.Length < 23)
            return null;
        var at = 23;
        int arrays = hvcC[22];
        for (var a = 0; a < arrays; a++)
        {
            if (at + 3 > hvcC.Length)
                return null;
            var type = hvcC[at] & 0x3F;
            int count = BinaryPrimitives.ReadUInt16BigEndian(hvcC[(at + 1)..]);
            at += 3;
            for (var n = 0; n < count; n++)
            {
                if (at + 2 > hvcC.Length)
                    return null;
                int length = BinaryPrimitives.ReadUInt16BigEndian(hvcC[at..]);
                at += 2;
                if (at + length > hvcC.Length)
                    return null;
                if (type == SpsNalType && length > 2)
                    return Read(hvcC.Slice(at + 2, length - 2)); // after the two-byte NAL header
                at += length;
            }
        }
        return null;
    }

    private static HevcParameters Read(ReadOnlySpan<byte> sps)
    {
        var bits = new NalBitReader(sps);
        bits.Skip(4); // sps_video_parameter_set_id
        var maxSubLayersMinus1 = (int)bits.Bits(3);
        bits.Skip(1);
        var profile = ReadProfileTierLevel(bits, maxSubLayersMinus1);
        bits.Unsigned(); // sps_seq_parameter_set_id
        var chromaFormat = (int)bits.Unsigned();
        if (chromaFormat > 3)
            throw new IsoMediaLimitException($"chroma_format_idc {chromaFormat}");
        var separatePlanes = chromaFormat == 3 && bits.Flag();
        var width = (long)bits.Unsigned();
        var height = (long)bits.Unsigned();
        if (bits.Flag()) // conformance_window_flag
        {
            var unitX = chromaFormat is 1 or 2 && !separatePlanes ? 2 : 1;
            var unitY = chromaFormat == 1 && !separatePlanes ? 2 : 1;
            width -= ((long)bits.Unsigned() + bits.Unsigned()) * unitX;
            height -= ((long)bits.Unsigned() + bits.Unsigned()) * unitY;
        }
        var bitDepth = (int)bits.Unsigned() + 8;
        bits.Unsigned(); // bit_depth_chroma_minus8
        var pocLsbBits = (int)bits.Unsigned() + 4;
        if (pocLsbBits > 16)
            throw new IsoMediaLimitException($"log2_max_pic_order_cnt_lsb {pocLsbBits}");
        var orderingForAll = bits.Flag();
        for (var i = orderingForAll ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++)
        {
            bits.Unsigned();
            bits.Unsigned();
            bits.Unsigned();
        }
        for (var i = 0; i < 6; i++)
            bits.Unsigned(); // coding and transform block sizes, transform hierarchy depths
        if (bits.Flag() && bits.Flag()) // scaling_list_enabled_flag, sps_scaling_list_data_present_flag
            SkipScalingListData(bits);
        bits.Skip(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
        if (bits.Flag()) // pcm_enabled_flag
        {
            bits.Skip(8);
            bits.Unsigned();
            bits.Unsigned();
            bits.Skip(1);
        }
        SkipShortTermReferenceSets(bits);
        if (bits.Flag()) // long_term_ref_pics_present_flag
        {
            var count = bits.Unsigned();
            if (count > 32)
                throw new IsoMediaLimitException($"num_long_term_ref_pics_sps {count}");
            for (var i = 0; i < count; i++)
                bits.Skip(pocLsbBits + 1);
        }
        bits.Skip(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
        var usability = bits.Flag() ? VideoUsability.Read(bits) : default;
        if (width is <= 0 or > 65536 || height is <= 0 or > 65536)
            throw new IsoMediaLimitException($"a picture of {width}x{height}");
        return new HevcParameters(profile, separatePlanes ? 0 : chromaFormat, bitDepth, (int)width, (int)height, usability);
    }

    /// <summary>profile_tier_level(1, …): the general profile, or (as ffmpeg does) the first compatible one when it is 0.</summary>
    private static int ReadProfileTierLevel(NalBitReader bits, int maxSubLayersMinus1)
    {
        bits.Skip(3); // general_profile_space, general_tier_flag
        var profile = (int)bits.Bits(5);
        for (var i = 0; i < 32; i++)
        {
            if (bits.Flag() && profile == 0 && i > 0)
                profile = i;
        }
        bits.Skip(48 + 8); // source flags and constraint bits, general_level_idc
        var profilePresent = new bool[maxSubLayersMinus1];
        var levelPresent = new bool[maxSubLayersMinus1];
        for (var i = 0; i < maxSubLayersMinus1; i++)
            (profilePresent[i], levelPresent[i]) = (bits.Flag(), bits.Flag());
        if (maxSubLayersMinus1 > 0)
            bits.Skip(2 * (8 - maxSubLayersMinus1));
        for (var i = 0; i < maxSubLayersMinus1; i++)
            bits.Skip((profilePresent[i] ? 88 : 0) + (levelPresent[i] ? 8 : 0));
        return profile;
    }

    private static void SkipScalingListData(NalBitReader bits)
    {
        for (var sizeId = 0; sizeId < 4; sizeId++)
        {
            for (var matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1)
            {
                if (!bits.Flag())
                {
                    bits.Unsigned(); // scaling_list_pred_matrix_id_delta
                    continue;
                }
                if (sizeId > 1)
                    bits.Signed(); // scaling_list_dc_coef_minus8
                for (var i = 0; i < Math.Min(64, 1 << (4 + (sizeId << 1))); i++)
                    bits.Signed();
            }
        }
    }

    /// <summary>st_ref_pic_set() for each of the SPS's sets; a predicted set has as many entries as the set it predicts from, plus one.</summary>
    private static void SkipShortTermReferenceSets(NalBitReader bits)
    {
        var count = bits.Unsigned();
        if (count > 64)
            throw new IsoMediaLimitException($"num_short_term_ref_pic_sets {count}");
        var deltaPocs = new int[count];
        for (var set = 0; set < count; set++)
        {
            if (set > 0 && bits.Flag()) // inter_ref_pic_set_prediction_flag
            {
                bits.Skip(1); // delta_rps_sign
                bits.Unsigned(); // abs_delta_rps_minus1
                var used = 0;
                for (var j = 0; j <= deltaPocs[set - 1]; j++)
                {
                    if (bits.Flag() || bits.Flag()) // used_by_curr_pic_flag, else use_delta_flag
                        used++;
                }
                deltaPocs[set] = used;
                continue;
            }
            var negative = bits.Unsigned();
            var positive = bits.Unsigned();
            if (negative > 16 || positive > 16)
                throw new IsoMediaLimitException("a short-term reference set of more than 16 pictures");
            for (var i = 0; i < negative + positive; i++)
            {
                bits.Unsigned();
                bits.Skip(1);
            }
            deltaPocs[set] = (int)(negative + positive);
        }
    }
}
