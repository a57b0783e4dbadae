using System.Globalization;

namespace Rayray.Core.Extraction;

/// <summary>
/// An XMP packet (an RDF element) that XmpCore must not be given: from <paramref name="Start"/> (its '&lt;') to
/// <paramref name="End"/>, why, and where the element's name ends. Blanking the '&lt;' and the name is enough to
/// make the packet fail as XML at once, and touches no byte of the container around it, even when the packet is
/// spread over several segments.
/// </summary>
public sealed record HostileXmpPacket(long Start, long End, string Reason, long NameEnd);

/// <summary>
/// Finds XMP packets (RDF elements) in bytes fed in order — a whole file during its hashing read, or one
/// packet — and measures what makes XmpCore slow: its RDF parser takes time that doubles with every level
/// properties nest (25 levels take seconds, 40 would take days), and time that grows with the square of an
/// element's attributes. Real XMP nests fewer than 12 levels (Lightroom's masks are the deepest seen) and
/// carries a few hundred attributes, so packets past the limits are hostile and are kept from the parser.
/// It reads XML syntax only as far as elements, attributes, comments, CDATA and processing instructions go.
/// </summary>
public sealed class XmpPacketScanner
{
    public const int MaxPropertyDepth = 20;
    public const int MaxElementDepth = (4 * MaxPropertyDepth) + 8;
    public const int MaxAttributesPerElement = 4096;
    public const int MaxPacketBytes = 16 * 1024 * 1024;

    private const int MaxNameLength = 128;

    private enum State { Outside, TagOpen, Name, InTag, AttributeValue, EndTag, Bang, Skip, Text }

    private readonly List<HostileXmpPacket> _hostile = [];
    private readonly byte[] _name = new byte[MaxNameLength];
    private readonly Stack<bool> _isProperty = new();
    private State _state;
    private long _offset;
    private int _nameLength;
    private long _tagStart;

    private long _packetStart = -1;
    private long _packetNameEnd;
    private int _depth;
    private int _propertyDepth;
    private string? _reason;

    private int _attributes;
    private bool _slashBeforeClose;
    private byte _quote;
    private byte[] _terminator = [];
    private int _terminatorMatched;
    private int _bangLength;

    public IReadOnlyList<HostileXmpPacket> Hostile => _hostile;

