using System.Buffers.Binary;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// The movie, track and media headers (mvhd, tkhd, mdhd), read the way ffmpeg's mov.c reads them. MetadataExtractor
/// reads these too, but not as ffmpeg means them: ffmpeg turns the track matrix times the movie matrix into the
/// display rotation and has none for the identity (MetadataExtractor: the track's alone, 0 for none), and it takes a
/// creation time below 1970-in-1904-seconds as seconds since 1970.
/// </summary>
internal static class MovieHeaders
{
    /// <summary>Seconds from 1904-01-01 (QuickTime's epoch) to 1970-01-01.</summary>
    private const ulong QuickTimeEpochOffset = 2082844800;

    /// <summary>mvhd: time scale, duration, creation time and the movie matrix (3x3, rows of 16.16, 16.16, 2.30).</summary>
    public static (uint TimeScale, ulong Duration, ulong Created, int[] Matrix)? Movie(ReadOnlySpan<byte> mvhd)
    {
        var version = mvhd.Length > 0 ? mvhd[0] : -1;
        var (timesAt, length) = version == 1 ? (4, 8) : (4, 4);
        var matrixAt = timesAt + (2 * length) + 4 + length + 4 + 2 + 10;
        if (version is not (0 or 1) || mvhd.Length < matrixAt + 36)
            return null;
        var created = Number(mvhd[timesAt..], length);
        var timeScale = BinaryPrimitives.ReadUInt32BigEndian(mvhd[(timesAt + (2 * length))..]);
        var duration = Number(mvhd[(timesAt + (2 * length) + 4)..], length);
        return (timeScale, duration, created, Matrix(mvhd[matrixAt..]));
    }

    /// <summary>tkhd: the track id and the track matrix times the movie's (ffmpeg's display matrix), or null for the identity.</summary>
    public static (uint TrackId, int[]? Display)? Track(ReadOnlySpan<byte> tkhd, int[] movieMatrix)
    {
        var version = tkhd.Length > 0 ? tkhd[0] : -1;
        var length = version == 1 ? 8 : 4;
        var idAt = 4 + (2 * length);
        var matrixAt = idAt + 4 + 4 + length + 8 + 2 + 2 + 2 + 2;
        if (version is not (0 or 1) || tkhd.Length < matrixAt + 36)
            return null;
        var track = Matrix(tkhd[matrixAt..]);
        var display = new int[9];
        int[] shifts = [16, 16, 30];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                long sum = 0;
                for (var e = 0; e < 3; e++)
                    sum += ((long)track[(i * 3) + e] * movieMatrix[(e * 3) + j]) >> shifts[e];
                display[(i * 3) + j] = (int)sum;
            }
        }
        int[] identity = [1 << 16, 0, 0, 0, 1 << 16, 0, 0, 0, 1 << 30];
        return (BinaryPrimitives.ReadUInt32BigEndian(tkhd[idAt..]), display.AsSpan().SequenceEqual(identity) ? null : display);
    }

    /// <summary>mdhd: creation time, time scale and duration of the media.</summary>
    public static (ulong Created, uint TimeScale, ulong Duration)? Media(ReadOnlySpan<byte> mdhd)
    {
        var version = mdhd.Length > 0 ? mdhd[0] : -1;
        var length = version == 1 ? 8 : 4;
        if (version is not (0 or 1) || mdhd.Length < 4 + (3 * length) + 4)
            return null;
        return (Number(mdhd[4..], length), BinaryPrimitives.ReadUInt32BigEndian(mdhd[(4 + (2 * length))..]), Number(mdhd[(8 + (2 * length))..], length));
    }

    /// <summary>
    /// ffmpeg's creation_time text for a QuickTime time (mov_metadata_creation_time): none for 0; seconds since 1904,
    /// or since 1970 when smaller than the difference; "2024-01-15T18:30:00.000000Z".
    /// </summary>
    public static string? CreationTimeText(ulong time)
    {
        if (time == 0)
            return null;
        if (time >= QuickTimeEpochOffset)
            time -= QuickTimeEpochOffset;
        if (time > (ulong)(DateTime.MaxValue - DateTime.UnixEpoch).TotalSeconds)
            return null;
        return DateTime.UnixEpoch.AddSeconds(time).ToString("yyyy-MM-dd'T'HH:mm:ss'.000000Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Counter-clockwise degrees of a display matrix (av_display_rotation_get), or null when it has no scale.</summary>
    public static double? CounterClockwiseRotation(int[] matrix)
    {
        static double Fixed(int value) => value / 65536.0;
        var scale0 = double.Hypot(Fixed(matrix[0]), Fixed(matrix[3]));
        var scale1 = double.Hypot(Fixed(matrix[1]), Fixed(matrix[4]));
        if (scale0 == 0 || scale1 == 0)
            return null;
        return -(Math.Atan2(Fixed(matrix[1]) / scale1, Fixed(matrix[0]) / scale0) * 180 / Math.PI);
    }

    private static int[] Matrix(ReadOnlySpan<byte> bytes)
    {
        var matrix = new int[9];
        for (var i = 0; i < 9; i++)
            matrix[i] = BinaryPrimitives.ReadInt32BigEndian(bytes[(i * 4)..]);
        return matrix;
    }

    private static ulong Number(ReadOnlySpan<byte> bytes, int length) =>
        length == 8 ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt32BigEndian(bytes);
}
