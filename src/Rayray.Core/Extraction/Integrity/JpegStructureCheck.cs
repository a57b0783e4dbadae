using System.Globalization;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// Follows a JPEG's marker structure through the entropy-coded data without decoding it: segments
/// must chain, the scan data may hold only stuffed bytes, fill bytes and restart markers in sequence,
/// and the image must end with an end-of-image marker. This catches truncation and the usual
/// corruptions (overwritten or zero/0xFF-filled blocks) at memchr speed. Bytes after the
/// end-of-image marker (appended previews, motion-photo videos) are allowed.
/// </summary>
public sealed class JpegStructureCheck : IStreamingCheck
{
    private enum State { Soi0, Soi1, MarkerStart, MarkerCode, LengthHigh, LengthLow, SegmentBody, Entropy, EntropyAfterFF, End, Failed }

    private const int CapturedBodyLength = 48;

    private readonly List<string> _notes = [];
    private readonly byte[] _captured = new byte[CapturedBodyLength];
    private State _state = State.Soi0;
    private long _offset;
    private string? _failure;

    private byte _marker;
    private long _markerOffset;
    private int _segmentLength;
    private int _bodyRemaining;
    private int _capturedLength;
    private long _extraneous;

    private bool _sawFrame;
    private bool _baseline;
    private int _width, _height, _maxH, _maxV;
    private readonly Dictionary<int, (int H, int V)> _components = [];
    private int _restartInterval;
    private int _scans;
    private int _scanComponent = -1;
    private int _scanComponentCount;
    private int _lastRestart = -1;
    private long _restartCount;

    public IReadOnlyList<string> Notes => _notes;

    public void Append(ReadOnlySpan<byte> chunk)
    {
        var i = 0;
        while (i < chunk.Length && _state is not (State.End or State.Failed))
        {
            switch (_state)
            {
                case State.Entropy:
                {
                    var ff = chunk[i..].IndexOf((byte)0xFF);
                    if (ff < 0)
                    {
                        i = chunk.Length;
                        continue;
                    }
                    i += ff + 1;
                    _state = State.EntropyAfterFF;
                    continue;
                }
                case State.SegmentBody:
                {
                    var take = Math.Min(_bodyRemaining, chunk.Length - i);
                    var bodyOffset = _segmentLength - 2 - _bodyRemaining;
                    if (bodyOffset < CapturedBodyLength)
                    {
                        var copy = Math.Min(take, CapturedBodyLength - bodyOffset);
                        chunk.Slice(i, copy).CopyTo(_captured.AsSpan(bodyOffset));
                        _capturedLength = bodyOffset + copy;
                    }
                    _bodyRemaining -= take;
                    i += take;
                    if (_bodyRemaining == 0)
                        EndSegment();
                    continue;
                }
                default:
                    Step(chunk[i], _offset + i);
                    i++;
                    continue;
            }
        }
        _offset += chunk.Length;
    }

    private void Step(byte b, long at)
    {
        switch (_state)
        {
            case State.Soi0:
                _state = b == 0xFF ? State.Soi1 : Fail("not a JPEG: it does not start with FF D8");
                break;
            case State.Soi1:
                _state = b == 0xD8 ? State.MarkerStart : Fail("not a JPEG: it does not start with FF D8");
                break;
            case State.MarkerStart:
                if (b == 0xFF)
                {
                    _state = State.MarkerCode;
                }
                else
                {
                    _extraneous++;
                }
                break;
            case State.MarkerCode:
                if (b == 0xFF)
                    break; // fill byte
                if (_extraneous > 0)
                {
                    _notes.Add($"{_extraneous} extraneous bytes before marker 0x{b:X2} at offset {at - 1}");
                    _extraneous = 0;
                }
                StartMarker(b, at - 1);
                break;
            case State.LengthHigh:
                _segmentLength = b << 8;
                _state = State.LengthLow;
                break;
            case State.LengthLow:
                _segmentLength |= b;
                if (_segmentLength < 2)
                {
                    Fail($"the {MarkerName(_marker)} segment at offset {_markerOffset} has an impossible length {_segmentLength}");
                    break;
                }
                _bodyRemaining = _segmentLength - 2;
                _capturedLength = 0;
                if (_bodyRemaining == 0)
                    EndSegment();
                else
                    _state = State.SegmentBody;
                break;
            case State.EntropyAfterFF:
                EntropyMarker(b, at - 1);
                break;
        }
    }

    private void StartMarker(byte marker, long at)
    {
        _marker = marker;
        _markerOffset = at;
        switch (marker)
        {
            case 0xD8:
                Fail($"a second start-of-image marker at offset {at}");
                return;
            case 0xD9:
                Fail(_scans == 0 ? "no image data: the end-of-image marker comes before any scan" : $"end-of-image marker at offset {at} outside the scan data");
                return;
            case >= 0xD0 and <= 0xD7:
            case 0x01:
                _state = State.MarkerStart;
                return;
            case 0x00:
                Fail($"an invalid marker FF 00 at offset {at} between segments");
                return;
            default:
                _state = State.LengthHigh;
                return;
        }
    }

