using Rayray.Core.Documents;
using Rayray.Core.Web;

namespace Rayray.Tests.Scanning;

/// <summary>How a URL given to the scan becomes a location: without its credentials, never printing them.</summary>
public sealed class WebAddressTests
{
    [Fact]
    public void A_url_is_kept_without_user_name_password_and_fragment()
    {
        Assert.True(WebAddress.TryParse("HTTPS://alice:p%40ss@Photos.Example.com:443/2024/my%20photo.JPG?size=2#top", out var address, out _));

        Assert.Equal("https://photos.example.com/2024/my%20photo.JPG?size=2", address.Location);
        Assert.Equal("my photo.JPG", address.Name);
        Assert.Equal("https://photos.example.com", address.Origin);
        Assert.DoesNotContain("alice", address.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://bob:Secret-7@/nohost.jpg")]
    [InlineData("ftp://bob:Secret-7@host/a.jpg")]
    [InlineData("https://bob:Secret-7@host:99999/a.jpg")]
    public void A_url_that_cannot_be_read_is_refused_without_repeating_its_password(string text)
    {
        Assert.True(WebAddress.LooksLikeUrl(text));
        Assert.False(WebAddress.TryParse(text, out _, out var error));
        Assert.DoesNotContain("Secret-7", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://host/a/b.jpg?path=/x/y", "https://host/a")]
    [InlineData("https://host/b.jpg", "https://host")]
    [InlineData("/photos/2024/a.jpg", "/photos/2024")]
    public void A_location_belongs_to_the_folder_before_its_last_slash(string path, string folder) =>
        Assert.Equal(folder, LocationFolder.Of(path));

    [Theory]
    [InlineData("photo.jpg", false)]
    [InlineData("./http:/x.jpg", false)]
    [InlineData("https://host/x.jpg", true)]
    [InlineData("s3://bucket/x.jpg", true)]
    public void Text_is_taken_for_a_url_only_with_a_scheme(string text, bool isUrl) =>
        Assert.Equal(isUrl, WebAddress.LooksLikeUrl(text));
}
