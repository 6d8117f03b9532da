namespace IcpRegulatorSim.Server.Storage;

/// <summary>A savepoint of the writer's transaction, and where in the batch of writes its statement went.</summary>
internal readonly record struct Savepoint(string Name, WriteBatch.Position Mark);
