using System.Buffers.Binary;
using System.Text;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// Follows a PNG's chunk chain and checks every chunk's CRC, so a truncated or damaged PNG is
/// caught while it is hashed. Bytes after IEND are allowed.
/// </summary>
public sealed class PngStructureCheck : IStreamingCheck
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private enum State { Signature, Header, Data, Crc, End, Failed }

    private readonly byte[] _header = new byte[8];
    private readonly byte[] _crcBytes = new byte[4];
    private State _state = State.Signature;
    private int _filled;
    private long _offset;
    private long _chunkOffset;
    private long _dataRemaining;
    private uint _crc;
    private string _chunkType = "";
    private int _chunks;
    private string? _failure;

    public IReadOnlyList<string> Notes => [];

    public void Append(ReadOnlySpan<byte> chunk)
    {
        var i = 0;
        while (i < chunk.Length && _state is not (State.End or State.Failed))
        {
            switch (_state)
            {
                case State.Signature:
                    if (chunk[i] != Signature[_filled])
                    {
                        Fail("not a PNG: the signature is wrong");
                        break;
                    }
                    i++;
                    if (++_filled == Signature.Length)
                    {
                        _filled = 0;
                        _state = State.Header;
                        _chunkOffset = _offset + i;
                    }
                    break;
                case State.Header:
                    _header[_filled++] = chunk[i++];
                    if (_filled == 8)
                        StartChunk();
                    break;
                case State.Data:
                    var take = (int)Math.Min(_dataRemaining, chunk.Length - i);
                    _crc = Crc32.Update(_crc, chunk.Slice(i, take));
                    _dataRemaining -= take;
                    i += take;
                    if (_dataRemaining == 0)
                    {
                        _filled = 0;
                        _state = State.Crc;
                    }
                    break;
                case State.Crc:
                    _crcBytes[_filled++] = chunk[i++];
                    if (_filled == 4)
                        EndChunk(_offset + i);
                    break;
            }
        }
        _offset += chunk.Length;
    }

    private void StartChunk()
    {
        var length = BinaryPrimitives.ReadUInt32BigEndian(_header);
        var type = _header.AsSpan(4, 4);
        foreach (var c in type)
        {
            if (!char.IsAsciiLetter((char)c))
            {
                Fail($"damaged: no valid chunk at offset {_chunkOffset}");
                return;
            }
        }
        _chunkType = Encoding.ASCII.GetString(type);
        if (length > int.MaxValue)
        {
            Fail($"damaged: chunk '{_chunkType}' at offset {_chunkOffset} declares {length} bytes");
            return;
        }
        if (_chunks == 0 && _chunkType != "IHDR")
        {
            Fail("damaged: the first chunk is not IHDR");
            return;
        }
        _crc = Crc32.Update(0xFFFFFFFF, type);
        _dataRemaining = length;
        _filled = 0;
        _state = length == 0 ? State.Crc : State.Data;
    }

    private void EndChunk(long next)
    {
        var expected = BinaryPrimitives.ReadUInt32BigEndian(_crcBytes);
        if ((_crc ^ 0xFFFFFFFF) != expected)
        {
            Fail($"damaged: chunk '{_chunkType}' at offset {_chunkOffset} fails its CRC");
            return;
        }
        _chunks++;
        _filled = 0;
        _chunkOffset = next;
        _state = _chunkType == "IEND" ? State.End : State.Header;
    }

    public string? Finish() => _failure ?? _state switch
    {
        State.End => null,
        State.Signature => "not a PNG: too short",
        State.Header when _filled == 0 => $"truncated: no IEND chunk after {_chunks} chunks",
        _ => $"truncated: the file ends inside chunk '{_chunkType}' at offset {_chunkOffset}",
    };

    private void Fail(string reason)
    {
        _failure ??= reason;
        _state = State.Failed;
    }
}
