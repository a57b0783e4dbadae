using System.Globalization;
using System.Text;

namespace Rayray.Mongo.Bson;

/// <summary>
/// IEEE 754-2008 decimal128 in its binary integer decimal encoding (the two 64-bit halves). Text
/// conversion follows the BSON Decimal128 specification: a value is stored exactly or not at all,
/// so text that would need inexact rounding, or is too large or too small, is rejected.
/// </summary>
public sealed partial class BsonDecimal128(ulong high, ulong low) : BsonValue
{
    private const int ExponentBias = 6176;
    private const int MinExponent = -6176;
    private const int MaxExponent = 6111;
    private const int MaxDigits = 34;
    private const ulong SignBit = 1UL << 63;
    private const ulong SpecialMask = 0x7C00000000000000;
    private const ulong InfinityBits = 0x7800000000000000;
    private const ulong NaNBits = 0x7C00000000000000;
    // Far beyond any exponent a 34-digit coefficient can reach, yet small enough that adding the
    // count of fraction digits cannot overflow: parsing saturates here instead of overflowing.
    private const long ExponentCeiling = 1_000_000_000_000;
    private static readonly UInt128 MaxCoefficient = UInt128.Parse("9999999999999999999999999999999999", CultureInfo.InvariantCulture);

    public ulong High { get; } = high;
    public ulong Low { get; } = low;
    public override BsonType Type => BsonType.Decimal128;
    public override bool Equals(BsonValue? other) => other is BsonDecimal128 d && d.High == High && d.Low == Low;
    public override int GetHashCode() => HashCode.Combine(High, Low);

    /// <summary>The canonical text: "NaN" for every NaN, "[-]Infinity", else the specification's scientific or plain form.</summary>
    public override string ToString()
    {
        if ((High & SpecialMask) == NaNBits)
            return "NaN";
        var text = new StringBuilder((High & SignBit) != 0 ? "-" : "");
        if ((High & SpecialMask) == InfinityBits)
            return text.Append("Infinity").ToString();

        var (coefficient, exponent) = Finite();
        var digits = coefficient.ToString(CultureInfo.InvariantCulture);
        var adjusted = exponent + digits.Length - 1;
        if (exponent > 0 || adjusted < -6)
        {
            text.Append(digits[0]);
            if (digits.Length > 1)
                text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('E').Append(adjusted >= 0 ? "+" : "").Append(adjusted.ToString(CultureInfo.InvariantCulture));
        }
        else if (exponent == 0)
        {
            text.Append(digits);
        }
        else
        {
            var fractionDigits = -exponent;
            if (digits.Length > fractionDigits)
                text.Append(digits, 0, digits.Length - fractionDigits).Append('.').Append(digits, digits.Length - fractionDigits, fractionDigits);
            else
                text.Append("0.").Append('0', fractionDigits - digits.Length).Append(digits);
        }
        return text.ToString();
    }

    /// <summary>
    /// Reads decimal text ("1.5", "-2E+10", ".5", "Inf", "NaN", case-insensitive names, no whitespace).
    /// Clamps the exponent and drops trailing zeros when that keeps the value exact; throws
    /// <see cref="BsonFormatException"/> for bad syntax and for values that cannot be stored exactly.
    /// </summary>
    public static BsonDecimal128 Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = 0;
        var sign = 0UL;
        if (at < text.Length && text[at] is '+' or '-')
            sign = text[at++] == '-' ? SignBit : 0;

        var name = text.AsSpan(at);
        if (name.Equals("Infinity", StringComparison.OrdinalIgnoreCase) || name.Equals("Inf", StringComparison.OrdinalIgnoreCase))
            return new BsonDecimal128(sign | InfinityBits, 0);
        if (name.Equals("NaN", StringComparison.OrdinalIgnoreCase))
            return new BsonDecimal128(sign | NaNBits, 0);

        var significant = new StringBuilder();
        long fractionDigits = 0;
        var sawDigit = false;
        var sawPoint = false;
        for (; at < text.Length; at++)
        {
            var c = text[at];
            if (c == '.')
            {
                if (sawPoint)
                    throw NotANumber(text);
                sawPoint = true;
            }
            else if (char.IsAsciiDigit(c))
            {
                sawDigit = true;
                if (sawPoint)
                    fractionDigits++;
                if (significant.Length > 0 || c != '0')
                    significant.Append(c);
            }
            else
            {
                break;
            }
        }
        if (!sawDigit)
            throw NotANumber(text);

        long exponent = 0;
        if (at < text.Length)
        {
            if (text[at] is not ('e' or 'E'))
                throw NotANumber(text);
            at++;
            var negativeExponent = false;
            if (at < text.Length && text[at] is '+' or '-')
                negativeExponent = text[at++] == '-';
            var exponentStart = at;
            for (; at < text.Length && char.IsAsciiDigit(text[at]); at++)
                exponent = Math.Min(exponent * 10 + (text[at] - '0'), ExponentCeiling);
            if (at == exponentStart || at != text.Length)
                throw NotANumber(text);
            if (negativeExponent)
                exponent = -exponent;
        }
        return Exact(sign, significant.ToString(), exponent - fractionDigits, text);
    }

    /// <summary>Fits a coefficient (decimal digits without leading zeros) and exponent into the format without changing the value.</summary>
    private static BsonDecimal128 Exact(ulong sign, string digits, long exponent, string text)
    {
        if (digits.Length == 0)
            return Encode(sign, 0, (int)Math.Clamp(exponent, MinExponent, MaxExponent));

        var length = digits.Length;
        while (length > MaxDigits || exponent < MinExponent)
        {
            // The leading digit is not zero, so this stops before the coefficient runs out.
            if (digits[length - 1] != '0')
                throw new BsonFormatException($"'{text}' cannot be stored exactly as a decimal128: it needs more than {MaxDigits} digits or an exponent below {MinExponent}");
            length--;
            exponent++;
        }

        var padding = 0;
        if (exponent > MaxExponent)
        {
            if (exponent - MaxExponent > MaxDigits - length)
                throw new BsonFormatException($"'{text}' is too large for a decimal128");
            padding = (int)(exponent - MaxExponent);
            exponent = MaxExponent;
        }
        var coefficient = UInt128.Parse(string.Concat(digits.AsSpan(0, length), new string('0', padding)), CultureInfo.InvariantCulture);
        return Encode(sign, coefficient, (int)exponent);
    }

    private static BsonDecimal128 Encode(ulong sign, UInt128 coefficient, int exponent) =>
        new(sign | ((ulong)(exponent + ExponentBias) << 49) | (ulong)(coefficient >> 64), (ulong)coefficient);

    private (UInt128 Coefficient, int Exponent) Finite()
    {
        // Combination bits 11 (not infinity or NaN) mean an implicit 100 before the coefficient,
        // which puts it above 10^34 - 1: IEEE 754 says such encodings are zero, and the exponent moves.
        if (((High >> 61) & 3) == 3)
            return (0, (int)((High >> 47) & 0x3FFF) - ExponentBias);
        var coefficient = new UInt128(High & 0x1FFFFFFFFFFFF, Low);
        return (coefficient > MaxCoefficient ? 0 : coefficient, (int)((High >> 49) & 0x3FFF) - ExponentBias);
    }

    private static BsonFormatException NotANumber(string text) => new($"'{text}' is not a decimal128 number");
}
