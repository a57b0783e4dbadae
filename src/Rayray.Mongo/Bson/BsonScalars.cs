using System.Globalization;

namespace Rayray.Mongo.Bson;

public sealed class BsonDouble(double value) : BsonValue
{
    public double Value { get; } = value;
    public override BsonType Type => BsonType.Double;
    // Bitwise, so NaN equals NaN and -0.0 differs from 0.0: a round trip must give the same bytes.
    public override bool Equals(BsonValue? other) => other is BsonDouble d && BitConverter.DoubleToInt64Bits(d.Value) == BitConverter.DoubleToInt64Bits(Value);
    public override int GetHashCode() => Value.GetHashCode();
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}

public sealed class BsonString(string value) : BsonValue
{
    public string Value { get; } = value;
    public override BsonType Type => BsonType.String;
    public override bool Equals(BsonValue? other) => other is BsonString s && s.Value == Value;
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Value;
}

public sealed class BsonInt32(int value) : BsonValue
{
    public int Value { get; } = value;
    public override BsonType Type => BsonType.Int32;
    public override bool Equals(BsonValue? other) => other is BsonInt32 i && i.Value == Value;
    public override int GetHashCode() => Value;
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

public sealed class BsonInt64(long value) : BsonValue
{
    public long Value { get; } = value;
    public override BsonType Type => BsonType.Int64;
    public override bool Equals(BsonValue? other) => other is BsonInt64 l && l.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

public sealed class BsonBoolean : BsonValue
{
    public static readonly BsonBoolean True = new(true);
    public static readonly BsonBoolean False = new(false);

    private BsonBoolean(bool value) => Value = value;

    public bool Value { get; }
    public override BsonType Type => BsonType.Boolean;
    public override bool Equals(BsonValue? other) => other is BsonBoolean b && b.Value == Value;
    public override int GetHashCode() => Value ? 1 : 0;
    public override string ToString() => Value ? "true" : "false";
}

/// <summary>UTC milliseconds since the Unix epoch.</summary>
public sealed class BsonDateTime(long millisecondsSinceEpoch) : BsonValue
{
    public long MillisecondsSinceEpoch { get; } = millisecondsSinceEpoch;
    public override BsonType Type => BsonType.DateTime;

    /// <summary>The instant to the millisecond, rounded down (so instants before 1970 do not move forward).</summary>
    public static BsonDateTime From(DateTime value) =>
        new(Math.DivRem(value.ToUniversalTime().Ticks - DateTime.UnixEpoch.Ticks, TimeSpan.TicksPerMillisecond) switch
        {
            (var milliseconds, < 0) => milliseconds - 1,
            (var milliseconds, _) => milliseconds,
        });

    /// <summary>The instant, when it fits a DateTime (BSON allows ±292 million years).</summary>
    public DateTime? ToDateTime() =>
        MillisecondsSinceEpoch is >= -62135596800000L and <= 253402300799999L ? DateTime.UnixEpoch.AddMilliseconds(MillisecondsSinceEpoch) : null;

    public override bool Equals(BsonValue? other) => other is BsonDateTime d && d.MillisecondsSinceEpoch == MillisecondsSinceEpoch;
    public override int GetHashCode() => MillisecondsSinceEpoch.GetHashCode();
}

public sealed class BsonNull : BsonValue
{
    public static readonly BsonNull Value = new();
    private BsonNull() { }
    public override BsonType Type => BsonType.Null;
    public override bool Equals(BsonValue? other) => other is BsonNull;
    public override int GetHashCode() => 0;
}

/// <summary>Deprecated in BSON; read and written only so every document round-trips.</summary>
public sealed class BsonUndefined : BsonValue
{
    public static readonly BsonUndefined Value = new();
    private BsonUndefined() { }
    public override BsonType Type => BsonType.Undefined;
    public override bool Equals(BsonValue? other) => other is BsonUndefined;
    public override int GetHashCode() => 6;
}

public sealed class BsonMinKey : BsonValue
{
    public static readonly BsonMinKey Value = new();
    private BsonMinKey() { }
    public override BsonType Type => BsonType.MinKey;
    public override bool Equals(BsonValue? other) => other is BsonMinKey;
    public override int GetHashCode() => -1;
}

public sealed class BsonMaxKey : BsonValue
{
    public static readonly BsonMaxKey Value = new();
    private BsonMaxKey() { }
    public override BsonType Type => BsonType.MaxKey;
    public override bool Equals(BsonValue? other) => other is BsonMaxKey;
    public override int GetHashCode() => 0x7F;
}

public sealed class BsonBinary(byte subtype, byte[] bytes) : BsonValue
{
    public byte Subtype { get; } = subtype;
    public byte[] Bytes { get; } = bytes;
    public override BsonType Type => BsonType.Binary;
    public override bool Equals(BsonValue? other) => other is BsonBinary b && b.Subtype == Subtype && b.Bytes.AsSpan().SequenceEqual(Bytes);
    public override int GetHashCode() => HashCode.Combine(Subtype, Bytes.Length);
}

public sealed class BsonObjectId : BsonValue
{
    public BsonObjectId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 12)
            throw new ArgumentException("An ObjectId is 12 bytes.", nameof(bytes));
        Bytes = bytes.ToArray();
    }

