using System.Buffers.Binary;

namespace IcpRegulatorSim.Server.Tests;

/// <summary>
/// What a SQLite WAL file says of itself, read from its bytes as the file format documents them: a 32-byte header
/// whose checkpoint sequence and salts change each time the WAL starts over, then frames of a 24-byte header and a
/// page, each frame of the current WAL carrying the header's salts. Frames of an earlier WAL stay behind in the file,
/// with other salts, until they are overwritten.
/// </summary>
internal sealed class WalFile(string path)
{
    private const int HeaderSize = 32;
    private const int FrameHeaderSize = 24;

    public long Bytes => new FileInfo(path).Length;

    /// <summary>Which WAL the file holds: the checkpoint sequence number and the salts of its header.</summary>
    public (uint Sequence, uint Salt1, uint Salt2) Generation()
    {
        var header = Read(0, HeaderSize);
        return (BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12)), BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(16)),
            BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(20)));
    }

    /// <summary>How many frames the current WAL has written: the frames carrying the header's salts come first, one after another.</summary>
    public long Frames()
    {
        var header = Read(0, HeaderSize);
        var frameSize = FrameHeaderSize + BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        var salts = header.AsSpan(16, 8).ToArray();
        bool Current(long frame) => Read(HeaderSize + ((frame - 1) * frameSize) + 8, 8).AsSpan().SequenceEqual(salts);

        // The largest frame of the current WAL, by halving: every frame before it is current too, none after it is.
        long low = 0, high = (Bytes - HeaderSize) / frameSize;
        while (low < high)
        {
            var middle = low + ((high - low + 1) / 2);
            if (Current(middle))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }
        return low;
    }

    private byte[] Read(long offset, int count)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = new byte[count];
        file.Position = offset;
        file.ReadExactly(bytes);
        return bytes;
    }
}
