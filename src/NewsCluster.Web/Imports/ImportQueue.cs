using System.Threading.Channels;

namespace NewsCluster.Web.Imports;

/// <summary>Import ids waiting for the background worker. Bounded, so a burst of uploads waits instead of piling up.</summary>
public sealed class ImportQueue
{
    private readonly Channel<long> _channel = Channel.CreateBounded<long>(new BoundedChannelOptions(256)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    public ValueTask EnqueueAsync(long importId, CancellationToken cancellationToken) => _channel.Writer.WriteAsync(importId, cancellationToken);

    public IAsyncEnumerable<long> ReadAllAsync(CancellationToken cancellationToken) => _channel.Reader.ReadAllAsync(cancellationToken);
}
