namespace Rayray.Mongo.Connection;

/// <summary>One DNS SRV record (RFC 2782). <see cref="Target"/> is lowercase without the trailing dot.</summary>
public sealed record SrvRecord(string Target, int Port, int Priority, int Weight);