    private void EndSegment()
    {
        var body = _captured.AsSpan(0, _capturedLength);
        switch (_marker)
        {
            case >= 0xC0 and <= 0xCF when _marker is not (0xC4 or 0xC8 or 0xCC):
                ReadFrame(body);
                _state = State.MarkerStart;
                break;
            case 0xDD when body.Length >= 2:
                _restartInterval = (body[0] << 8) | body[1];
                _state = State.MarkerStart;
                break;
            case 0xDA:
                if (!_sawFrame)
                {
                    Fail($"a start-of-scan at offset {_markerOffset} before any frame header");
                    return;
                }
                _scans++;
                _scanComponentCount = body.Length > 0 ? body[0] : 0;
                _scanComponent = _scanComponentCount == 1 && body.Length > 1 ? body[1] : -1;
                _lastRestart = -1;
                _state = State.Entropy;
                break;
            default:
                _state = State.MarkerStart;
                break;
        }
    }

    private void ReadFrame(ReadOnlySpan<byte> body)
    {
        if (body.Length < 6)
            return;
        _sawFrame = true;
        _baseline = _marker is 0xC0 or 0xC1;
        _height = (body[1] << 8) | body[2];
        _width = (body[3] << 8) | body[4];
        var count = body[5];
        _components.Clear();
        _maxH = _maxV = 1;
        for (var c = 0; c < count && 6 + (3 * c) + 2 < body.Length; c++)
        {
            var id = body[6 + (3 * c)];
            var sampling = body[6 + (3 * c) + 1];
            var h = Math.Max(1, sampling >> 4);
            var v = Math.Max(1, sampling & 0xF);
            _components[id] = (h, v);
            _maxH = Math.Max(_maxH, h);
            _maxV = Math.Max(_maxV, v);
        }
    }

    private void EntropyMarker(byte b, long at)
    {
        switch (b)
        {
            case 0x00:
                _state = State.Entropy;
                break;
            case 0xFF:
                break; // fill byte before a marker
            case >= 0xD0 and <= 0xD7:
                var number = b - 0xD0;
                if (_restartInterval > 0)
                {
                    var expected = (_lastRestart + 1) & 7;
                    if (number != expected)
                    {
                        Fail($"the scan data is corrupt: restart marker RST{number} at offset {at} where RST{expected} was due");
                        return;
                    }
                }
                _lastRestart = number;
                _restartCount++;
                _state = State.Entropy;
                break;
            case 0xD9:
                _state = State.End;
                CheckRestartCount();
                break;
            case 0xC4 or 0xCC or 0xDB or 0xDD or 0xDA or 0xDC or 0xFE or (>= 0xE0 and <= 0xEF):
                StartMarker(b, at);
                break;
            default:
                Fail($"the scan data is corrupt: an invalid marker FF {b:X2} at offset {at}");
                break;
        }
    }

    private void CheckRestartCount()
    {
        // For a single-scan sequential image the number of restart intervals follows from the frame size.
        if (!_baseline || _scans != 1 || _restartInterval == 0 || _width == 0 || _height == 0)
            return;
        long mcus;
        if (_scanComponentCount == 1 && _components.TryGetValue(_scanComponent, out var c))
        {
            var w = (long)Math.Ceiling(_width * c.H / (double)_maxH);
            var h = (long)Math.Ceiling(_height * c.V / (double)_maxV);
            mcus = ((w + 7) / 8) * ((h + 7) / 8);
        }
        else
        {
            mcus = ((_width + (8L * _maxH) - 1) / (8L * _maxH)) * ((_height + (8L * _maxV) - 1) / (8L * _maxV));
        }
        var expected = ((mcus + _restartInterval - 1) / _restartInterval) - 1;
        if (_restartCount < expected)
            Fail($"the scan data is incomplete: {_restartCount + 1} of {expected + 1} restart intervals are present");
    }

    public string? Finish()
    {
        if (_failure is not null)
            return _failure;
        return _state switch
        {
            State.End => null,
            State.Soi0 or State.Soi1 => "not a JPEG: too short",
            State.Entropy or State.EntropyAfterFF =>
                $"truncated: the image data stops at byte {_offset} without an end-of-image marker",
            State.SegmentBody or State.LengthHigh or State.LengthLow =>
                $"truncated: the file ends inside the {MarkerName(_marker)} segment that starts at offset {_markerOffset}",
            _ => _scans == 0
                ? $"truncated: the file ends after {_offset} bytes of headers, before any image data"
                : $"truncated: the file ends at byte {_offset} without an end-of-image marker",
        };
    }

    private State Fail(string reason)
    {
        _failure ??= reason;
        _state = State.Failed;
        return State.Failed;
    }

    private static string MarkerName(byte marker) => marker switch
    {
        0xC4 => "DHT",
        0xDB => "DQT",
        0xDA => "SOS",
        0xDD => "DRI",
        0xFE => "COM",
        >= 0xE0 and <= 0xEF => "APP" + (marker - 0xE0).ToString(CultureInfo.InvariantCulture),
        >= 0xC0 and <= 0xCF => "SOF" + (marker - 0xC0).ToString(CultureInfo.InvariantCulture),
        _ => $"0x{marker:X2}",
    };
}
