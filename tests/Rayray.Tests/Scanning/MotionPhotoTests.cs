using Rayray.Core.Query;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>Motion photos: the video after the picture is found where the XMP (or a Samsung trailer) says, and has:motionPhoto finds them.</summary>
public sealed class MotionPhotoTests : ScannedLibrary
{
    /// <summary>A stand-in for the phone's MP4: what the offset must point at.</summary>
    private static readonly byte[] Video = [0, 0, 0, 24, .. "ftypmp42"u8, 0, 0, 0, 0, .. "isommp42"u8, 0, 0, 0, 8, .. "mdat"u8];

    private static string Packet(string body) =>
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + body + "</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";

    /// <summary>Motion Photo format 1.0, as Pixel and Samsung phones write it.</summary>
    private static readonly string ContainerPacket = Packet($"""
        <rdf:Description rdf:about="" xmlns:GCamera="http://ns.google.com/photos/1.0/camera/"
            xmlns:Container="http://ns.google.com/photos/1.0/container/" xmlns:Item="http://ns.google.com/photos/1.0/container/item/"
            GCamera:MotionPhoto="1" GCamera:MotionPhotoVersion="1">
          <Container:Directory><rdf:Seq>
            <rdf:li rdf:parseType="Resource"><Container:Item Item:Mime="image/jpeg" Item:Semantic="Primary" Item:Length="0" Item:Padding="0"/></rdf:li>
            <rdf:li rdf:parseType="Resource"><Container:Item Item:Mime="video/mp4" Item:Semantic="MotionPhoto" Item:Length="{Video.Length}" Item:Padding="0"/></rdf:li>
          </rdf:Seq></Container:Directory>
        </rdf:Description>
        """);

    /// <summary>The older Pixel form: the video's length counted back from the end.</summary>
    private static readonly string MicroVideoPacket = Packet($"""
        <rdf:Description rdf:about="" xmlns:GCamera="http://ns.google.com/photos/1.0/camera/"
            GCamera:MicroVideo="1" GCamera:MicroVideoVersion="1" GCamera:MicroVideoOffset="{Video.Length}" GCamera:MicroVideoPresentationTimestampUs="1066666"/>
        """);

    /// <summary>
    /// A Samsung phone's trailer after the picture: the video as a block named <c>MotionPhoto_Data</c>, then the
    /// <c>SEFH</c> directory giving its distance back from the directory and its size, the directory's length and <c>SEFT</c>.
    /// </summary>
    private static byte[] SamsungTrailer(byte[] video, uint? lyingDistance = null)
    {
        var name = "MotionPhoto_Data"u8.ToArray();
        byte[] block = [0x00, 0x00, 0x30, 0x0A, .. LittleEndian((uint)name.Length), .. name, .. video];
        byte[] directory =
        [
            .. "SEFH"u8, .. LittleEndian(106), .. LittleEndian(1),
            0x00, 0x00, 0x30, 0x0A, .. LittleEndian(lyingDistance ?? (uint)block.Length), .. LittleEndian((uint)block.Length),
        ];
        return [.. block, .. directory, .. LittleEndian((uint)directory.Length), .. "SEFT"u8];
    }

    private static byte[] LittleEndian(uint value) => BitConverter.IsLittleEndian ? BitConverter.GetBytes(value) : [.. BitConverter.GetBytes(value).Reverse()];

    private protected override void WriteFiles()
    {
        Library.Add("samsung.jpg", [.. TestImages.Jpeg(64, 48), .. SamsungTrailer(Video)]);
        Library.Add("samsung.heic", [.. TestImages.Heic(64, 48), .. SamsungTrailer(Video)]);
        Library.Add("samsung_lying.jpg", [.. TestImages.Jpeg(64, 48), .. SamsungTrailer(Video, lyingDistance: 99999999)]);
        Library.Add("PXL_motion.jpg", [.. TestImages.Jpeg(64, 48, xmp: ContainerPacket), .. Video]);
        Library.Add("MVIMG_micro.jpg", [.. TestImages.Jpeg(64, 48, xmp: MicroVideoPacket), .. Video]);
        Library.Add("still.jpg", TestImages.Jpeg(64, 48));
        // A directory that claims more bytes than the file holds is not a motion photo.
        Library.Add("lying.jpg", TestImages.Jpeg(64, 48, xmp: ContainerPacket.Replace($"Item:Length=\"{Video.Length}\"", "Item:Length=\"99999999\"", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("PXL_motion.jpg", 0)]
    [InlineData("MVIMG_micro.jpg", 0)]
    [InlineData("samsung.jpg", 24 + 8)] // the Samsung trailer's directory (SEFH, one entry), its length and SEFT come after the video
    [InlineData("samsung.heic", 24 + 8)]
    public async Task The_video_of_a_motion_photo_is_found_at_the_end_of_the_file(string name, int after)
    {
        var path = Library.PathOf(name);
        var document = await Store.FindAsync(path, default);

        var motion = Assert.IsType<Rayray.Core.Documents.MotionPhoto>(document!.MotionPhoto);
        Assert.Equal(new FileInfo(path).Length - after - Video.Length, motion.Offset);
        Assert.Equal(Video.Length, motion.Length);
        Assert.Equal("video/mp4", motion.MimeType);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal("ftyp"u8.ToArray(), bytes.AsSpan((int)motion.Offset + 4, 4).ToArray());
        Assert.Equal(Rayray.Core.Documents.DocumentStatus.Indexed, document.Status);
    }

    [Fact]
    public async Task Has_motion_photo_finds_the_motion_photos_only() =>
        Assert.Equal(["MVIMG_micro.jpg", "PXL_motion.jpg", "samsung.heic", "samsung.jpg"], await Matching("has:motionPhoto"));

    [Fact]
    public void A_motion_photo_is_not_compared_with_a_value()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse("motionPhoto:x"));
        Assert.Contains("has:motionPhoto", error.Message, StringComparison.Ordinal);
    }
}