    public byte[] Bytes { get; }
    public override BsonType Type => BsonType.ObjectId;
    public static BsonObjectId Parse(string hex) => new(Convert.FromHexString(hex));
    public override bool Equals(BsonValue? other) => other is BsonObjectId o && o.Bytes.AsSpan().SequenceEqual(Bytes);
    public override int GetHashCode() => BitConverter.ToInt32(Bytes, 8);
    public override string ToString() => Convert.ToHexStringLower(Bytes);
}

public sealed class BsonRegularExpression(string pattern, string options) : BsonValue
{
    public string Pattern { get; } = pattern;
    /// <summary>The option letters in alphabetical order, the only order BSON and Extended JSON write.</summary>
    public string Options { get; } = string.Concat(options.Order());
    public override BsonType Type => BsonType.RegularExpression;
    public override bool Equals(BsonValue? other) => other is BsonRegularExpression r && r.Pattern == Pattern && r.Options == Options;
    public override int GetHashCode() => HashCode.Combine(Pattern, Options);
}

public sealed class BsonJavaScript(string code) : BsonValue
{
    public string Code { get; } = code;
    public override BsonType Type => BsonType.JavaScript;
    public override bool Equals(BsonValue? other) => other is BsonJavaScript j && j.Code == Code;
    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);
}

/// <summary>Deprecated in BSON; kept for round trips.</summary>
public sealed class BsonJavaScriptWithScope(string code, BsonDocument scope) : BsonValue
{
    public string Code { get; } = code;
    public BsonDocument Scope { get; } = scope;
    public override BsonType Type => BsonType.JavaScriptWithScope;
    public override bool Equals(BsonValue? other) => other is BsonJavaScriptWithScope j && j.Code == Code && j.Scope.Equals(Scope);
    public override int GetHashCode() => HashCode.Combine(Code, Scope.Count);
}

/// <summary>Deprecated in BSON; kept for round trips.</summary>
public sealed class BsonSymbol(string name) : BsonValue
{
    public string Name { get; } = name;
    public override BsonType Type => BsonType.Symbol;
    public override bool Equals(BsonValue? other) => other is BsonSymbol s && s.Name == Name;
    public override int GetHashCode() => Name.GetHashCode(StringComparison.Ordinal);
}

/// <summary>Deprecated in BSON; kept for round trips.</summary>
public sealed class BsonDbPointer(string @namespace, BsonObjectId id) : BsonValue
{
    public string Namespace { get; } = @namespace;
    public BsonObjectId Id { get; } = id;
    public override BsonType Type => BsonType.DbPointer;
    public override bool Equals(BsonValue? other) => other is BsonDbPointer p && p.Namespace == Namespace && p.Id.Equals(Id);
    public override int GetHashCode() => HashCode.Combine(Namespace, Id);
}

/// <summary>The internal replication timestamp: seconds and an increment.</summary>
public sealed class BsonTimestamp(uint seconds, uint increment) : BsonValue
{
    public uint Seconds { get; } = seconds;
    public uint Increment { get; } = increment;
    public ulong Value => ((ulong)Seconds << 32) | Increment;
    public override BsonType Type => BsonType.Timestamp;
    public override bool Equals(BsonValue? other) => other is BsonTimestamp t && t.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
}
