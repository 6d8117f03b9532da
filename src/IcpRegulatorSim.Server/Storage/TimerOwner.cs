namespace IcpRegulatorSim.Server.Storage;

/// <summary>What kind of thing a timer belongs to; each kind has one <see cref="IDeadlineHandler"/> that applies its deadlines.</summary>
public enum TimerOwnerKind
{
    /// <summary>A filing order: its codes to send, its validation to expire, its review to decide.</summary>
    Order = 0,

    /// <summary>A filed subject in the registry: the administration's deadlines on its services.</summary>
    Subject = 1,

    /// <summary>A website's public-security filing: its review to decide.</summary>
    WebsiteFiling = 2,
}

/// <summary>The owner of a timer: its kind and its key among the owners of that kind (an order id, a subject number, a public-security filing id).</summary>
public readonly record struct TimerOwner(TimerOwnerKind Kind, string Id)
{
    public static TimerOwner Order(string orderId) => new(TimerOwnerKind.Order, orderId);

    public static TimerOwner Subject(string subjectNumber) => new(TimerOwnerKind.Subject, subjectNumber);

    public static TimerOwner WebsiteFiling(string filingId) => new(TimerOwnerKind.WebsiteFiling, filingId);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Id}";
}