    /// <summary>Why one whole packet (a sidecar, a reassembled extended packet) must not be parsed, or null.</summary>
    public static string? Problem(ReadOnlySpan<byte> packet)
    {
        var scanner = new XmpPacketScanner();
        scanner.Append(packet);
        scanner.Finish();
        return scanner._hostile.Count == 0 ? null : scanner._hostile[0].Reason;
    }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        var i = 0;
        while (i < chunk.Length)
        {
            if (_state == State.Outside)
            {
                // Outside a packet only a '<' can matter: skip to the next one at memory speed.
                var next = chunk[i..].IndexOf((byte)'<');
                if (next < 0)
                {
                    _offset += chunk.Length - i;
                    return;
                }
                i += next;
                _offset += next;
            }
            Step(chunk[i]);
            i++;
            _offset++;
        }
    }

    /// <summary>Ends the input: a hostile packet that never closed runs to the end.</summary>
    public void Finish()
    {
        if (_packetStart >= 0 && _reason is not null)
            _hostile.Add(new HostileXmpPacket(_packetStart, _offset, _reason, _packetNameEnd));
        _packetStart = -1;
        _state = State.Outside;
    }

    private bool InPacket => _packetStart >= 0;

    private void Step(byte b)
    {
        if (InPacket && _reason is null && _offset - _packetStart >= MaxPacketBytes)
            _reason = string.Create(CultureInfo.InvariantCulture, $"is larger than {MaxPacketBytes / (1024 * 1024)} MB");

        switch (_state)
        {
            case State.Outside:
            case State.Text:
                if (b == (byte)'<')
                {
                    _tagStart = _offset;
                    _state = State.TagOpen;
                }
                break;

            case State.TagOpen:
                if (b == (byte)'/' && InPacket)
                    _state = State.EndTag;
                else if (b == (byte)'!' && InPacket)
                    (_state, _bangLength) = (State.Bang, 0);
                else if (b == (byte)'?' && InPacket)
                    SkipUntil("?>"u8);
                else if (IsNameByte(b))
                    (_state, _nameLength, _name[0]) = (State.Name, 1, b);
                else
                    Resume();
                break;

            case State.Name:
                if (IsNameByte(b))
                {
                    if (_nameLength == MaxNameLength)
                        Resume();
                    else
                        _name[_nameLength++] = b;
                }
                else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'>' or (byte)'/')
                {
                    if (!StartElement())
                    {
                        Resume();
                        break;
                    }
                    _state = State.InTag;
                    _attributes = 0;
                    _slashBeforeClose = false;
                    InTag(b);
                }
                else
                {
                    Resume();
                }
                break;

            case State.InTag:
                InTag(b);
                break;

            case State.AttributeValue:
                if (b == _quote)
                    _state = State.InTag;
                break;

            case State.EndTag:
                if (b == (byte)'>')
                    EndElement();
                break;

            case State.Bang:
                // "<!--" opens a comment, "<![CDATA[" a CDATA section; anything else (a DOCTYPE) ends at '>'.
                _bangLength++;
                if (_bangLength == 1 && b == (byte)'[')
                    SkipUntil("]]>"u8);
                else if (_bangLength == 2 && b == (byte)'-')
                    SkipUntil("-->"u8);
                else if (_bangLength > 1 || b != (byte)'-')
                    SkipUntil(">"u8);
                break;

            case State.Skip:
                _terminatorMatched = b == _terminator[_terminatorMatched] ? _terminatorMatched + 1 : (b == _terminator[0] ? 1 : 0);
                if (_terminatorMatched == _terminator.Length)
                    _state = State.Text;
                break;
        }
    }

    private void SkipUntil(ReadOnlySpan<byte> terminator)
    {
        _terminator = terminator.ToArray();
        _terminatorMatched = 0;
        _state = State.Skip;
    }

    private void Resume() => _state = InPacket ? State.Text : State.Outside;

    private void InTag(byte b)
    {
        switch (b)
        {
            case (byte)'"' or (byte)'\'':
                _quote = b;
                _state = State.AttributeValue;
                _slashBeforeClose = false;
                break;
            case (byte)'=':
                if (++_attributes > MaxAttributesPerElement && _reason is null)
                    _reason = string.Create(CultureInfo.InvariantCulture, $"has an element with more than {MaxAttributesPerElement:N0} attributes");
                _slashBeforeClose = false;
                break;
            case (byte)'/':
                _slashBeforeClose = true;
                break;
            case (byte)'>':
                _state = State.Text;
                if (_slashBeforeClose)
                    EndElement();
                break;
            case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                break;
            default:
                _slashBeforeClose = false;
                break;
        }
    }

    /// <summary>Opens the element just named; false when outside a packet and it is not an RDF element.</summary>
    private bool StartElement()
    {
        var name = _name.AsSpan(0, _nameLength);
        var colon = name.LastIndexOf((byte)':');
        var local = colon < 0 ? name : name[(colon + 1)..];
        if (!InPacket)
        {
            if (!local.SequenceEqual("RDF"u8))
                return false;
            _packetStart = _tagStart;
            _packetNameEnd = _offset;
            _depth = 0;
            _propertyDepth = 0;
            _reason = null;
            _isProperty.Clear();
        }
        var isProperty = !(local.SequenceEqual("RDF"u8) || local.SequenceEqual("Description"u8) || local.SequenceEqual("Bag"u8) ||
            local.SequenceEqual("Seq"u8) || local.SequenceEqual("Alt"u8));
        _depth++;
        if (isProperty)
            _propertyDepth++;
        if (_isProperty.Count < MaxElementDepth + 1)
            _isProperty.Push(isProperty);
        if (_reason is null && _propertyDepth > MaxPropertyDepth)
            _reason = $"nests properties more than {MaxPropertyDepth} levels deep";
        else if (_reason is null && _depth > MaxElementDepth)
            _reason = $"nests elements more than {MaxElementDepth} levels deep";
        return true;
    }

    private void EndElement()
    {
        _state = State.Text;
        if (_depth == 0)
            return;
        // Past the tracked depth the packet is already hostile; only the count matters to find its end.
        if (_depth <= _isProperty.Count && _isProperty.Pop())
            _propertyDepth--;
        _depth--;
        if (_depth == 0)
        {
            if (_reason is not null)
                _hostile.Add(new HostileXmpPacket(_packetStart, _offset + 1, _reason, _packetNameEnd));
            _packetStart = -1;
            _state = State.Outside;
        }
    }

    private static bool IsNameByte(byte b) =>
        b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
            or (byte)'_' or (byte)'-' or (byte)'.' or (byte)':' or >= 0x80;
}
