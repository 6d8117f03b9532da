using IcpRegulatorSim.Domain.Filings;
using IcpRegulatorSim.Domain.PublicSecurity;
using IcpRegulatorSim.Domain.Registry;
using IcpRegulatorSim.Domain.Rules;
using IcpRegulatorSim.Domain.Time;
using IcpRegulatorSim.Server.Hosting;
using IcpRegulatorSim.Server.Time;

namespace IcpRegulatorSim.Server.Storage;

/// <summary>
/// What a command sees inside the writer: the transaction, its world, and the world's time — read once when the
/// command starts (or the deadline's own instant while a deadline is applied).
/// </summary>
public sealed class WriteSession
{
    private readonly WriterConnection connection;
    private readonly WriterWorlds worlds;
    private readonly DeadlineCatchUp deadlines;
    private readonly RegulatorMetrics metrics;
    private readonly WorldClocks clocks;
    private WorldState? state;

    internal WriteSession(WriterConnection connection, WriterWorlds worlds, DeadlineCatchUp deadlines, RegulatorMetrics metrics, WorldClocks clocks)
    {
        this.connection = connection;
        this.worlds = worlds;
        this.deadlines = deadlines;
        this.metrics = metrics;
        this.clocks = clocks;
    }

    public DbSession Db => connection.Db;
    public string WorldId => State.WorldId;
    public long Seed => State.Seed;
    public DateTimeOffset Now { get; internal set; }
    public WorldClock Clock => PendingClock ?? State.Clock;

    /// <summary>Whether a command of the transaction under way changed the world's keys, faults or existence.</summary>
    internal bool ConfigurationChanged { get; set; }
    internal WorldClock? PendingClock { get; private set; }
    internal List<Action> AfterCommit { get; } = [];
    private readonly List<Action> undo = [];
    // What the transaction's commands stood on so far (the keys of their declared reads), and whether it did something
    // it cannot name by keys: what a later command's declared read found before them may no longer hold.
    private readonly HashSet<string> touched = new(StringComparer.Ordinal);
    private bool touchedAll;
    private bool readAhead;

    /// <summary>
    /// The next order id of the world: ids count per world, so a new world with the same seed replays the same ids
    /// (and the review times drawn from them). They never go back, not even across a Reset.
    /// </summary>
    public string TakeOrderId() => $"ord-{Take(WorldStore.OrderCounter, 1):D8}";

    /// <summary>The number of the world's next sample filing (the trainer's desk's), counted as order ids are.</summary>
    public long TakeSampleNumber() => Take(WorldStore.SampleCounter, 1);

    /// <summary>The id of the world's next public-security filing, counted as sample numbers are: never given twice.</summary>
    public string TakeWebsiteFilingId() => $"psf-{Take(WorldStore.WebsiteFilingCounter, 1):D8}";

    /// <summary>The id of the world's next account of the public-security platform.</summary>
    public string TakePublicSecurityAccountId() => $"psa-{Take(WorldStore.PublicSecurityAccountCounter, 1):D8}";

    /// <summary>Takes <paramref name="count"/> consecutive event numbers of a provider; returns the first.</summary>
    public long TakeEventSeqs(string providerId, int count) => Take(WorldStore.EventCounter(providerId), count);

    /// <summary>Sends messages: each goes into the world's outbox, numbered in turn.</summary>
    public void Send(string orderId, IReadOnlyList<OutgoingMessage> messages, DateTimeOffset at)
    {
        if (messages.Count > 0)
        {
            OutboxStore.Append(Db, WorldId, orderId, messages, at, Take(WorldStore.MessageCounter, messages.Count));
            var (sms, emails) = (messages.Count(m => m.Channel == MessageChannel.Sms), messages.Count(m => m.Channel == MessageChannel.Email));
            OnCommitted(() =>
            {
                metrics.Sent(MessageChannel.Sms, sms);
                metrics.Sent(MessageChannel.Email, emails);
            });
        }
    }

    /// <summary>Takes <paramref name="count"/> consecutive values of one of the world's counters; returns the first.</summary>
    private long Take(string counter, int count)
    {
        var world = State;
        var first = world.Counters.TryGetValue(counter, out var known) ? known : WorldStore.NextValue(Db, WorldId, counter);
        undo.Add(() => world.Counters[counter] = first);
        world.Counters[counter] = first + count;
        // The rows numbered by most counters are written with them and tell how far they went (see WorldStore).
        world.CountersDirty |= !WorldStore.IsKeptByItsRows(counter);
        return first;
    }

