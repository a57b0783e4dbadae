namespace Rayray.Mongo.Connection;

/// <summary>
/// A connection string taken apart by <see cref="ConnectionStringParser"/>: every part decoded, the
/// options still as written (lowercased keys, in order, repeats kept), nothing validated yet beyond
/// syntax.
/// </summary>
/// <param name="UserInfoGiven">Whether the string has an '@' before the hosts, even with an empty user name.</param>
/// <param name="Redacted">The string with the password and secret option values replaced by "****".</param>
internal sealed record ConnectionStringParts(
    bool IsSrv,
    IReadOnlyList<MongoHost> Hosts,
    bool UserInfoGiven,
    string? Username,
    string? Password,
    string? Database,
    IReadOnlyList<KeyValuePair<string, string>> Options,
    string Redacted);
