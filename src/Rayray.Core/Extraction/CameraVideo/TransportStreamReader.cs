using System.Buffers;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.CameraVideo;

/// <summary>
/// The first H.264 access units of an MPEG transport stream — TS (188-byte packets) or M2TS/AVCHD (192: a 4-byte
/// arrival timestamp, then the packet) — where camcorders keep the camera's data (<see cref="H264UserData"/>). The
/// video stream is the program map's stream of type 0x1B (H.264); in a stream cut before its tables, the first video
/// PES stream that starts with an H.264 access unit delimiter. Only the first 4 MB are read, never the whole file.
/// </summary>
internal static class TransportStreamReader
{
    private const int PacketLength = 188;
    private const int MaxBytes = 4 * 1024 * 1024;
    private const int MaxElementaryBytes = 2 * 1024 * 1024;

    /// <summary>Panasonic puts the MDPM message after the first frame (exiftool reads a second); a few are plenty.</summary>
    private const int MaxPesPackets = 4;

    private const byte SyncByte = 0x47;
    private const byte H264StreamType = 0x1B;

    public static IReadOnlyList<Directory> Read(Stream stream, long length)
    {
        var head = new byte[Math.Min(length, 4 * 192)];
        stream.Position = 0;
        var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (Layout(head.AsSpan(0, headLength)) is not var (stride, first))
            return [];

        var state = new Demuxer();
        var chunk = new byte[stride * 1024];
        long offset = 0;
        while (offset < Math.Min(length, MaxBytes) && !state.Done)
        {
            stream.Position = offset;
            var read = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            if (read < first + PacketLength)
                break;
            for (var at = first; at + PacketLength <= read && !state.Done; at += stride)
                state.Packet(chunk.AsSpan(at, PacketLength));
            offset += read - (read % stride);
        }
        return H264UserData.Read(state.Elementary, state.FromTables) is { } directory ? [directory] : [];
    }

    /// <summary>The packet stride and where the first packet starts: 188 from 0, or 192 from 4.</summary>
    private static (int Stride, int First)? Layout(ReadOnlySpan<byte> head)
    {
        static bool Synced(ReadOnlySpan<byte> h, int first, int stride) =>
            h.Length >= first + stride + 1 && h[first] == SyncByte && h[first + stride] == SyncByte;
        return Synced(head, 0, PacketLength) ? (PacketLength, 0)
            : Synced(head, 4, PacketLength + 4) ? (PacketLength + 4, 4)
            : head.Length >= PacketLength && head[0] == SyncByte ? (PacketLength, 0)
            : null;
    }

    /// <summary>Follows PAT → PMT → the H.264 stream, and gathers that stream's first PES payloads.</summary>
    private sealed class Demuxer
    {
        private readonly HashSet<int> _programMaps = [];
        private readonly ArrayBufferWriter<byte> _elementary = new();
        private bool _sawProgramMap;
        private int? _videoPid;
        private int _pesPackets;

        public bool FromTables { get; private set; }

        public bool Done => _pesPackets > MaxPesPackets || _elementary.WrittenCount >= MaxElementaryBytes;

        public ReadOnlySpan<byte> Elementary => _elementary.WrittenSpan;

        public void Packet(ReadOnlySpan<byte> packet)
        {
            if (packet[0] != SyncByte || (packet[1] & 0x80) != 0) // lost sync, or a transport error
                return;
            var unitStart = (packet[1] & 0x40) != 0;
            var pid = ((packet[1] & 0x1F) << 8) | packet[2];
            var control = (packet[3] >> 4) & 3;
            if ((control & 1) == 0)
                return; // adaptation field only
            var payloadAt = (control & 2) != 0 ? 5 + packet[4] : 4;
            if (payloadAt >= packet.Length)
                return;
            var payload = packet[payloadAt..];

            if (pid == 0 && unitStart)
                ReadAssociationTable(Section(payload));
            else if (_programMaps.Contains(pid) && unitStart && !FromTables)
                ReadMapTable(Section(payload));
            else if (_videoPid is null && unitStart && !_sawProgramMap && StartsVideoPes(payload))
                _videoPid = pid;

            if (pid == _videoPid)
                Append(payload, unitStart);
        }

        private void Append(ReadOnlySpan<byte> payload, bool unitStart)
        {
            if (unitStart)
            {
                if (++_pesPackets > MaxPesPackets)
                    return;
                // A PES header: start code, stream id, length, two flag bytes and the header's remaining length.
                if (payload.Length < 9 || !payload.StartsWith((ReadOnlySpan<byte>)[0, 0, 1]) || 9 + payload[8] > payload.Length)
                    return;
                payload = payload[(9 + payload[8])..];
            }
            else if (_pesPackets == 0)
            {
                return; // the tail of a PES packet that began before the file
            }
            _elementary.Write(payload[..Math.Min(payload.Length, MaxElementaryBytes - _elementary.WrittenCount)]);
        }

        /// <summary>The section a pointer field leads to; empty when it points outside the packet.</summary>
        private static ReadOnlySpan<byte> Section(ReadOnlySpan<byte> payload)
        {
            if (payload.Length < 1 || 1 + payload[0] >= payload.Length)
                return [];
            var section = payload[(1 + payload[0])..];
            if (section.Length < 3)
                return [];
            var sectionLength = ((section[1] & 0x0F) << 8) | section[2];
            return section[..Math.Min(section.Length, 3 + sectionLength)];
        }

        private void ReadAssociationTable(ReadOnlySpan<byte> pat)
        {
            // table_id 0; 8 header bytes, then (program number, PMT PID) pairs, then the CRC.
            if (pat.Length < 12 || pat[0] != 0x00)
                return;
            for (var at = 8; at + 4 <= pat.Length - 4; at += 4)
            {
                var program = (pat[at] << 8) | pat[at + 1];
                if (program != 0) // program 0 names the network information PID
                    _programMaps.Add(((pat[at + 2] & 0x1F) << 8) | pat[at + 3]);
            }
        }

        private void ReadMapTable(ReadOnlySpan<byte> pmt)
        {
            // table_id 2; 8 header bytes, the PCR PID, the program descriptors, then (type, PID, descriptors) per stream.
            if (pmt.Length < 16 || pmt[0] != 0x02)
                return;
            _sawProgramMap = true;
            var at = 12 + (((pmt[10] & 0x0F) << 8) | pmt[11]);
            while (at + 5 <= pmt.Length - 4)
            {
                var streamType = pmt[at];
                var pid = ((pmt[at + 1] & 0x1F) << 8) | pmt[at + 2];
                if (streamType == H264StreamType)
                {
                    if (_videoPid != pid)
                    {
                        _elementary.ResetWrittenCount();
                        _pesPackets = 0;
                    }
                    (_videoPid, FromTables) = (pid, true);
                    return;
                }
                at += 5 + (((pmt[at + 3] & 0x0F) << 8) | pmt[at + 4]);
            }
            if (!FromTables)
                _videoPid = null; // the program has no H.264 stream: what was guessed from a PES header is not one
        }

        private static bool StartsVideoPes(ReadOnlySpan<byte> payload) =>
            payload.Length >= 4 && payload.StartsWith((ReadOnlySpan<byte>)[0, 0, 1]) && payload[3] is >= 0xE0 and <= 0xEF;
    }
}