    /// <summary>
    /// Whether the registry checks need their lookups at all: a world without registry fixtures or a blacklist (the
    /// usual sandbox) skips two statements per submission.
    /// </summary>
    public bool MayHaveRegistryFixtures() =>
        State.MayHaveRegistryFixtures ??= DomainRegistryStore.AnyFixtures(Db, WorldId);

    /// <summary>
    /// The command changes the world's provider keys, faults or existence, which every node keeps in memory: the other
    /// nodes on a shared database are told to read them again when it commits.
    /// </summary>
    public void ChangesConfiguration() => ConfigurationChanged = true;

    /// <summary>The world now has registry fixtures (kept even if the command rolls back: true is always safe).</summary>
    public void RegistryFixturesAdded() => State.MayHaveRegistryFixtures = true;

    /// <summary>Where a savepoint starts: in the undo log of counters, and in the actions for after the commit.</summary>
    internal (int Undo, int Actions) Mark => (undo.Count, AfterCommit.Count);

    /// <summary>
    /// Forgets what was done since <paramref name="mark"/>, whose savepoint rolled back: the numbers taken are given
    /// back, and what was to run after the commit (a message counted, a clock published) will not.
    /// </summary>
    internal void RollBackTo((int Undo, int Actions) mark)
    {
        for (var i = undo.Count - 1; i >= mark.Undo; i--)
        {
            undo[i]();
        }
        undo.RemoveRange(mark.Undo, undo.Count - mark.Undo);
        AfterCommit.RemoveRange(mark.Actions, AfterCommit.Count - mark.Actions);
    }

    /// <summary>Runs <paramref name="action"/> once the command's batch has committed (never if it does not).</summary>
    public void OnCommitted(Action action) => AfterCommit.Add(action);

    /// <summary>
    /// Deletes the world (not its counters). The writer forgets it at once, so a later command of the same batch finds
    /// no such world, as it would after the commit.
    /// </summary>
    public void DeleteWorld()
    {
        WorldStore.Delete(Db, WorldId);
        var world = State;
        worlds.Retire(Db, world);
        undo.Add(() => worlds.Restore(world));
    }

    private WorldState State => state ?? throw new InvalidOperationException("No command is being applied.");

    public ReviewPlanner Planner(RuleBook rules) => ReviewPlanner.For(rules, Seed);

    /// <summary>Saves an order and everything derived from it, and lets the writer know of its deadlines; returns the stored document.</summary>
    /// <param name="timerWas">The order's timer, when it was read with the order (see <see cref="SmsIndexRow.Timer"/>).</param>
    public byte[] Save(FilingOrder order, bool isNew, KnownTimer? timerWas = null)
    {
        if (order.NewEvents.Count > 0)
        {
            EventStore.Append(Db, WorldId, order, TakeEventSeqs(order.ProviderId, order.NewEvents.Count));
            var (type, kinds) = (order.Type, order.NewEvents.Select(e => e.Kind).ToArray());
            OnCommitted(() => metrics.OrderEvents(type, kinds));
        }
        Send(order.OrderId, order.NewMessages, order.UpdatedAt);
        var (document, earliest) = OrderStore.Save(Db, WorldId, order, isNew, timerWas);
        if (earliest is { } due)
        {
            worlds.NoteDeadline(WorldId, due);
        }
        return document;
    }

    /// <summary>
    /// Saves a filed subject, and the administration's deadlines on its services (an open spot check, an empty shell's
    /// grace) as its timer, as an order's are kept.
    /// </summary>
    public void SaveSubject(FiledSubject subject, bool isNew, SupervisionRules rules)
    {
        RegistryStore.Save(Db, WorldId, subject, isNew);
        if (TimerStore.Replace(Db, WorldId, TimerOwner.Subject(subject.SubjectNumber), subject.Deadlines(rules.EmptyShellGrace), isNew) is { } due)
        {
            worlds.NoteDeadline(WorldId, due);
        }
    }

    /// <summary>Saves a website's public-security filing, its lookups and its timer (its review's deadline), as an order's are kept.</summary>
    public void SaveWebsiteFiling(WebsiteFiling filing, bool isNew)
    {
        if (PublicSecurityStore.SaveFiling(Db, WorldId, filing, isNew) is { } due)
        {
            worlds.NoteDeadline(WorldId, due);
        }
    }

