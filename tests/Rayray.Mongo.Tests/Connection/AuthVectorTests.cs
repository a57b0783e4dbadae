using System.Text.Json;
using Rayray.Mongo.Connection;
using Rayray.Testing;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>
/// Every vector of the authentication specification's connection string tests
/// (../shared/spec/auth/connection-string.json) through <see cref="MongoUrl.Parse"/>: valid ones
/// must give the credential (username, password, source, mechanism, mechanism properties), or
/// none; invalid ones must throw <see cref="MongoUrlException"/>.
///
/// Skipped vectors (2), both about MONGODB-AWS credentials in the connection string, which the file
/// holds in two contradictory generations:
/// - "should use username and password if specified (MONGODB-AWS)" and
/// - "should use username, password and session token if specified (MONGODB-AWS)"
/// expect a user name, password and AWS_SESSION_TOKEN from the URI to be accepted, while the same
/// file's "should throw an exception if username and password provided (MONGODB-AWS)" and
/// "should throw an exception if AWS_SESSION_TOKEN provided (MONGODB-AWS)" expect the same URIs to
/// be rejected. rayray follows the current authentication specification (DRIVERS-3131: AWS
/// credentials come only from the environment), so the two older vectors cannot pass.
/// </summary>
public sealed class AuthVectorTests
{
    private const string File = "auth/connection-string.json";

    private static readonly HashSet<string> Superseded =
    [
        "should use username and password if specified (MONGODB-AWS)",
        "should use username, password and session token if specified (MONGODB-AWS)",
    ];

    private static readonly HashSet<string> TestKeys = ["description", "uri", "valid", "credential"];

    public static TheoryData<string, int, string> Vectors => SpecVectors.TestsOf([File], d => !Superseded.Contains(d));

    public static TheoryData<string, int, string> SupersededVectors => SpecVectors.TestsOf([File], Superseded.Contains);

    [SharedCorpusFact]
    public void The_vectors_are_there_and_use_only_the_keys_these_tests_understand()
    {
        var tests = SpecVectors.Load(File).GetProperty("tests").EnumerateArray().ToList();
        Assert.All(tests.SelectMany(t => t.EnumerateObject()), p => Assert.Contains(p.Name, TestKeys));
        Assert.All(Superseded, d => Assert.Contains(tests, t => t.Text("description") == d));
    }

    [SharedCorpusTheory]
    [MemberData(nameof(Vectors))]
    [MemberData(nameof(SupersededVectors), Skip = "contradicted by the newer vectors of the same file; rayray follows DRIVERS-3131 (no MONGODB-AWS credentials in the URI)")]
    public void Vector(string file, int index, string description)
    {
        var test = SpecVectors.Test(file, index);
        Assert.Equal(description, test.Text("description"));
        var uri = test.Text("uri")!;

        if (test.Flag("valid") == false)
        {
            Assert.Throws<MongoUrlException>(() => MongoUrl.Parse(uri));
            return;
        }

        var url = MongoUrl.Parse(uri);
        if (test.Optional("credential") is not { } expected)
        {
            Assert.Null(url.Credential);
            return;
        }

        var credential = url.Credential;
        Assert.NotNull(credential);
        Assert.Equal(expected.Text("username"), credential.Username);
        Assert.Equal(expected.Text("password"), credential.Password);
        Assert.Equal(expected.Text("source"), credential.Source);
        Assert.Equal(expected.Text("mechanism"), credential.Mechanism);
        Assert.Equal(credential.Source, url.AuthSource);
        var expectedProperties = expected.Optional("mechanism_properties") is { } properties
            ? properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];
        Assert.Equal(expectedProperties.OrderBy(p => p.Key), credential.MechanismProperties.OrderBy(p => p.Key));
    }
}
