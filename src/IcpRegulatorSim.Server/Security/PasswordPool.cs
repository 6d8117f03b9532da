using System.Collections.Concurrent;
using System.Security.Cryptography;
using IcpRegulatorSim.Domain.Registry;

namespace IcpRegulatorSim.Server.Security;

/// <summary>
/// Freshly generated filing passwords with their hashes, made ahead of time in the background: the hash is slow on
/// purpose, and the single writer must not stall on it when an approval issues a password.
/// </summary>
public sealed class PasswordPool(PasswordHasher hasher, int length, int size = 8)
{
    // No 0/O, 1/l/I: the password is read off a phone screen and typed in by hand.
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

    private readonly ConcurrentQueue<IssuedPassword> ready = new();
    private int refilling;

    public IssuedPassword Take()
    {
        var password = ready.TryDequeue(out var made) ? made : Make();
        Refill();
        return password;
    }

    private void Refill()
    {
        if (Interlocked.CompareExchange(ref refilling, 1, 0) != 0)
        {
            return;
        }
        _ = Task.Run(() =>
        {
            try
            {
                while (ready.Count < size)
                {
                    ready.Enqueue(Make());
                }
            }
            finally
            {
                Volatile.Write(ref refilling, 0);
            }
        });
    }

    private IssuedPassword Make()
    {
        var plain = RandomNumberGenerator.GetString(Alphabet, length);
        return new IssuedPassword(plain, hasher.Hash(plain));
    }
}
