using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using IcpRegulatorSim.Domain.Errors;
using IcpRegulatorSim.Domain.Texts;
using IcpRegulatorSim.Server.Api;

namespace IcpRegulatorSim.Server.Hosting;

/// <summary>
/// Binds generated gRPC services the way grpc-dotnet's own binder does, with one difference: a request body that is
/// not a valid message is answered INVALID_ARGUMENT (with the usual error details), where grpc-dotnet answers UNKNOWN
/// because the parse fails before any interceptor runs; and a request whose lists are longer than any call takes is
/// refused from its bytes, before it is parsed (<see cref="ListLimits"/>).
/// </summary>
public sealed class ParsingServiceMethodProvider<TService> : IServiceMethodProvider<TService> where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        for (var type = typeof(TService); type is not null; type = type.BaseType)
        {
            if (type.GetCustomAttribute<BindServiceMethodAttribute>(inherit: false) is { } bind)
            {
                var method = bind.BindType.GetMethod(bind.BindMethodName, BindingFlags.Public | BindingFlags.Static, [typeof(ServiceBinderBase), type])
                    ?? throw new InvalidOperationException($"{bind.BindType}.{bind.BindMethodName} not found.");
                method.Invoke(null, [new Binder(context, type), null]);
                return;
            }
        }
    }

    private sealed class Binder(ServiceMethodProviderContext<TService> context, Type declaringType) : ServiceBinderBase
    {
        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
            context.AddUnaryMethod(Guarded(method), Metadata(method, [typeof(TRequest), typeof(ServerCallContext)], out var m),
                (UnaryServerMethod<TService, TRequest, TResponse>)Delegate.CreateDelegate(typeof(UnaryServerMethod<TService, TRequest, TResponse>), m));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddServerStreamingMethod(Guarded(method),
                Metadata(method, [typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out var m),
                (ServerStreamingServerMethod<TService, TRequest, TResponse>)Delegate.CreateDelegate(
                    typeof(ServerStreamingServerMethod<TService, TRequest, TResponse>), m));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddClientStreamingMethod(Guarded(method),
                Metadata(method, [typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext)], out var m),
                (ClientStreamingServerMethod<TService, TRequest, TResponse>)Delegate.CreateDelegate(
                    typeof(ClientStreamingServerMethod<TService, TRequest, TResponse>), m));

        public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
            context.AddDuplexStreamingMethod(Guarded(method),
                Metadata(method, [typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext)], out var m),
                (DuplexStreamingServerMethod<TService, TRequest, TResponse>)Delegate.CreateDelegate(
                    typeof(DuplexStreamingServerMethod<TService, TRequest, TResponse>), m));

        /// <summary>The implementation of the method on TService, and the endpoint metadata grpc-dotnet gives it.</summary>
        private List<object> Metadata(IMethod method, Type[] parameters, out MethodInfo implementation)
        {
            implementation = Implementation(method.Name, parameters)
                ?? throw new InvalidOperationException($"{typeof(TService)} does not implement {method.FullName}.");
            var metadata = new List<object>();
            metadata.AddRange(typeof(TService).GetCustomAttributes(inherit: true));
            metadata.AddRange(implementation.GetCustomAttributes(inherit: true));
            metadata.Add(new HttpMethodMetadata(["POST"], acceptCorsPreflight: true));
            return metadata;
        }

        private MethodInfo? Implementation(string name, Type[] parameters)
        {
            for (var type = typeof(TService); type is not null; type = type.BaseType)
            {
                var candidate = type.GetMethod(name, BindingFlags.Public | BindingFlags.Instance, parameters);
                if (candidate is { IsVirtual: true } && candidate.GetBaseDefinition().DeclaringType == declaringType)
                {
                    return candidate;
                }
            }
            return null;
        }
    }

    private static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method)
    {
        var parse = method.RequestMarshaller.ContextualDeserializer;
        var type = typeof(TRequest).GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as MessageDescriptor;
        var request = Marshallers.Create(method.RequestMarshaller.ContextualSerializer, context =>
        {
            try
            {
                // Measured before it is parsed: a request of two million empty messages would be two million objects.
                if (type is not null)
                {
                    ListLimits.CheckWire(context.PayloadAsReadOnlySequence(), type);
                }
                return parse(context);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw ErrorInterceptor.ToRpcException(RegulatorErrors.Invalid("", "MALFORMED_MESSAGE",
                    FieldTexts.MalformedMessage(typeof(TRequest).Name, e.Message)));
            }
            catch (RegulatorException e)
            {
                throw ErrorInterceptor.ToRpcException(e);
            }
        });
        return new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, request, method.ResponseMarshaller);
    }
}
