using System.Buffers.Binary;
using System.Text;
using Rayray.Core.Extraction.IsoMedia;

namespace Rayray.Tests.IsoMedia;

/// <summary>
/// Tag boxes written with a 64-bit size (size 1, then the size): legal anywhere, rare in tags. Their type is read
/// from the header like any other box's, not from the four bytes before the payload (there, the 64-bit size).
/// </summary>
public sealed class QuickTimeTagBoxTests
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    [Fact]
    public void An_ilst_item_with_a_64_bit_size_is_named_by_its_type()
    {
        var data = Box("data", [0, 0, 0, 1, 0, 0, 0, 0, .. "Harbour at night"u8]);
        var ilst = LargeBox("\u00A9nam", data);

        var tags = new QuickTimeTags();
        tags.ReadItemList(ilst, mdta: false);

        Assert.Equal("Harbour at night", tags.Values["title"]);
    }

    [Fact]
    public void A_user_data_string_with_a_64_bit_size_is_named_by_its_type()
    {
        // A QuickTime string: its length, a Macintosh language code (0, English), the text.
        byte[] text = [0, 10, 0, 0, .. "Lisbon 24"u8, (byte)'!'];
        byte[] movie = [.. Box("ftyp", [.. "qt  "u8, 0, 0, 2, 0, .. "qt  "u8]), .. Box("moov", Box("udta", LargeBox("\u00A9nam", text)))];

        var boxes = new MovieBoxes(new MemoryStream(movie), movie.Length);
        boxes.Walk();

        Assert.Equal("Lisbon 24!", boxes.Tags.Values["title"]);
        Assert.Equal("Lisbon 24!", boxes.Tags.Values["title-eng"]);
    }

    private static byte[] Box(string type, byte[] payload)
    {
        var box = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Latin1.GetBytes(type, box.AsSpan(4));
        payload.CopyTo(box, 8);
        return box;
    }

    private static byte[] LargeBox(string type, byte[] payload)
    {
        var box = new byte[16 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, 1);
        Latin1.GetBytes(type, box.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(box.AsSpan(8), (ulong)box.Length);
        payload.CopyTo(box, 16);
        return box;
    }
}
