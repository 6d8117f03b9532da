namespace IcpRegulatorSim.ProviderGateway.Load;

/// <summary>
/// The numbers a workload picks by, from its seed (SplitMix64): the same seed asks for the same things in the same
/// order, whichever threads ask, so two runs can be compared call for call.
/// </summary>
public sealed class SeededSequence(int seed)
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    // Through the mix first, so that neighbouring seeds do not give the same numbers one place apart.
    private readonly ulong origin = Mix((ulong)(uint)seed);
    private long next = -1;

    public ulong Next() => Mix(origin + ((ulong)Interlocked.Increment(ref next) + 1) * Golden);

    /// <summary>The next number as a fraction in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
