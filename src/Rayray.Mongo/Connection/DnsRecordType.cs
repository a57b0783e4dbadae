namespace Rayray.Mongo.Connection;

/// <summary>The resource record types the DNS client reads (RFC 1035, RFC 2782).</summary>
internal enum DnsRecordType : ushort
{
    A = 1,
    CanonicalName = 5,
    Text = 16,
    Service = 33,
}
