namespace Rayray.Mongo.Bson;

/// <summary>
/// A BSON value. Values compare structurally (two documents with the same elements in the same
/// order are equal). Implicit conversions from the common .NET types make building commands short.
/// </summary>
public abstract class BsonValue : IEquatable<BsonValue>
{
    public abstract BsonType Type { get; }

    public static implicit operator BsonValue(string value) => new BsonString(value);
    public static implicit operator BsonValue(int value) => new BsonInt32(value);
    public static implicit operator BsonValue(long value) => new BsonInt64(value);
    public static implicit operator BsonValue(double value) => new BsonDouble(value);
    public static implicit operator BsonValue(bool value) => value ? BsonBoolean.True : BsonBoolean.False;
    public static implicit operator BsonValue(DateTime value) => BsonDateTime.From(value);

    public string AsString => As<BsonString>().Value;
    public int AsInt32 => As<BsonInt32>().Value;
    public long AsInt64 => As<BsonInt64>().Value;
    public double AsDouble => As<BsonDouble>().Value;
    public bool AsBoolean => As<BsonBoolean>().Value;
    public BsonDocument AsDocument => As<BsonDocument>();
    public BsonArray AsArray => As<BsonArray>();

    public bool IsNumeric => Type is BsonType.Int32 or BsonType.Int64 or BsonType.Double or BsonType.Decimal128;

    /// <summary>Servers answer counts and codes as int32, int64 or double interchangeably; this reads any of them.</summary>
    public long ToInt64() => this switch
    {
        BsonInt32 i => i.Value,
        BsonInt64 l => l.Value,
        BsonDouble d => (long)d.Value,
        BsonDecimal128 m => (long)NearestDouble(m),
        BsonBoolean b => b.Value ? 1 : 0,
        _ => throw new InvalidCastException($"a BSON {Type} is not a number"),
    };

    public double ToDouble() => this switch
    {
        BsonInt32 i => i.Value,
        BsonInt64 l => l.Value,
        BsonDouble d => d.Value,
        BsonDecimal128 m => NearestDouble(m),
        _ => throw new InvalidCastException($"a BSON {Type} is not a number"),
    };

    /// <summary>Truthiness the way servers mean it in replies ({ok: 1}, {ok: 1.0}, {ok: true}).</summary>
    public bool ToBoolean() => this switch
    {
        BsonBoolean b => b.Value,
        BsonNull or BsonUndefined => false,
        _ when IsNumeric => ToDouble() != 0,
        _ => true,
    };

    // IsNumeric counts Decimal128, so ToBoolean reaches here for {ok: NumberDecimal("1")}.
    private static double NearestDouble(BsonDecimal128 value) =>
        double.Parse(value.ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    private T As<T>() where T : BsonValue =>
        this as T ?? throw new InvalidCastException($"a BSON {Type} is not a {typeof(T).Name.Replace("Bson", "", StringComparison.Ordinal)}");

    public abstract bool Equals(BsonValue? other);

    public override bool Equals(object? obj) => obj is BsonValue other && Equals(other);

    public abstract override int GetHashCode();

    public static bool operator ==(BsonValue? left, BsonValue? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(BsonValue? left, BsonValue? right) => !(left == right);
}
