using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>The people Picasa tagged, from the .picasa.ini of their folder; a change to the ini is a change to the files it names.</summary>
public sealed class PicasaIniTests : ScannedLibrary
{
    private const string Ini = """
        [Contacts2]
        a1b2c3d4e5f60718=Jane Doe;jane@example.com;
        0f1e2d3c4b5a6978=Ana Lima;;
        [IMG_0001.jpg]
        faces=rect64(3f845bcb59418507),a1b2c3d4e5f60718;rect64(1a2b3c4d5e6f7081),0f1e2d3c4b5a6978;rect64(5a6b7c8d9e0f1a2b),ffffffffffffffff
        [IMG_0002.jpg]
        star=yes
        [img_0003.JPG]
        faces=rect64(3f845bcb59418507),99999999aaaaaaaa
        """;

    private protected override void WriteFiles()
    {
        Library.Add("picasa/IMG_0001.jpg", TestImages.Jpeg(64, 48));
        Library.Add("picasa/IMG_0002.jpg", TestImages.Jpeg(66, 48));
        Library.Add("picasa/IMG_0003.jpg", TestImages.Jpeg(68, 48));
        Library.Add("picasa/.picasa.ini", Ini.Replace("\n", "\r\n", StringComparison.Ordinal));
    }

    private async Task<Rayray.Core.Documents.MediaDocument> Document(string relative) => (await Store.FindAsync(Library.PathOf(relative), default))!;

    [Fact]
    public async Task The_people_tagged_in_a_picture_are_named_from_the_contacts_of_its_folder_ini()
    {
        var tagged = await Document("picasa/IMG_0001.jpg");

        Assert.Equal(["Jane Doe", "Ana Lima"], tagged.People);
        Assert.Equal(Library.PathOf("picasa/.picasa.ini"), tagged.Locations.Single().PicasaIni?.Path);
        Assert.Equal(["IMG_0001.jpg"], await Matching("person:\"Ana Lima\""));
        Assert.Contains("\"picasa\":{\"faces\":", tagged.MetadataRaw.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_picture_without_faces_has_no_ini_and_a_contact_named_elsewhere_is_noted()
    {
        var starred = await Document("picasa/IMG_0002.jpg");
        var unknown = await Document("picasa/IMG_0003.jpg");

        Assert.Null(starred.Locations.Single().PicasaIni);
        Assert.Empty(starred.People);
        Assert.Empty(unknown.People);
        Assert.Contains(unknown.Errors, e => e.Contains("contacts.xml", StringComparison.Ordinal));
        Assert.Equal(3, await Store.CountAsync(default)); // the ini is never a document
    }

    [Fact]
    public async Task Naming_a_contact_in_the_ini_reads_the_pictures_it_tags_again()
    {
        var ini = Library.PathOf("picasa/.picasa.ini");
        await File.WriteAllTextAsync(ini, Ini + "\n[Contacts]\n99999999aaaaaaaa=Bo Chen;\n");
        File.SetLastWriteTimeUtc(ini, DateTime.UtcNow.AddMinutes(1));

        var rescan = await TestScan.RunAsync(Store, [Library.Root]);

        Assert.Equal(["Bo Chen"], (await Document("picasa/IMG_0003.jpg")).People);
        Assert.Equal((2L, 1L), (rescan.FilesRead, rescan.Unchanged));
    }
}
