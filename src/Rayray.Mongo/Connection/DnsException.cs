namespace Rayray.Mongo.Connection;

/// <summary>A DNS query that got no usable answer: every server timed out, failed or sent a malformed reply.</summary>
public sealed class DnsException : Exception
{
    public DnsException()
    {
    }

    public DnsException(string message)
        : base(message)
    {
    }

    public DnsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