    /// <summary>Removes a filed subject from the registry, with its deadlines.</summary>
    public void DeleteSubject(string subjectNumber)
    {
        // The timer first: the subject's row names it.
        TimerStore.Replace(Db, WorldId, TimerOwner.Subject(subjectNumber), [], isNew: false);
        RegistryStore.Delete(Db, WorldId, subjectNumber);
    }

    /// <summary>
    /// Applies, in order, the deadlines due by <paramref name="upTo"/> of at most <paramref name="maxTimers"/> timers (each
    /// an order's or a filed subject's), without moving the clock; returns how many deadlines, and whether any is still due.
    /// </summary>
    public (int Applied, bool More) ApplyDeadlines(DateTimeOffset upTo, int maxTimers)
    {
        var applied = deadlines.Apply(this, State, upTo, maxTimers);
        return (applied, State.NextDueMs is not { } next || next <= upTo.ToUnixTimeMilliseconds());
    }

    /// <summary>
    /// Moves the clock to the earliest deadline still due by <paramref name="upTo"/> (or to it, if none is): after an
    /// advance stopped between two parts, every deadline it applied is then behind the clock. Those due at that
    /// instant are caught up as after any command. Returns what the clock reads.
    /// </summary>
    public DateTimeOffset CatchUpClock(DateTimeOffset upTo)
    {
        var reached = TimerStore.EarliestDue(Db, WorldId) is { } next && next < upTo.ToUnixTimeMilliseconds()
            ? DateTimeOffset.FromUnixTimeMilliseconds(next)
            : upTo;
        if (reached > Now)
        {
            SetClock(Clock.SetTo(reached, clocks.RealNow));
            Now = reached;
        }
        return Now;
    }

    /// <summary>
    /// Moves the world's clock to <paramref name="target"/>, applying every deadline on the way in order; returns how
    /// many. A clock another advance has already taken past it stays where it is: it never goes back.
    /// </summary>
    public int AdvanceClockTo(DateTimeOffset target)
    {
        var applied = deadlines.Apply(this, State, target);
        if (target > Now)
        {
            SetClock(Clock.SetTo(target, clocks.RealNow));
            Now = target;
        }
        return applied;
    }

    public void SetClock(WorldClock clock)
    {
        PendingClock = clock;
        WorldStore.SaveClock(Db, WorldId, clock);
    }

    /// <summary>Empties the world and returns its clock to where it started; its counters go on.</summary>
    public void ResetWorld()
    {
        WorldStore.Clear(Db, WorldId);
        State.NextDueMs = null;
        State.MayHaveRegistryFixtures = null;
        var clock = Clock;
        SetClock(clock.SetTo(DateTimeOffset.FromUnixTimeMilliseconds(clock.StartMs), clocks.RealNow));
    }

    /// <summary>
    /// Whether what the batch read for <paramref name="read"/> still holds: no command before it in the transaction
    /// stood on one of its keys, and nothing happened that names no key. Its own keys count as touched from now on.
    /// </summary>
    internal bool Claim(DeclaredRead read, IEnumerable<string> found)
    {
        if (!readAhead)
        {
            return false;
        }
        var keys = read.Keys.Concat(found).ToList();
        var fresh = !touchedAll && !keys.Any(touched.Contains);
        touched.UnionWith(keys);
        return fresh;
    }

    /// <summary>What a command read for itself names keys its declaration could not: it may change what they name.</summary>
    internal void Touch(IEnumerable<string> keys)
    {
        if (readAhead)
        {
            touched.UnionWith(keys);
        }
    }

    /// <summary>A command with a declared read was applied (or refused): what it stood on may have changed.</summary>
    internal void Touch(DeclaredRead read)
    {
        if (readAhead)
        {
            touched.UnionWith(read.Keys);
        }
    }

    /// <summary>Something was done that no key names (a deadline applied, a command without a declared read).</summary>
    internal void TouchAll() => touchedAll = true;

    /// <summary>A new transaction: nothing read ahead, nothing touched yet.</summary>
    internal void BeginTransaction()
    {
        readAhead = false;
        touched.Clear();
        touchedAll = false;
    }

    /// <summary>The writer read ahead for the transaction's commands (see <see cref="DeclaredRead"/>).</summary>
    internal void ReadAhead() => readAhead = true;

    internal void Begin(WorldState world, DateTimeOffset now)
    {
        state = world;
        Now = now;
    }

    internal void BeginGlobal()
    {
        state = null;
        Now = clocks.RealNow;
    }

    internal void End()
    {
        PendingClock = null;
        state = null;
        AfterCommit.Clear();
        undo.Clear();
    }
}
