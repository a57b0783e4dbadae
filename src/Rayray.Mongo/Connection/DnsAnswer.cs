namespace Rayray.Mongo.Connection;

/// <summary>
/// One record of a response's answer section, with its data decoded for the types the client
/// reads: <see cref="Service"/> for SRV, <see cref="Text"/> for TXT (its character-strings
/// concatenated), <see cref="CanonicalName"/> for CNAME. Other types carry no data.
/// </summary>
internal sealed record DnsAnswer(string Name, DnsRecordType Type, SrvRecord? Service = null, string? Text = null, string? CanonicalName = null);
